/* MQTT 3.1.1 §3.5 and MQTT 5.0 §3.5: PUBREC (QoS 2 delivery part 1). */
package io.mqttas.codec;

/**
 * PUBREC: QoS 2 delivery part 1, carrying a packet identifier in 1..65535 and, in MQTT 5.0, a reason code
 * [MQTT-3.5.2-1] and properties (Reason String, User Properties). A 3.1.1 PUBREC has reason code 0
 * and no properties; the MQTT 5.0 encoder then writes the short form of remaining length 2.
 */
public record PubRec(int packetId, int reasonCode, MqttProperties properties) implements MqttPacket {

    public PubRec {
        Checks.packetId(packetId, "PUBREC");
        ReasonCode.check(reasonCode, PacketType.PUBREC);
        PropertyValues.allowed(properties, MqttProperty.Where.of(PacketType.PUBREC));
    }

    /** A PUBREC with reason code 0 (Success) and no properties: all MQTT 3.1.1 knows. */
    public PubRec(int packetId) {
        this(packetId, 0, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }

    /** The reason code as a constant. */
    public ReasonCode reason() {
        return ReasonCode.of(reasonCode);
    }

    /** As MQTT 3.1.1 printed it when there is nothing of MQTT 5.0 to show. */
    @Override
    public String toString() {
        return "PubRec[packetId=" + packetId + (reasonCode == 0 && properties.isEmpty() ? ""
                : ", reasonCode=" + ReasonCode.describe(reasonCode, PacketType.PUBREC) + ", properties=" + properties) + "]";
    }
}
