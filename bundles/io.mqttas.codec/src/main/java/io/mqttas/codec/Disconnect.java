/* MQTT 3.1.1 §3.14 and MQTT 5.0 §3.14: DISCONNECT. */
package io.mqttas.codec;

/**
 * DISCONNECT. In MQTT 3.1.1 two bytes on the wire ({@link #INSTANCE}); in MQTT 5.0 it goes both ways
 * with a reason code [MQTT-3.14.2-1] and properties (Session Expiry Interval, Reason String, Server
 * Reference, User Properties). Reason code 0 without properties is written in the short form.
 */
public record Disconnect(int reasonCode, MqttProperties properties) implements MqttPacket {

    public static final Disconnect INSTANCE = new Disconnect();

    public Disconnect {
        ReasonCode.check(reasonCode, PacketType.DISCONNECT);
        PropertyValues.allowed(properties, MqttProperty.Where.DISCONNECT);
    }

    /** Normal disconnection, no properties. */
    public Disconnect() {
        this(0, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }

    public ReasonCode reason() {
        return ReasonCode.of(reasonCode);
    }

    @Override
    public String toString() {
        return reasonCode == 0 && properties.isEmpty() ? "Disconnect[]"
                : "Disconnect[reasonCode=" + ReasonCode.describe(reasonCode, PacketType.DISCONNECT) + ", properties=" + properties + "]";
    }
}
