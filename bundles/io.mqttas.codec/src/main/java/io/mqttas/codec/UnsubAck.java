/* MQTT 3.1.1: UNSUBACK (unsubscribe acknowledgement). */
package io.mqttas.codec;

/** UNSUBACK: unsubscribe acknowledgement, carrying only a packet identifier in 1..65535. */
public record UnsubAck(int packetId) implements MqttPacket {

    public UnsubAck {
        Checks.packetId(packetId, "UNSUBACK");
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
