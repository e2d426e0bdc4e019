/* MQTT 5.0 §2.2.2.2, Table 2-4: the 27 property identifiers, their data types and where each may appear. */
package io.mqttas.codec;

/**
 * A property identifier of MQTT 5.0 with its data type and the packets it is allowed in. A property
 * in any other packet makes the packet malformed (§2.2.2.2, rule {@code MQTT-2.2.2.2} here).
 * {@link #WILL} stands for the Will Properties of a CONNECT payload.
 */
public enum MqttProperty {
    PAYLOAD_FORMAT_INDICATOR(0x01, Type.BYTE, "3.3.2.3.2", Where.PUBLISH | Where.WILL),
    MESSAGE_EXPIRY_INTERVAL(0x02, Type.FOUR_BYTE_INTEGER, "3.3.2.3.3", Where.PUBLISH | Where.WILL),
    CONTENT_TYPE(0x03, Type.UTF8_STRING, "3.3.2.3.9", Where.PUBLISH | Where.WILL),
    RESPONSE_TOPIC(0x08, Type.UTF8_STRING, "3.3.2.3.5", Where.PUBLISH | Where.WILL),
    CORRELATION_DATA(0x09, Type.BINARY_DATA, "3.3.2.3.6", Where.PUBLISH | Where.WILL),
    SUBSCRIPTION_IDENTIFIER(0x0B, Type.VARIABLE_BYTE_INTEGER, "3.3.2.3.8", Where.PUBLISH | Where.SUBSCRIBE),
    SESSION_EXPIRY_INTERVAL(0x11, Type.FOUR_BYTE_INTEGER, "3.1.2.11.2", Where.CONNECT | Where.CONNACK | Where.DISCONNECT),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, Type.UTF8_STRING, "3.2.2.3.7", Where.CONNACK),
    SERVER_KEEP_ALIVE(0x13, Type.TWO_BYTE_INTEGER, "3.2.2.3.14", Where.CONNACK),
    AUTHENTICATION_METHOD(0x15, Type.UTF8_STRING, "3.1.2.11.9", Where.CONNECT | Where.CONNACK | Where.AUTH),
    AUTHENTICATION_DATA(0x16, Type.BINARY_DATA, "3.1.2.11.10", Where.CONNECT | Where.CONNACK | Where.AUTH),
    REQUEST_PROBLEM_INFORMATION(0x17, Type.BYTE, "3.1.2.11.7", Where.CONNECT),
    WILL_DELAY_INTERVAL(0x18, Type.FOUR_BYTE_INTEGER, "3.1.3.2.2", Where.WILL),
    REQUEST_RESPONSE_INFORMATION(0x19, Type.BYTE, "3.1.2.11.6", Where.CONNECT),
    RESPONSE_INFORMATION(0x1A, Type.UTF8_STRING, "3.2.2.3.15", Where.CONNACK),
    SERVER_REFERENCE(0x1C, Type.UTF8_STRING, "3.2.2.3.16", Where.CONNACK | Where.DISCONNECT),
    REASON_STRING(0x1F, Type.UTF8_STRING, "3.2.2.3.9", Where.CONNACK | Where.ACKS | Where.SUBACK | Where.UNSUBACK
            | Where.DISCONNECT | Where.AUTH),
    RECEIVE_MAXIMUM(0x21, Type.TWO_BYTE_INTEGER, "3.1.2.11.3", Where.CONNECT | Where.CONNACK),
    TOPIC_ALIAS_MAXIMUM(0x22, Type.TWO_BYTE_INTEGER, "3.1.2.11.5", Where.CONNECT | Where.CONNACK),
    TOPIC_ALIAS(0x23, Type.TWO_BYTE_INTEGER, "3.3.2.3.4", Where.PUBLISH),
    MAXIMUM_QOS(0x24, Type.BYTE, "3.2.2.3.4", Where.CONNACK),
    RETAIN_AVAILABLE(0x25, Type.BYTE, "3.2.2.3.5", Where.CONNACK),
    USER_PROPERTY(0x26, Type.UTF8_STRING_PAIR, "3.1.2.11.8", Where.ALL),
    MAXIMUM_PACKET_SIZE(0x27, Type.FOUR_BYTE_INTEGER, "3.1.2.11.4", Where.CONNECT | Where.CONNACK),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, Type.BYTE, "3.2.2.3.11", Where.CONNACK),
    SUBSCRIPTION_IDENTIFIERS_AVAILABLE(0x29, Type.BYTE, "3.2.2.3.12", Where.CONNACK),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, Type.BYTE, "3.2.2.3.13", Where.CONNACK);

    /** The data types of §1.5. */
    public enum Type {
        BYTE, TWO_BYTE_INTEGER, FOUR_BYTE_INTEGER, VARIABLE_BYTE_INTEGER, UTF8_STRING, UTF8_STRING_PAIR, BINARY_DATA
    }

    /** Bit masks of the places a property may appear: bit n is packet type code n, bit 0 the Will Properties. */
    static final class Where {
        static final int WILL = 1;
        static final int CONNECT = 1 << 1;
        static final int CONNACK = 1 << 2;
        static final int PUBLISH = 1 << 3;
        static final int ACKS = 1 << 4 | 1 << 5 | 1 << 6 | 1 << 7; // PUBACK, PUBREC, PUBREL, PUBCOMP
        static final int SUBSCRIBE = 1 << 8;
        static final int SUBACK = 1 << 9;
        static final int UNSUBSCRIBE = 1 << 10;
        static final int UNSUBACK = 1 << 11;
        static final int DISCONNECT = 1 << 14;
        static final int AUTH = 1 << 15;
        static final int ALL = WILL | CONNECT | CONNACK | PUBLISH | ACKS | SUBSCRIBE | SUBACK | UNSUBSCRIBE | UNSUBACK
                | DISCONNECT | AUTH;

        private Where() {
        }

        static int of(PacketType type) {
            return 1 << type.code();
        }

        static String name(int where) {
            return where == WILL ? "will properties" : PacketType.ofCode(Integer.numberOfTrailingZeros(where), MqttVersion.MQTT_5).name();
        }
    }

    private static final MqttProperty[] BY_ID = new MqttProperty[0x2B];
    static {
        for (MqttProperty p : values()) {
            BY_ID[p.id] = p;
        }
    }

    private final int id;
    private final Type type;
    private final String section;
    private final int where;

    MqttProperty(int id, Type type, String section, int where) {
        this.id = id;
        this.type = type;
        this.section = section;
        this.where = where;
    }

    /** The identifier on the wire. */
    public int id() {
        return id;
    }

    public Type type() {
        return type;
    }

    /** Whether the property may appear in a packet of this type. */
    public boolean allowedIn(PacketType packet) {
        return (where & Where.of(packet)) != 0;
    }

    /** Whether the property may appear in the Will Properties of a CONNECT. */
    public boolean allowedInWill() {
        return (where & Where.WILL) != 0;
    }

    int where() {
        return where;
    }

    /** The rule name for a bad value of this property: its section in the standard. */
    String rule() {
        return "MQTT-" + section;
    }

    /** Whether the property may appear more than once (User Property; Subscription Identifier in PUBLISH). */
    boolean repeatable(int where) {
        return this == USER_PROPERTY || this == SUBSCRIPTION_IDENTIFIER && where == Where.PUBLISH;
    }

    /** The property with this identifier, or {@code null}. */
    public static MqttProperty ofId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** The property named like the constant ({@code MESSAGE_EXPIRY_INTERVAL}), in kebab or any case, or by its id ("0x02", "2"). */
    public static MqttProperty parse(String nameOrId) {
        String s = nameOrId.trim();
        try {
            int id = s.startsWith("0x") || s.startsWith("0X") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
            MqttProperty p = ofId(id);
            if (p != null) {
                return p;
            }
        } catch (NumberFormatException notANumber) {
            String n = s.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
            for (MqttProperty p : values()) {
                if (p.name().equals(n)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown MQTT 5 property: " + nameOrId);
    }
}
