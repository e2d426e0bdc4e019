/* MQTT 3.1.1: PUBACK (QoS 1 acknowledgement). */
package io.mqttas.codec;

/** PUBACK: QoS 1 acknowledgement, carrying only a packet identifier in 1..65535. */
public record PubAck(int packetId) implements MqttPacket {

    public PubAck {
        Checks.packetId(packetId, "PUBACK");
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
