/* MQTT 3.1.1 §3.2: CONNACK. Session Present (bit 0 of the acknowledge flags) is legal (mqtt_as bug B1). */
package io.mqttas.codec;

/** CONNACK (server → client): session present flag and return code 0..5 (other codes are reserved). */
public record ConnAck(boolean sessionPresent, int returnCode) implements MqttPacket {

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
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }

    /** The standard's text for a return code. */
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
}
