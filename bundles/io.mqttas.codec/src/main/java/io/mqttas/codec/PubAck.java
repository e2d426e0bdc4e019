/* MQTT 3.1.1 §3.4 and MQTT 5.0 §3.4: PUBACK (QoS 1 acknowledgement). */
package io.mqttas.codec;

/**
 * PUBACK: QoS 1 acknowledgement, carrying a packet identifier in 1..65535 and, in MQTT 5.0, a reason code
 * [MQTT-3.4.2-1] and properties (Reason String, User Properties). A 3.1.1 PUBACK has reason code 0
 * and no properties; the MQTT 5.0 encoder then writes the short form of remaining length 2.
 */
public record PubAck(int packetId, int reasonCode, MqttProperties properties) implements MqttPacket {

    public PubAck {
        Checks.packetId(packetId, "PUBACK");
        ReasonCode.check(reasonCode, PacketType.PUBACK);
        PropertyValues.allowed(properties, MqttProperty.Where.of(PacketType.PUBACK));
    }

    /** A PUBACK with reason code 0 (Success) and no properties: all MQTT 3.1.1 knows. */
    public PubAck(int packetId) {
        this(packetId, 0, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }

    /** The reason code as a constant. */
    public ReasonCode reason() {
        return ReasonCode.of(reasonCode);
    }

    /** As MQTT 3.1.1 printed it when there is nothing of MQTT 5.0 to show. */
    @Override
    public String toString() {
        return "PubAck[packetId=" + packetId + (reasonCode == 0 && properties.isEmpty() ? ""
                : ", reasonCode=" + ReasonCode.describe(reasonCode, PacketType.PUBACK) + ", properties=" + properties) + "]";
    }
}
