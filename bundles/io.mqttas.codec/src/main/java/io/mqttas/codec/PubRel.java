/* MQTT 3.1.1: PUBREL (QoS 2 delivery part 2). */
package io.mqttas.codec;

/** PUBREL: QoS 2 delivery part 2, carrying only a packet identifier in 1..65535. */
public record PubRel(int packetId) implements MqttPacket {

    public PubRel {
        Checks.packetId(packetId, "PUBREL");
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
