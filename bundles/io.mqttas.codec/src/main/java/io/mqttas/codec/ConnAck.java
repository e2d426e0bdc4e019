/* MQTT 3.1.1 §3.2 and MQTT 5.0 §3.2: CONNACK. Session Present (bit 0 of the acknowledge flags) is legal (mqtt_as bug B1). */
package io.mqttas.codec;

/**
 * CONNACK (server → client): session present flag and return code — in MQTT 3.1.1 0..5 (other codes
 * are reserved and reported as they are), in MQTT 5.0 a Connect Reason Code [MQTT-3.2.2-8], checked by
 * the MQTT 5.0 encoder and decoder — and, in MQTT 5.0, the server's properties (Receive Maximum,
 * Topic Alias Maximum, Assigned Client Identifier, Server Keep Alive …).
 */
public record ConnAck(boolean sessionPresent, int returnCode, MqttProperties properties) implements MqttPacket {

    public static final int ACCEPTED = 0;
    public static final int REFUSED_PROTOCOL_VERSION = 1;
    public static final int REFUSED_IDENTIFIER_REJECTED = 2;
    public static final int REFUSED_SERVER_UNAVAILABLE = 3;
    public static final int REFUSED_BAD_USER_NAME_OR_PASSWORD = 4;
    public static final int REFUSED_NOT_AUTHORIZED = 5;

    public ConnAck {
        if (returnCode < 0 || returnCode > 255) {
            throw new MqttCodecException("MQTT-3.2.2.3", "CONNACK return code must be one byte", returnCode);
        }
        if (returnCode != ACCEPTED && sessionPresent) {
            throw new MqttCodecException("MQTT-3.2.2-4", "session present must be 0 when the connection is refused", returnCode);
        }
        PropertyValues.allowed(properties, MqttProperty.Where.CONNACK);
    }

    /** A CONNACK without properties (MQTT 3.1.1). */
    public ConnAck(boolean sessionPresent, int returnCode) {
        this(sessionPresent, returnCode, MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }

    /** The standard's text for a 3.1.1 return code. */
    public static String describe(int returnCode) {
        return switch (returnCode) {
            case ACCEPTED -> "connection accepted";
            case REFUSED_PROTOCOL_VERSION -> "unacceptable protocol version";
            case REFUSED_IDENTIFIER_REJECTED -> "identifier rejected";
            case REFUSED_SERVER_UNAVAILABLE -> "server unavailable";
            case REFUSED_BAD_USER_NAME_OR_PASSWORD -> "bad user name or password";
            case REFUSED_NOT_AUTHORIZED -> "not authorized";
            default -> "reserved return code " + returnCode;
        };
    }

    /** The standard's text for the code in {@code version}: a 3.1.1 return code or a 5.0 reason code. */
    public static String describe(int code, MqttVersion version) {
        return version == MqttVersion.MQTT_5 ? ReasonCode.describe(code, PacketType.CONNACK) : describe(code);
    }

    @Override
    public String toString() {
        return "ConnAck[sessionPresent=" + sessionPresent + ", returnCode=" + returnCode
                + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
    }
}
