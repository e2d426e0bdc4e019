/* MQTT 5.0 §3.15: AUTH, the enhanced authentication exchange. */
package io.mqttas.codec;

/**
 * AUTH (both directions, MQTT 5.0 only): a reason code 0x00 Success, 0x18 Continue authentication or
 * 0x19 Re-authenticate [MQTT-3.15.2-1], and properties (Authentication Method and Data, Reason
 * String, User Properties).
 */
public record Auth(int reasonCode, MqttProperties properties) implements MqttPacket {

    public Auth {
        ReasonCode.check(reasonCode, PacketType.AUTH);
        PropertyValues.allowed(properties, MqttProperty.Where.AUTH);
    }

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }
}
