/* MQTT 5.0 §2.4, Table 2-6: reason codes, and which packet may carry which (§3.2.2.2, §3.4.2.1 … §3.15.2.1). */
package io.mqttas.codec;

import java.util.EnumSet;
import java.util.Set;

/**
 * The reason codes of MQTT 5.0. Values below 0x80 report success, 0x80 and above failure. Packets
 * hold the code as an {@code int} (as the wire does); {@link #of(int)} gives the constant and
 * {@link #describe(int, PacketType)} the standard's name in the context of a packet (0x00 is
 * "Success", "Normal disconnection" or "Granted QoS 0").
 */
public enum ReasonCode {
    SUCCESS(0x00, "Success"),
    GRANTED_QOS_1(0x01, "Granted QoS 1"),
    GRANTED_QOS_2(0x02, "Granted QoS 2"),
    DISCONNECT_WITH_WILL_MESSAGE(0x04, "Disconnect with Will Message"),
    NO_MATCHING_SUBSCRIBERS(0x10, "No matching subscribers"),
    NO_SUBSCRIPTION_EXISTED(0x11, "No subscription existed"),
    CONTINUE_AUTHENTICATION(0x18, "Continue authentication"),
    RE_AUTHENTICATE(0x19, "Re-authenticate"),
    UNSPECIFIED_ERROR(0x80, "Unspecified error"),
    MALFORMED_PACKET(0x81, "Malformed Packet"),
    PROTOCOL_ERROR(0x82, "Protocol Error"),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83, "Implementation specific error"),
    UNSUPPORTED_PROTOCOL_VERSION(0x84, "Unsupported Protocol Version"),
    CLIENT_IDENTIFIER_NOT_VALID(0x85, "Client Identifier not valid"),
    BAD_USER_NAME_OR_PASSWORD(0x86, "Bad User Name or Password"),
    NOT_AUTHORIZED(0x87, "Not authorized"),
    SERVER_UNAVAILABLE(0x88, "Server unavailable"),
    SERVER_BUSY(0x89, "Server busy"),
    BANNED(0x8A, "Banned"),
    SERVER_SHUTTING_DOWN(0x8B, "Server shutting down"),
    BAD_AUTHENTICATION_METHOD(0x8C, "Bad authentication method"),
    KEEP_ALIVE_TIMEOUT(0x8D, "Keep Alive timeout"),
    SESSION_TAKEN_OVER(0x8E, "Session taken over"),
    TOPIC_FILTER_INVALID(0x8F, "Topic Filter invalid"),
    TOPIC_NAME_INVALID(0x90, "Topic Name invalid"),
    PACKET_IDENTIFIER_IN_USE(0x91, "Packet Identifier in use"),
    PACKET_IDENTIFIER_NOT_FOUND(0x92, "Packet Identifier not found"),
    RECEIVE_MAXIMUM_EXCEEDED(0x93, "Receive Maximum exceeded"),
    TOPIC_ALIAS_INVALID(0x94, "Topic Alias invalid"),
    PACKET_TOO_LARGE(0x95, "Packet too large"),
    MESSAGE_RATE_TOO_HIGH(0x96, "Message rate too high"),
    QUOTA_EXCEEDED(0x97, "Quota exceeded"),
    ADMINISTRATIVE_ACTION(0x98, "Administrative action"),
    PAYLOAD_FORMAT_INVALID(0x99, "Payload format invalid"),
    RETAIN_NOT_SUPPORTED(0x9A, "Retain not supported"),
    QOS_NOT_SUPPORTED(0x9B, "QoS not supported"),
    USE_ANOTHER_SERVER(0x9C, "Use another server"),
    SERVER_MOVED(0x9D, "Server moved"),
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E, "Shared Subscriptions not supported"),
    CONNECTION_RATE_EXCEEDED(0x9F, "Connection rate exceeded"),
    MAXIMUM_CONNECT_TIME(0xA0, "Maximum connect time"),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1, "Subscription Identifiers not supported"),
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2, "Wildcard Subscriptions not supported");

    private static final ReasonCode[] BY_CODE = new ReasonCode[256];
    static {
        for (ReasonCode r : values()) {
            BY_CODE[r.code] = r;
        }
    }

    private final int code;
    private final String text;

    ReasonCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** 0x80 and above [MQTT-4.13.2-1]. */
    public boolean isError() {
        return code >= 0x80;
    }

    /** The constant for a code, or {@code null} for a code the standard does not define. */
    public static ReasonCode of(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    /** Whether {@code code} is one the standard lets this packet type carry. */
    public static boolean allowedIn(int code, PacketType packet) {
        ReasonCode r = of(code);
        return r != null && allowed(packet).contains(r);
    }

    /** The codes a packet type may carry (empty for packets without a reason code). */
    public static Set<ReasonCode> allowed(PacketType packet) {
        return switch (packet) {
            case CONNACK -> CONNACK_CODES;
            case PUBACK, PUBREC -> PUBACK_CODES;
            case PUBREL, PUBCOMP -> PUBREL_CODES;
            case SUBACK -> SUBACK_CODES;
            case UNSUBACK -> UNSUBACK_CODES;
            case DISCONNECT -> DISCONNECT_CODES;
            case AUTH -> AUTH_CODES;
            default -> Set.of();
        };
    }

    /** The standard's name of {@code code} in {@code packet}, e.g. "Granted QoS 0", or "reserved reason code 0x05". */
    public static String describe(int code, PacketType packet) {
        ReasonCode r = of(code);
        if (r == null) {
            return String.format("reserved reason code 0x%02x", code);
        }
        if (r == SUCCESS && packet == PacketType.SUBACK) {
            return "Granted QoS 0";
        }
        if (r == SUCCESS && packet == PacketType.DISCONNECT) {
            return "Normal disconnection";
        }
        return r.text;
    }

    @Override
    public String toString() {
        return String.format("0x%02x %s", code, text);
    }

    private static final Set<ReasonCode> CONNACK_CODES = EnumSet.of(SUCCESS, UNSPECIFIED_ERROR, MALFORMED_PACKET, PROTOCOL_ERROR,
            IMPLEMENTATION_SPECIFIC_ERROR, UNSUPPORTED_PROTOCOL_VERSION, CLIENT_IDENTIFIER_NOT_VALID, BAD_USER_NAME_OR_PASSWORD,
            NOT_AUTHORIZED, SERVER_UNAVAILABLE, SERVER_BUSY, BANNED, BAD_AUTHENTICATION_METHOD, TOPIC_NAME_INVALID,
            PACKET_TOO_LARGE, QUOTA_EXCEEDED, PAYLOAD_FORMAT_INVALID, RETAIN_NOT_SUPPORTED, QOS_NOT_SUPPORTED,
            USE_ANOTHER_SERVER, SERVER_MOVED, CONNECTION_RATE_EXCEEDED);
    private static final Set<ReasonCode> PUBACK_CODES = EnumSet.of(SUCCESS, NO_MATCHING_SUBSCRIBERS, UNSPECIFIED_ERROR,
            IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_NAME_INVALID, PACKET_IDENTIFIER_IN_USE, QUOTA_EXCEEDED,
            PAYLOAD_FORMAT_INVALID);
    private static final Set<ReasonCode> PUBREL_CODES = EnumSet.of(SUCCESS, PACKET_IDENTIFIER_NOT_FOUND);
    private static final Set<ReasonCode> SUBACK_CODES = EnumSet.of(SUCCESS, GRANTED_QOS_1, GRANTED_QOS_2, UNSPECIFIED_ERROR,
            IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_FILTER_INVALID, PACKET_IDENTIFIER_IN_USE, QUOTA_EXCEEDED,
            SHARED_SUBSCRIPTIONS_NOT_SUPPORTED, SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);
    private static final Set<ReasonCode> UNSUBACK_CODES = EnumSet.of(SUCCESS, NO_SUBSCRIPTION_EXISTED, UNSPECIFIED_ERROR,
            IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_FILTER_INVALID, PACKET_IDENTIFIER_IN_USE);
    private static final Set<ReasonCode> DISCONNECT_CODES = EnumSet.of(SUCCESS, DISCONNECT_WITH_WILL_MESSAGE, UNSPECIFIED_ERROR,
            MALFORMED_PACKET, PROTOCOL_ERROR, IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, SERVER_BUSY, SERVER_SHUTTING_DOWN,
            KEEP_ALIVE_TIMEOUT, SESSION_TAKEN_OVER, TOPIC_FILTER_INVALID, TOPIC_NAME_INVALID, RECEIVE_MAXIMUM_EXCEEDED,
            TOPIC_ALIAS_INVALID, PACKET_TOO_LARGE, MESSAGE_RATE_TOO_HIGH, QUOTA_EXCEEDED, ADMINISTRATIVE_ACTION,
            PAYLOAD_FORMAT_INVALID, RETAIN_NOT_SUPPORTED, QOS_NOT_SUPPORTED, USE_ANOTHER_SERVER, SERVER_MOVED,
            SHARED_SUBSCRIPTIONS_NOT_SUPPORTED, CONNECTION_RATE_EXCEEDED, MAXIMUM_CONNECT_TIME,
            SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);
    private static final Set<ReasonCode> AUTH_CODES = EnumSet.of(SUCCESS, CONTINUE_AUTHENTICATION, RE_AUTHENTICATE);

    /** The rule a packet breaks with a reason code it may not carry. */
    static String rule(PacketType packet) {
        return switch (packet) {
            case CONNACK -> "MQTT-3.2.2-8";
            case PUBACK -> "MQTT-3.4.2-1";
            case PUBREC -> "MQTT-3.5.2-1";
            case PUBREL -> "MQTT-3.6.2-1";
            case PUBCOMP -> "MQTT-3.7.2-1";
            case SUBACK -> "MQTT-3.9.3-2";
            case UNSUBACK -> "MQTT-3.11.3-2";
            case DISCONNECT -> "MQTT-3.14.2-1";
            case AUTH -> "MQTT-3.15.2-1";
            default -> "MQTT-2.4";
        };
    }

    /** Throws unless {@code code} is allowed in {@code packet}; returns it. */
    static int check(int code, PacketType packet) {
        if (code != 0 && !allowedIn(code, packet)) { // 0x00 is allowed wherever a reason code is
            throw new MqttCodecException(rule(packet), packet + " may not carry reason code " + describe(code, packet),
                    String.format("0x%02x", code));
        }
        return code;
    }
}
