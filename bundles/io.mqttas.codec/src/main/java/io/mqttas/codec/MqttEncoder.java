/* MQTT 3.1.1 §2–§3: packet encoding into the caller's buffer. */
package io.mqttas.codec;

import java.nio.ByteBuffer;

/**
 * Writes packets into a caller's buffer with no intermediate copies (strings are written as UTF-8
 * straight into the destination). Stateless and thread-safe. Packets longer than the configured
 * maximum are refused before anything is written.
 */
public final class MqttEncoder {

    /** The largest packet MQTT 3.1.1 can express: 1 + 4 + 268,435,455 bytes. */
    public static final int MAX_PACKET_SIZE_LIMIT = 1 + 4 + 268_435_455;

    private final int maxPacketSize;

    /** An encoder that refuses packets longer than {@code maxPacketSize} bytes in total. */
    public MqttEncoder(int maxPacketSize) {
        if (maxPacketSize < 2 || maxPacketSize > MAX_PACKET_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxPacketSize must be 2.." + MAX_PACKET_SIZE_LIMIT + ": " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** Total bytes the packet takes on the wire (fixed header included). */
    public static int encodedLength(MqttPacket packet) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Writes the whole packet at {@code out}'s position and advances it. Returns the bytes written.
     * Throws {@link MqttCodecException} ({@code max-packet-size}) if the packet is too long and
     * {@link java.nio.BufferOverflowException} if {@code out} has too little room; in both cases
     * nothing is written.
     */
    public int encode(MqttPacket packet, ByteBuffer out) {
        throw new UnsupportedOperationException("TODO");
    }

    /** As {@link #encode(MqttPacket, ByteBuffer)} into {@code buf} from {@code offset}; returns the bytes written. */
    public int encode(MqttPacket packet, byte[] buf, int offset) {
        return encode(packet, ByteBuffer.wrap(buf, offset, buf.length - offset));
    }
}
