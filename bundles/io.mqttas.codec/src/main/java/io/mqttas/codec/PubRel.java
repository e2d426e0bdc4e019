/* MQTT 3.1.1 §3.6 and MQTT 5.0 §3.6: PUBREL (QoS 2 delivery part 2). */
package io.mqttas.codec;

/**
 * PUBREL: QoS 2 delivery part 2, carrying a packet identifier in 1..65535 and, in MQTT 5.0, a reason code
 * [MQTT-3.6.2-1] and properties (Reason String, User Properties). A 3.1.1 PUBREL has reason code 0
 * and no properties; the MQTT 5.0 encoder then writes the short form of remaining length 2.
 */
public record PubRel(int packetId, int reasonCode, MqttProperties properties) implements MqttPacket {

    public PubRel {
        Checks.packetId(packetId, "PUBREL");
        ReasonCode.check(reasonCode, PacketType.PUBREL);
        PropertyValues.allowed(properties, MqttProperty.Where.of(PacketType.PUBREL));
    }

    /** A PUBREL with reason code 0 (Success) and no properties: all MQTT 3.1.1 knows. */
    public PubRel(int packetId) {
        this(packetId, 0, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }

    /** The reason code as a constant. */
    public ReasonCode reason() {
        return ReasonCode.of(reasonCode);
    }

    /** As MQTT 3.1.1 printed it when there is nothing of MQTT 5.0 to show. */
    @Override
    public String toString() {
        return "PubRel[packetId=" + packetId + (reasonCode == 0 && properties.isEmpty() ? ""
                : ", reasonCode=" + ReasonCode.describe(reasonCode, PacketType.PUBREL) + ", properties=" + properties) + "]";
    }
}
