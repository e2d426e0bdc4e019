package io.mqttas.codec;

import static io.mqttas.codec.Wire.decodeAll;
import static io.mqttas.codec.Wire.decodeInChunks;
import static io.mqttas.codec.Wire.decodeOne;
import static io.mqttas.codec.Wire.encode;
import static io.mqttas.codec.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-computed byte vectors (MQTT 3.1.1 §3) for every packet type, checked in both directions. */
class GoldenVectorsTest {

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("CONNECT minimal", new Connect("c1", true, 60, null, null, null),
                        "10 0e 00 04 4d 51 54 54 04 02 00 3c 00 02 63 31"),
                Arguments.of("CONNECT will+user+password", new Connect("id", false, 10,
                                new Connect.Will("w/t", ascii("bye"), 1, true), "u", ascii("p")),
                        "10 1e 00 04 4d 51 54 54 04 ec 00 0a 00 02 69 64 00 03 77 2f 74 00 03 62 79 65 00 01 75 00 01 70"),
                Arguments.of("CONNECT user only, empty client id", new Connect("", true, 0, null, "me", null),
                        "10 10 00 04 4d 51 54 54 04 82 00 00 00 00 00 02 6d 65"),
                Arguments.of("CONNACK session present", new ConnAck(true, 0), "20 02 01 00"),
                Arguments.of("CONNACK refused", new ConnAck(false, ConnAck.REFUSED_NOT_AUTHORIZED), "20 02 00 05"),
                Arguments.of("PUBLISH QoS 0", new Publish("a/b", ascii("hi"), 0, false, false, 0),
                        "30 07 00 03 61 2f 62 68 69"),
                Arguments.of("PUBLISH QoS 1 retain dup", new Publish("a/b", ascii("hi"), 1, true, true, 10),
                        "3b 09 00 03 61 2f 62 00 0a 68 69"),
                Arguments.of("PUBLISH QoS 2 empty payload", new Publish("t", new byte[0], 2, false, false, 65535),
                        "34 05 00 01 74 ff ff"),
                Arguments.of("PUBLISH UTF-8 topic (lengths in bytes, B8)", new Publish("ü/€/😀", new byte[0], 0, false, false, 0),
                        "30 0d 00 0b c3 bc 2f e2 82 ac 2f f0 9f 98 80"),
                Arguments.of("PUBACK", new PubAck(10), "40 02 00 0a"),
                Arguments.of("PUBREC", new PubRec(258), "50 02 01 02"),
                Arguments.of("PUBREL", new PubRel(1), "62 02 00 01"),
                Arguments.of("PUBCOMP", new PubComp(65535), "70 02 ff ff"),
                Arguments.of("SUBSCRIBE", new Subscribe(1, List.of(new Subscribe.Subscription("a/+", 1),
                        new Subscribe.Subscription("#", 0))), "82 0c 00 01 00 03 61 2f 2b 01 00 01 23 00"),
                Arguments.of("SUBACK", new SubAck(1, List.of(1, 0x80)), "90 04 00 01 01 80"),
                Arguments.of("UNSUBSCRIBE", new Unsubscribe(2, List.of("a/+", "#")), "a2 0a 00 02 00 03 61 2f 2b 00 01 23"),
                Arguments.of("UNSUBACK", new UnsubAck(2), "b0 02 00 02"),
                Arguments.of("PINGREQ", PingReq.INSTANCE, "c0 00"),
                Arguments.of("PINGRESP", PingResp.INSTANCE, "d0 00"),
                Arguments.of("DISCONNECT", Disconnect.INSTANCE, "e0 00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesToTheVector(String name, MqttPacket packet, String wire) {
        assertEquals(wire, hex(encode(packet)));
        assertEquals(hex(wire).length, MqttEncoder.encodedLength(packet));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesTheVector(String name, MqttPacket packet, String wire) {
        assertEquals(packet, decodeOne(hex(wire)));
        assertEquals(List.of(packet), decodeInChunks(hex(wire), 1));
    }

    @Test
    void allVectorsInOneStreamDecodeInOrder() {
        List<MqttPacket> packets = vectors().map(a -> (MqttPacket) a.get()[1]).toList();
        byte[] stream = vectors().map(a -> hex((String) a.get()[2])).reduce(new byte[0], GoldenVectorsTest::concat);
        assertEquals(packets, decodeAll(stream));
        for (int chunk : new int[] {1, 2, 3, 7, 64}) {
            assertEquals(packets, decodeInChunks(stream, chunk), "chunk " + chunk);
        }
    }

    /** B7: a reserved type is reported with its length, its body skipped, and the next packet is intact. */
    @Test
    void B7_reservedTypesAreSkippedByLength() {
        byte[] stream = hex("f0 03 01 02 03 c0 00 05 80 01" + " 00".repeat(128) + " d0 00");
        List<MqttPacket> expected = List.of(new UnknownPacket(15, 0, 3), PingReq.INSTANCE,
                new UnknownPacket(0, 5, 128), PingResp.INSTANCE);
        assertEquals(expected, decodeAll(stream));
        assertEquals(expected, decodeInChunks(stream, 1));
        assertEquals(List.of(new UnknownPacket(15, 15, 0)), decodeAll(hex("ff 00")));
    }

    /** The remaining-length boundaries of MQTT §2.2.3, on PUBLISH packets with topic "t". */
    @ParameterizedTest(name = "remaining length {0}")
    @ValueSource(ints = {3, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152})
    void remainingLengthBoundaries(int remaining) {
        byte[] payload = new byte[remaining - 3];
        Arrays.fill(payload, (byte) 0x5a);
        Publish p = new Publish("t", payload, 0, false, false, 0);
        byte[] wire = encode(p);
        String vbi = switch (remaining) {
            case 3 -> "03";
            case 127 -> "7f";
            case 128 -> "80 01";
            case 16_383 -> "ff 7f";
            case 16_384 -> "80 80 01";
            case 2_097_151 -> "ff ff 7f";
            case 2_097_152 -> "80 80 80 01";
            default -> throw new AssertionError();
        };
        byte[] header = hex("30 " + vbi + " 00 01 74");
        assertArrayEquals(header, Arrays.copyOf(wire, header.length));
        assertEquals(header.length + payload.length, wire.length);
        assertEquals(p, decodeOne(wire));
        assertEquals(List.of(p), decodeInChunks(wire, 1000));
    }

    @Test
    void remainingLengthZeroAndFourBytes() {
        assertEquals("c0 00", hex(encode(PingReq.INSTANCE)));
        assertEquals(4, MqttEncoder.vbiLength(268_435_455));
        // The largest length MQTT can express decodes (and is then refused by the size limit, not misread).
        MqttCodecException e = org.junit.jupiter.api.Assertions.assertThrows(MqttCodecException.class,
                () -> new MqttDecoder(1024).decode(java.nio.ByteBuffer.wrap(hex("30 ff ff ff 7f"))));
        assertEquals("max-packet-size", e.rule());
        assertEquals(String.valueOf(5 + 268_435_455), e.value());
    }

    /** mqtt_as 0.8.3 broke on topics longer than 127 bytes (one-byte length assumptions). */
    @ParameterizedTest(name = "{0}-byte topic")
    @ValueSource(ints = {200, 20_000})
    void longTopics(int length) {
        String topic = "x".repeat(length);
        Publish p = new Publish(topic, ascii("m"), 1, false, false, 7);
        byte[] wire = encode(p);
        int remaining = 2 + length + 2 + 1;
        String expectedHeader = length == 200 ? "32 cd 01 00 c8" : "32 a5 9c 01 4e 20";
        assertTrue(hex(wire).startsWith(expectedHeader), hex(Arrays.copyOf(wire, 8)));
        assertEquals(1 + MqttEncoder.vbiLength(remaining) + remaining, wire.length);
        assertEquals(p, decodeOne(wire));
        assertEquals(List.of(p), decodeInChunks(wire, 1));
        Subscribe s = Subscribe.of(3, topic + "/#", 1);
        assertEquals(s, decodeOne(encode(s)));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
