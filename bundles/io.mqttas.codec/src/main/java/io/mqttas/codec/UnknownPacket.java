/* mqtt_as bug B7: a packet of a reserved type is reported, and its body skipped by length. */
package io.mqttas.codec;

/**
 * A packet whose type code is reserved: 0 or 15 in MQTT 3.1.1, 0 in MQTT 5.0 (where 15 is AUTH). The decoder has already consumed
 * (and discarded, without buffering it) its {@code remainingLength} body bytes, so the stream stays
 * in step; the receiver decides whether to ignore it or drop the connection.
 */
public record UnknownPacket(int typeCode, int flags, int remainingLength) implements MqttPacket {

    @Override
    public PacketType type() {
        return null;
    }
}
