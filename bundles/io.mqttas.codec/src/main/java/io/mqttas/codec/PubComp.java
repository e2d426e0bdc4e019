/* MQTT 3.1.1 §3.7 and MQTT 5.0 §3.7: PUBCOMP (QoS 2 delivery part 3). */
package io.mqttas.codec;

/**
 * PUBCOMP: QoS 2 delivery part 3, carrying a packet identifier in 1..65535 and, in MQTT 5.0, a reason code
 * [MQTT-3.7.2-1] and properties (Reason String, User Properties). A 3.1.1 PUBCOMP has reason code 0
 * and no properties; the MQTT 5.0 encoder then writes the short form of remaining length 2.
 */
public record PubComp(int packetId, int reasonCode, MqttProperties properties) implements MqttPacket {

    public PubComp {
        Checks.packetId(packetId, "PUBCOMP");
        ReasonCode.check(reasonCode, PacketType.PUBCOMP);
        PropertyValues.allowed(properties, MqttProperty.Where.of(PacketType.PUBCOMP));
    }

    /** A PUBCOMP with reason code 0 (Success) and no properties: all MQTT 3.1.1 knows. */
    public PubComp(int packetId) {
        this(packetId, 0, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }

    /** The reason code as a constant. */
    public ReasonCode reason() {
        return ReasonCode.of(reasonCode);
    }

    /** As MQTT 3.1.1 printed it when there is nothing of MQTT 5.0 to show. */
    @Override
    public String toString() {
        return "PubComp[packetId=" + packetId + (reasonCode == 0 && properties.isEmpty() ? ""
                : ", reasonCode=" + ReasonCode.describe(reasonCode, PacketType.PUBCOMP) + ", properties=" + properties) + "]";
    }
}
