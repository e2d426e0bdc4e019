/* MQTT 3.1.1: PUBCOMP (QoS 2 delivery part 3). */
package io.mqttas.codec;

/** PUBCOMP: QoS 2 delivery part 3, carrying only a packet identifier in 1..65535. */
public record PubComp(int packetId) implements MqttPacket {

    public PubComp {
        Checks.packetId(packetId, "PUBCOMP");
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
