package io.mqttas.codec;

import static io.mqttas.codec.Wire.encode;
import static io.mqttas.codec.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour of the incremental decoder: framing, buffers of every kind, limits, poisoning. */
class MqttDecoderTest {

    @Test
    void severalPacketsInOneBufferComeOutOneByOne() {
        ByteBuffer in = ByteBuffer.wrap(hex("40 02 00 01 d0 00 40 02 00 02"));
        MqttDecoder d = new MqttDecoder(100);
        assertEquals(new PubAck(1), d.decode(in));
        assertEquals(4, in.position());
        assertEquals(PingResp.INSTANCE, d.decode(in));
        assertEquals(new PubAck(2), d.decode(in));
        assertNull(d.decode(in));
        assertTrue(d.isIdle());
    }

    @Test
    void aPartialPacketIsKeptAcrossCalls() {
        MqttDecoder d = new MqttDecoder(100);
        assertNull(d.decode(ByteBuffer.wrap(hex("30 07 00"))));
        assertFalse(d.isIdle());
        assertNull(d.decode(ByteBuffer.wrap(hex("03 61 2f"))));
        assertEquals(new Publish("a/b", new byte[] {0x68, 0x69}, 0, false, false, 0), d.decode(ByteBuffer.wrap(hex("62 68 69"))));
        assertTrue(d.isIdle());
    }

    @Test
    void directReadOnlyAndOffsetBuffersDecodeTheSame() {
        Publish p = new Publish("a/ü", new byte[300], 1, true, false, 9);
        byte[] wire = encode(p);
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        assertEquals(p, new MqttDecoder(1000).decode(direct));
        assertEquals(p, new MqttDecoder(1000).decode(ByteBuffer.wrap(wire).asReadOnlyBuffer()));
        byte[] padded = new byte[wire.length + 10];
        System.arraycopy(wire, 0, padded, 5, wire.length);
        assertEquals(p, new MqttDecoder(1000).decode(ByteBuffer.wrap(padded, 5, wire.length).slice()));
    }

    @Test
    void maxPacketSizeIsCheckedFromTheFixedHeaderBeforeTheBodyArrives() {
        MqttDecoder d = new MqttDecoder(1000);
        // 1 + 2 + 999 = 1002 bytes > 1000; only the header is supplied.
        ByteBuffer in = ByteBuffer.wrap(hex("30 e7 07"));
        MqttCodecException e = assertThrows(MqttCodecException.class, () -> d.decode(in));
        assertEquals("max-packet-size", e.rule());
        assertEquals("1002", e.value());
        // exactly at the limit is fine
        byte[] ok = encode(new Publish("t", new byte[1000 - 3 - 3], 0, false, false, 0));
        assertEquals(1000, ok.length);
        assertEquals(1000 - 6, ((Publish) new MqttDecoder(1000).decode(ByteBuffer.wrap(ok))).payloadLength());
    }

    @Test
    void aPoisonedDecoderKeepsThrowingTheSameException() {
        MqttDecoder d = new MqttDecoder(100);
        MqttCodecException first = assertThrows(MqttCodecException.class, () -> d.decode(ByteBuffer.wrap(hex("36 00"))));
        assertEquals("MQTT-3.3.1-4", first.rule());
        MqttCodecException again = assertThrows(MqttCodecException.class, () -> d.decode(ByteBuffer.wrap(hex("c0 00"))));
        assertSame(first, again);
    }

    @Test
    void emptyInputReturnsNullAndKeepsIdle() {
        MqttDecoder d = new MqttDecoder(100);
        assertNull(d.decode(ByteBuffer.allocate(0)));
        assertTrue(d.isIdle());
    }

    @Test
    void decodedPacketsDoNotShareTheCallersBuffer() {
        byte[] wire = encode(new Publish("t", new byte[] {1, 2, 3}, 0, false, false, 0));
        Publish p = (Publish) new MqttDecoder(100).decode(ByteBuffer.wrap(wire));
        java.util.Arrays.fill(wire, (byte) 0);
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), p.payloadBuffer());
        assertEquals("t", p.topic());
    }

    @Test
    void everySplitPointOfAStreamGivesTheSamePackets() {
        byte[] stream = GoldenVectorsTest.concat(encode(new Publish("a/b", new byte[40], 1, false, false, 5)),
                GoldenVectorsTest.concat(encode(Subscribe.of(4, "x/+/y", 2)), hex("f0 02 00 00 c0 00")));
        List<MqttPacket> whole = Wire.decodeAll(stream);
        assertEquals(4, whole.size());
        for (int cut = 0; cut <= stream.length; cut++) {
            for (int cut2 = cut; cut2 <= stream.length; cut2 += 3) {
                MqttDecoder d = new MqttDecoder(1000);
                List<MqttPacket> got = new ArrayList<>();
                for (ByteBuffer in : new ByteBuffer[] {ByteBuffer.wrap(stream, 0, cut), ByteBuffer.wrap(stream, cut, cut2 - cut),
                        ByteBuffer.wrap(stream, cut2, stream.length - cut2)}) {
                    MqttPacket p;
                    while ((p = d.decode(in)) != null) {
                        got.add(p);
                    }
                }
                assertEquals(whole, got, "cuts at " + cut + ", " + cut2);
            }
        }
    }
}
