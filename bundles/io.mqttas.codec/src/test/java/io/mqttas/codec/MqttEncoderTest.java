package io.mqttas.codec;

import static io.mqttas.codec.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Behaviour of the encoder: buffers of every kind, limits, nothing written on refusal. */
class MqttEncoderTest {
    private final Publish publish = new Publish("a/€", new byte[] {1, 2}, 1, false, false, 513);
    private final String wire = "32 0b 00 05 61 2f e2 82 ac 02 01 01 02";

    @Test
    void writesAtTheBuffersPositionInAnyByteOrderAndKind() {
        for (ByteBuffer out : new ByteBuffer[] {ByteBuffer.allocate(40), ByteBuffer.allocateDirect(40),
                ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN), ByteBuffer.allocateDirect(40).order(ByteOrder.LITTLE_ENDIAN),
                ByteBuffer.wrap(new byte[50], 7, 40).slice()}) {
            out.position(3);
            assertEquals(13, new MqttEncoder(100).encode(publish, out));
            assertEquals(16, out.position());
            byte[] got = new byte[13];
            out.get(3, got);
            assertEquals(wire, hex(got), out.toString());
        }
    }

    @Test
    void intoAnArrayAtAnOffset() {
        byte[] buf = new byte[20];
        assertEquals(13, new MqttEncoder(100).encode(publish, buf, 4));
        assertEquals(wire, hex(java.util.Arrays.copyOfRange(buf, 4, 17)));
    }

    @Test
    void tooLittleRoomWritesNothing() {
        ByteBuffer out = ByteBuffer.allocate(12);
        assertThrows(BufferOverflowException.class, () -> new MqttEncoder(100).encode(publish, out));
        assertEquals(0, out.position());
        assertEquals("00 00 00 00 00 00 00 00 00 00 00 00", hex(out.array()));
    }

    @Test
    void maxPacketSizeRefusesBeforeWriting() {
        ByteBuffer out = ByteBuffer.allocate(40);
        MqttCodecException e = assertThrows(MqttCodecException.class, () -> new MqttEncoder(12).encode(publish, out));
        assertEquals("max-packet-size", e.rule());
        assertEquals("13", e.value());
        assertEquals(0, out.position());
        assertEquals(13, new MqttEncoder(13).encode(publish, out));
    }

    @Test
    void MQTT_2_2_1_unknownPacketsCannotBeEncoded() {
        MqttCodecException e = assertThrows(MqttCodecException.class,
                () -> new MqttEncoder(100).encode(new UnknownPacket(0, 0, 0), ByteBuffer.allocate(10)));
        assertEquals("MQTT-2.2.1", e.rule());
    }
}
