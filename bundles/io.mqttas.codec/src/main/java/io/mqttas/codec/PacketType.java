/* MQTT 3.1.1 §2.2.1 and MQTT 5.0 §2.1.2: the control packet types (fixed header bits 7–4). */
package io.mqttas.codec;

/** The control packet types with their wire codes: the fourteen of MQTT 3.1.1 and AUTH (15), new in MQTT 5.0. */
public enum PacketType {
    CONNECT(1), CONNACK(2), PUBLISH(3), PUBACK(4), PUBREC(5), PUBREL(6), PUBCOMP(7),
    SUBSCRIBE(8), SUBACK(9), UNSUBSCRIBE(10), UNSUBACK(11), PINGREQ(12), PINGRESP(13), DISCONNECT(14),
    /** MQTT 5.0 only; code 15 is reserved in MQTT 3.1.1. */
    AUTH(15);

    private static final PacketType[] BY_CODE = new PacketType[16];
    static {
        for (PacketType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /** The 4-bit type code written in the fixed header. */
    public int code() {
        return code;
    }

    /** The MQTT 3.1.1 type for a 4-bit code, or {@code null} for the reserved codes 0 and 15. */
    public static PacketType ofCode(int code) {
        return code == 15 ? null : ofCode(code, MqttVersion.MQTT_5);
    }

    /** The type for a 4-bit code in {@code version}, or {@code null} for a reserved code (0; and 15 in 3.1.1). */
    public static PacketType ofCode(int code, MqttVersion version) {
        if (code == 15 && version == MqttVersion.MQTT_3_1_1) {
            return null;
        }
        return code >= 0 && code < 16 ? BY_CODE[code] : null;
    }
}
