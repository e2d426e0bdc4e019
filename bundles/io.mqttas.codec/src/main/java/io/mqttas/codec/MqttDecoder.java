/* MQTT 3.1.1 §2–§3: incremental packet decoding with bounded memory. */
package io.mqttas.codec;

import java.nio.ByteBuffer;

/**
 * An incremental decoder for one byte stream. Feed it input in fragments of any size; each call
 * consumes what it can and returns the next complete packet or {@code null} when more input is
 * needed. The maximum packet size is checked from the fixed header <em>before</em> any body buffer
 * is allocated. After an {@link MqttCodecException} the decoder is poisoned: every later call
 * throws the same exception (the stream can no longer be trusted). Not thread-safe: one per
 * connection.
 */
public final class MqttDecoder {
    private final int maxPacketSize;

    /** A decoder that refuses packets longer than {@code maxPacketSize} bytes in total. */
    public MqttDecoder(int maxPacketSize) {
        if (maxPacketSize < 2 || maxPacketSize > MqttEncoder.MAX_PACKET_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxPacketSize must be 2.." + MqttEncoder.MAX_PACKET_SIZE_LIMIT + ": " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    /**
     * Consumes bytes from {@code in} (advancing its position) up to the end of the next complete
     * packet and returns it, or returns {@code null} once {@code in} is exhausted with a packet
     * still incomplete (its bytes are kept). Call again with the same buffer to get further packets.
     */
    public MqttPacket decode(ByteBuffer in) {
        throw new UnsupportedOperationException("TODO");
    }

    /** True when no partial packet is buffered. */
    public boolean isIdle() {
        throw new UnsupportedOperationException("TODO");
    }
}
