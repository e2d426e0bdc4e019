/* MQTT 5.0 §1.5 and §2.2.2: property values — their checks, their length, writing and reading them. */
package io.mqttas.codec;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The one place that knows how each property type goes on the wire and which values the standard
 * refuses. The same {@link #check} runs when a value is set in Java and when it is read from the
 * wire, so both refuse a value with the same rule.
 */
final class PropertyValues {
    private PropertyValues() {
    }

    /** Slots of the value array: identifiers 0..0x2A. */
    static final int SLOTS = 0x2B;
    static final int MAX_VBI = 268_435_455;

    /** The builder's generic setter: converts, checks and stores a value. */
    static void put(MqttProperties.Builder b, MqttProperty p, Object value) {
        if (value == null) {
            throw new MqttCodecException(typeRule(p.type()), p + " must not be null", null);
        }
        switch (p.type()) {
            case BYTE, TWO_BYTE_INTEGER, VARIABLE_BYTE_INTEGER -> {
                long v = number(p, value);
                check(p, v);
                if (p == MqttProperty.SUBSCRIPTION_IDENTIFIER) {
                    b.subscriptionIdentifiers.add((int) v);
                } else {
                    b.values[p.id()] = (int) v;
                }
            }
            case FOUR_BYTE_INTEGER -> {
                long v = number(p, value);
                check(p, v);
                b.values[p.id()] = v;
            }
            case UTF8_STRING -> {
                if (!(value instanceof CharSequence)) {
                    throw new MqttCodecException(typeRule(p.type()), p + " takes a string", value);
                }
                String s = value.toString();
                check(p, s);
                b.values[p.id()] = s;
            }
            case BINARY_DATA -> {
                if (!(value instanceof byte[] bytes)) {
                    throw new MqttCodecException(typeRule(p.type()), p + " takes binary data (byte[])", value);
                }
                Checks.binary(bytes, p.toString(), MqttVersion.MQTT_5);
                b.values[p.id()] = bytes.clone();
            }
            case UTF8_STRING_PAIR -> {
                if (value instanceof UserProperty u) {
                    b.userProperties.add(u);
                } else if (value instanceof String[] pair && pair.length == 2) {
                    b.userProperties.add(new UserProperty(pair[0], pair[1]));
                } else {
                    throw new MqttCodecException(typeRule(p.type()), p + " takes a UserProperty or a {name, value} pair", value);
                }
            }
        }
    }

    private static long number(MqttProperty p, Object value) {
        if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
            return n.longValue();
        }
        if (value instanceof CharSequence s) {
            try {
                return Long.parseLong(s.toString().trim());
            } catch (NumberFormatException e) {
                throw new MqttCodecException(typeRule(p.type()), p + " takes an integer", Topics.printable(s.toString()));
            }
        }
        throw new MqttCodecException(typeRule(p.type()), p + " takes an integer", value);
    }

    /** The data type's section of §1.5, the rule for a value out of the type's range. */
    static String typeRule(MqttProperty.Type t) {
        return switch (t) {
            case BYTE -> "MQTT-1.5.1";
            case TWO_BYTE_INTEGER -> "MQTT-1.5.2";
            case FOUR_BYTE_INTEGER -> "MQTT-1.5.3";
            case UTF8_STRING -> "MQTT-1.5.4";
            case VARIABLE_BYTE_INTEGER -> "MQTT-1.5.5";
            case BINARY_DATA -> "MQTT-1.5.6";
            case UTF8_STRING_PAIR -> "MQTT-1.5.7";
        };
    }

    /** Range of the type, then the standard's rule for the property's value. */
    static void check(MqttProperty p, long v) {
        long max = switch (p.type()) {
            case BYTE -> 0xFF;
            case TWO_BYTE_INTEGER -> 0xFFFF;
            case FOUR_BYTE_INTEGER -> 0xFFFF_FFFFL;
            default -> MAX_VBI;
        };
        if (v < 0 || v > max) {
            throw new MqttCodecException(typeRule(p.type()), p + " must be 0.." + max, v);
        }
        switch (p) {
            case PAYLOAD_FORMAT_INDICATOR, REQUEST_PROBLEM_INFORMATION, REQUEST_RESPONSE_INFORMATION, MAXIMUM_QOS,
                    RETAIN_AVAILABLE, WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIERS_AVAILABLE,
                    SHARED_SUBSCRIPTION_AVAILABLE -> {
                if (v > 1) {
                    throw new MqttCodecException(p.rule(), p + " must be 0 or 1", v);
                }
            }
            case TOPIC_ALIAS -> {
                if (v == 0) {
                    throw new MqttCodecException("MQTT-3.3.2-8", "a Topic Alias of 0 is not allowed", v);
                }
            }
            case RECEIVE_MAXIMUM, MAXIMUM_PACKET_SIZE, SUBSCRIPTION_IDENTIFIER -> {
                if (v == 0) {
                    throw new MqttCodecException(p.rule(), p + " must not be 0", v);
                }
            }
            default -> {
                // any value of the type
            }
        }
    }

    static void check(MqttProperty p, String s) {
        if (p == MqttProperty.RESPONSE_TOPIC) {
            if (s.isEmpty()) {
                throw new MqttCodecException("MQTT-4.7.3-1", "a Response Topic must be at least one character long", "\"\"");
            }
            if (s.indexOf('+') >= 0 || s.indexOf('#') >= 0) {
                throw new MqttCodecException("MQTT-3.3.2-14", "a Response Topic must not contain wildcards", Topics.printable(s));
            }
        }
        Checks.utf8(s, p.toString(), MqttVersion.MQTT_5);
    }

    /** Bytes the properties take on the wire, without the Property Length. */
    static int length(Object[] values, List<UserProperty> users, List<Integer> subscriptionIds) {
        long n = 0;
        for (int id = 0; id < values.length; id++) {
            Object v = values[id];
            if (v != null) {
                n += 1 + switch (MqttProperty.ofId(id).type()) {
                    case BYTE -> 1;
                    case TWO_BYTE_INTEGER -> 2;
                    case FOUR_BYTE_INTEGER -> 4;
                    case VARIABLE_BYTE_INTEGER -> MqttEncoder.vbiLength((Integer) v);
                    case UTF8_STRING -> 2 + Utf8.length((String) v);
                    case BINARY_DATA -> 2 + ((byte[]) v).length;
                    case UTF8_STRING_PAIR -> throw new AssertionError();
                };
            }
        }
        for (int id : subscriptionIds) {
            n += 1 + MqttEncoder.vbiLength(id);
        }
        for (UserProperty u : users) {
            n += 1 + 2 + Utf8.length(u.name()) + 2 + Utf8.length(u.value());
        }
        if (n > MAX_VBI) {
            throw new MqttCodecException("MQTT-2.2.2.1", "properties longer than a Property Length can express", n);
        }
        return (int) n;
    }

    /** Property Length and properties, in identifier order (User Properties in their own order). */
    static void write(MqttProperties props, ByteBuffer out) {
        if (props.isEmpty()) {
            out.put((byte) 0); // small enough to inline: most packets carry no properties
            return;
        }
        writeNonEmpty(props, out);
    }

    private static void writeNonEmpty(MqttProperties props, ByteBuffer out) {
        MqttEncoder.writeVbi(props.encodedLength(), out);
        Object[] values = props.rawValues();
        for (int id = 0; id < values.length; id++) {
            if (id == MqttProperty.SUBSCRIPTION_IDENTIFIER.id()) {
                for (int s : props.subscriptionIdentifiers()) {
                    out.put((byte) id);
                    MqttEncoder.writeVbi(s, out);
                }
            } else if (id == MqttProperty.USER_PROPERTY.id()) {
                for (UserProperty u : props.userProperties()) {
                    out.put((byte) id);
                    Utf8.writeString(u.name(), out);
                    Utf8.writeString(u.value(), out);
                }
            }
            Object v = values[id];
            if (v == null) {
                continue;
            }
            out.put((byte) id);
            switch (MqttProperty.ofId(id).type()) {
                case BYTE -> out.put((byte) (int) (Integer) v);
                case TWO_BYTE_INTEGER -> MqttEncoder.putU16((Integer) v, out);
                case FOUR_BYTE_INTEGER -> {
                    long l = (Long) v;
                    MqttEncoder.putU16((int) (l >>> 16), out);
                    MqttEncoder.putU16((int) l & 0xFFFF, out);
                }
                case VARIABLE_BYTE_INTEGER -> MqttEncoder.writeVbi((Integer) v, out);
                case UTF8_STRING -> Utf8.writeString((String) v, out);
                case BINARY_DATA -> {
                    byte[] b = (byte[]) v;
                    MqttEncoder.putU16(b.length, out);
                    out.put(b);
                }
                case UTF8_STRING_PAIR -> throw new AssertionError();
            }
        }
    }

    /**
     * Reads a Property Length and the properties of one packet (or will), {@code where} naming the
     * place. The length is checked against what is left of the packet before anything is read, and
     * no value may run past the property block.
     */
    static MqttProperties read(BodyReader r, int where) {
        if (r.zeroByte()) { // Property Length 0: most packets; small enough to inline
            return MqttProperties.EMPTY;
        }
        return readBlock(r, r.vbi("property length"), where);
    }

    /** The properties after a Property Length of {@code length} already read. */
    static MqttProperties readBlock(BodyReader r, int length, int where) {
        if (length == 0) {
            return MqttProperties.EMPTY;
        }
        int blockEnd = r.narrow(length, "properties");
        MqttProperties.Builder b = MqttProperties.builder();
        long seen = 0;
        String place = MqttProperty.Where.name(where);
        while (r.hasMore()) {
            int id = r.vbi("property identifier");
            MqttProperty p = MqttProperty.ofId(id);
            if (p == null) {
                throw new MqttCodecException("MQTT-2.2.2.2", place + " has an unknown property identifier", String.format("0x%02x", id));
            }
            if ((p.where() & where) == 0) {
                throw new MqttCodecException("MQTT-2.2.2.2", p + " is not allowed in " + place, String.format("0x%02x", id));
            }
            long bit = 1L << id;
            if ((seen & bit) != 0 && !p.repeatable(where)) {
                throw new MqttCodecException(duplicateRule(where), p + " appears more than once in " + place,
                        String.format("0x%02x", id));
            }
            seen |= bit;
            switch (p.type()) {
                case BYTE -> put(b, p, r.u8(p.name()));
                case TWO_BYTE_INTEGER -> put(b, p, r.u16(p.name()));
                case FOUR_BYTE_INTEGER -> put(b, p, ((long) r.u16(p.name()) << 16) | r.u16(p.name()));
                case VARIABLE_BYTE_INTEGER -> put(b, p, r.vbi(p.name()));
                case UTF8_STRING -> put(b, p, r.string(p.name()));
                case BINARY_DATA -> b.values[id] = r.binary(p.name());
                case UTF8_STRING_PAIR -> b.userProperties.add(new UserProperty(r.string("user property name"),
                        r.string("user property value")));
            }
        }
        r.widen(blockEnd);
        return b.build();
    }

    private static void put(MqttProperties.Builder b, MqttProperty p, long v) {
        check(p, v);
        if (p == MqttProperty.SUBSCRIPTION_IDENTIFIER) {
            b.subscriptionIdentifiers.add((int) v);
        } else if (p.type() == MqttProperty.Type.FOUR_BYTE_INTEGER) {
            b.values[p.id()] = v;
        } else {
            b.values[p.id()] = (int) v;
        }
    }

    private static void put(MqttProperties.Builder b, MqttProperty p, String s) {
        if (p == MqttProperty.RESPONSE_TOPIC) {
            check(p, s); // wildcards; the reader already checked the UTF-8
        }
        b.values[p.id()] = s;
    }

    /** The properties section of the packet: "It is a Protocol Error to include … more than once". */
    static String duplicateRule(int where) {
        return switch (where) {
            case MqttProperty.Where.WILL -> "MQTT-3.1.3.2";
            case MqttProperty.Where.CONNECT -> "MQTT-3.1.2.11";
            case MqttProperty.Where.CONNACK -> "MQTT-3.2.2.3";
            case MqttProperty.Where.PUBLISH -> "MQTT-3.3.2.3";
            case 1 << 4 -> "MQTT-3.4.2.2";
            case 1 << 5 -> "MQTT-3.5.2.2";
            case 1 << 6 -> "MQTT-3.6.2.2";
            case 1 << 7 -> "MQTT-3.7.2.2";
            case MqttProperty.Where.SUBSCRIBE -> "MQTT-3.8.2.1";
            case MqttProperty.Where.SUBACK -> "MQTT-3.9.2.1";
            case MqttProperty.Where.UNSUBSCRIBE -> "MQTT-3.10.2.1";
            case MqttProperty.Where.UNSUBACK -> "MQTT-3.11.2.1";
            case MqttProperty.Where.DISCONNECT -> "MQTT-3.14.2.2";
            default -> "MQTT-3.15.2.2";
        };
    }

    /** Refuses properties a packet (or a will) may not carry; for the packet constructors. */
    static MqttProperties allowed(MqttProperties props, int where) {
        if (props == null) {
            throw new MqttCodecException("MQTT-2.2.2", "properties must not be null (use MqttProperties.EMPTY)", null);
        }
        long present = props.presentMask();
        if (present == 0) {
            return props;
        }
        for (MqttProperty p : MqttProperty.values()) {
            if ((present & 1L << p.id()) != 0 && (p.where() & where) == 0) {
                throw new MqttCodecException("MQTT-2.2.2.2", p + " is not allowed in " + MqttProperty.Where.name(where),
                        String.format("0x%02x", p.id()));
            }
        }
        if (where != MqttProperty.Where.PUBLISH && props.subscriptionIdentifiers().size() > 1) {
            throw new MqttCodecException(duplicateRule(where), "SUBSCRIPTION_IDENTIFIER appears more than once", 
                    props.subscriptionIdentifiers());
        }
        return props;
    }
}
