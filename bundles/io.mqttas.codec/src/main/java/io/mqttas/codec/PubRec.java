/* MQTT 3.1.1: PUBREC (QoS 2 delivery part 1). */
package io.mqttas.codec;

/** PUBREC: QoS 2 delivery part 1, carrying only a packet identifier in 1..65535. */
public record PubRec(int packetId) implements MqttPacket {

    public PubRec {
        Checks.packetId(packetId, "PUBREC");
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }
}
