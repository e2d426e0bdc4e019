package io.mqttas.codec;

import static io.mqttas.codec.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-computed MQTT 5.0 byte vectors (§3) for every packet type, checked in both directions. */
class GoldenVectorsV5Test {
    private static final MqttVersion V5 = MqttVersion.MQTT_5;

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static MqttProperties.Builder props() {
        return MqttProperties.builder();
    }

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("CONNECT minimal (Property Length 0)", new Connect("c1", true, 60, null, null, null, MqttProperties.EMPTY),
                        "10 0f 00 04 4d 51 54 54 05 02 00 3c 00 00 02 63 31"),
                Arguments.of("CONNECT properties, will properties, password without user name",
                        new Connect("id", false, 10,
                                new Connect.Will("w/t", ascii("bye"), 1, true, props().willDelayInterval(5).payloadFormatIndicator(1).build()),
                                null, ascii("p"),
                                props().sessionExpiryInterval(3600).receiveMaximum(20).userProperty("k", "v").build()),
                        "10 33 00 04 4d 51 54 54 05 6c 00 0a 0f 11 00 00 0e 10 21 00 14 26 00 01 6b 00 01 76 00 02 69 64"
                                + " 07 01 01 18 00 00 00 05 00 03 77 2f 74 00 03 62 79 65 00 01 70"),
                Arguments.of("CONNACK session present with properties",
                        new ConnAck(true, 0, props().topicAliasMaximum(10).assignedClientIdentifier("x").receiveMaximum(5).build()),
                        "20 0d 01 00 0a 12 00 01 78 21 00 05 22 00 0a"),
                Arguments.of("CONNACK refused with reason string", new ConnAck(false, 0x87, props().reasonString("no").build()),
                        "20 08 00 87 05 1f 00 02 6e 6f"),
                Arguments.of("CONNACK no properties", new ConnAck(false, 0), "20 03 00 00 00"),
                Arguments.of("PUBLISH QoS 0 no properties", new Publish("a/b", ascii("hi"), 0, false, false, 0), "30 08 00 03 61 2f 62 00 68 69"),
                Arguments.of("PUBLISH QoS 1 retain, request/response properties, two user properties in order",
                        new Publish("a/b", ascii("hi"), 1, true, false, 10, props().messageExpiryInterval(60).contentType("t")
                                .responseTopic("r").correlationData(new byte[] {1, 2}).userProperty("a", "b").userProperty("a", "c").build()),
                        "33 2a 00 03 61 2f 62 00 0a 20 02 00 00 00 3c 03 00 01 74 08 00 01 72 09 00 02 01 02"
                                + " 26 00 01 61 00 01 62 26 00 01 61 00 01 63 68 69"),
                Arguments.of("PUBLISH empty topic with Topic Alias", new Publish("", ascii("x"), 0, false, false, 0, props().topicAlias(1).build()),
                        "30 07 00 00 03 23 00 01 78"),
                Arguments.of("PUBLISH QoS 2 DUP with two Subscription Identifiers (1 and 200)",
                        new Publish("t", new byte[0], 2, false, true, 5, props().subscriptionIdentifier(1).subscriptionIdentifier(200).build()),
                        "3c 0b 00 01 74 00 05 05 0b 01 0b c8 01"),
                Arguments.of("PUBACK short form", new PubAck(10), "40 02 00 0a"),
                Arguments.of("PUBACK reason code only", new PubAck(10, 0x10, MqttProperties.EMPTY), "40 03 00 0a 10"),
                Arguments.of("PUBACK reason code and reason string", new PubAck(10, 0x87, props().reasonString("x").build()),
                        "40 08 00 0a 87 04 1f 00 01 78"),
                Arguments.of("PUBREC failure", new PubRec(258, 0x80, MqttProperties.EMPTY), "50 03 01 02 80"),
                Arguments.of("PUBREL packet identifier not found", new PubRel(1, 0x92, MqttProperties.EMPTY), "62 03 00 01 92"),
                Arguments.of("PUBREL short form", new PubRel(1), "62 02 00 01"),
                Arguments.of("PUBCOMP success with a user property", new PubComp(65535, 0, props().userProperty("k", "v").build()),
                        "70 0b ff ff 00 07 26 00 01 6b 00 01 76"),
                Arguments.of("SUBSCRIBE options NL RAP RH=2, Subscription Identifier",
                        new Subscribe(1, List.of(new Subscribe.Subscription("a/+", 1, true, true, 2), new Subscribe.Subscription("#", 0)),
                                props().subscriptionIdentifier(7).build()),
                        "82 0f 00 01 02 0b 07 00 03 61 2f 2b 2d 00 01 23 00"),
                Arguments.of("SUBACK v5 codes and reason string", new SubAck(1, List.of(1, 0x80, 0xa2), props().reasonString("r").build()),
                        "90 0a 00 01 04 1f 00 01 72 01 80 a2"),
                Arguments.of("UNSUBSCRIBE with a user property", new Unsubscribe(2, List.of("a/+", "#"), props().userProperty("k", "v").build()),
                        "a2 12 00 02 07 26 00 01 6b 00 01 76 00 03 61 2f 2b 00 01 23"),
                Arguments.of("UNSUBACK reason codes", new UnsubAck(2, List.of(0, 0x11), MqttProperties.EMPTY), "b0 05 00 02 00 00 11"),
                Arguments.of("PINGREQ", PingReq.INSTANCE, "c0 00"),
                Arguments.of("PINGRESP", PingResp.INSTANCE, "d0 00"),
                Arguments.of("DISCONNECT normal (short form)", Disconnect.INSTANCE, "e0 00"),
                Arguments.of("DISCONNECT with will message", new Disconnect(0x04, MqttProperties.EMPTY), "e0 01 04"),
                Arguments.of("DISCONNECT session taken over, server reference and reason string",
                        new Disconnect(0x8e, props().reasonString("bye").serverReference("s").build()),
                        "e0 0c 8e 0a 1c 00 01 73 1f 00 03 62 79 65"),
                Arguments.of("AUTH continue with method and data",
                        new Auth(0x18, props().authenticationMethod("SCRAM").authenticationData(new byte[] {1, 2, 3}).build()),
                        "f0 10 18 0e 15 00 05 53 43 52 41 4d 16 00 03 01 02 03"),
                Arguments.of("AUTH success (short form)", new Auth(0, MqttProperties.EMPTY), "f0 00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesToTheVector(String name, MqttPacket packet, String wire) {
        assertEquals(wire, hex(Wire.encode(packet, V5)));
        assertEquals(hex(wire).length, MqttEncoder.encodedLength(packet, V5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesTheVector(String name, MqttPacket packet, String wire) {
        assertEquals(packet, Wire.decodeOne(hex(wire), V5));
        assertEquals(List.of(packet), Wire.decodeInChunks(hex(wire), 1, V5));
    }

    @Test
    void allVectorsInOneStreamDecodeInOrder() {
        List<MqttPacket> packets = vectors().map(a -> (MqttPacket) a.get()[1]).toList();
        byte[] stream = vectors().map(a -> hex((String) a.get()[2])).reduce(new byte[0], GoldenVectorsTest::concat);
        assertEquals(packets, Wire.decodeAll(stream, V5));
        for (int chunk : new int[] {1, 2, 3, 7, 64}) {
            assertEquals(packets, Wire.decodeInChunks(stream, chunk, V5), "chunk " + chunk);
        }
    }

    /** The long forms a peer may send instead of the short ones (reason 0 written, Property Length 0 written). */
    static Stream<Arguments> longForms() {
        return Stream.of(
                Arguments.of(new PubAck(10), "40 03 00 0a 00"),
                Arguments.of(new PubAck(10), "40 04 00 0a 00 00"),
                Arguments.of(new PubRec(10, 0x10, MqttProperties.EMPTY), "50 04 00 0a 10 00"),
                Arguments.of(Disconnect.INSTANCE, "e0 01 00"),
                Arguments.of(Disconnect.INSTANCE, "e0 02 00 00"),
                Arguments.of(new Auth(0, MqttProperties.EMPTY), "f0 02 00 00"),
                Arguments.of(new Auth(0x19, MqttProperties.EMPTY), "f0 01 19"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("longForms")
    void longFormsDecodeLikeTheShortOnes(MqttPacket packet, String wire) {
        assertEquals(packet, Wire.decodeOne(hex(wire), V5));
        assertEquals(List.of(packet), Wire.decodeInChunks(hex(wire), 1, V5));
    }

    /** A split v5 PUBLISH collects its properties apart from the payload; any cut decodes the same. */
    @Test
    void aPublishWithPropertiesSplitAtEveryPointDecodesTheSame() {
        Publish p = new Publish("sensors/é", new byte[300], 1, false, false, 9,
                props().messageExpiryInterval(60).userProperty("unit", "°C").subscriptionIdentifier(300_000).build());
        byte[] wire = Wire.encode(p, V5);
        for (int cut = 0; cut < wire.length; cut++) {
            MqttDecoder d = new MqttDecoder(1000, V5);
            java.nio.ByteBuffer a = java.nio.ByteBuffer.wrap(wire, 0, cut);
            assertEquals(null, d.decode(a));
            assertEquals(p, d.decode(java.nio.ByteBuffer.wrap(wire, cut, wire.length - cut)), "cut at " + cut);
        }
    }

    /** AUTH is type 15 in 5.0; in 3.1.1 the same bytes stay an unknown, skipped packet (B7). */
    @Test
    void type15IsAuthIn5AndUnknownIn311() {
        assertEquals(new Auth(0, MqttProperties.EMPTY), Wire.decodeOne(hex("f0 00"), V5));
        assertEquals(new UnknownPacket(15, 0, 0), Wire.decodeOne(hex("f0 00")));
        assertEquals(new UnknownPacket(0, 0, 2), Wire.decodeOne(hex("00 02 01 02"), V5));
    }
}
