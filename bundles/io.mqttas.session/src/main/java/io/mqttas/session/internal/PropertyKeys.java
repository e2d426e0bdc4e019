/* spec/mqtt_as.md §2 (mqttv5_con_props) and issue 13 item 4: MQTT 5.0 properties as configuration values. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.MqttProperty;
import io.mqttas.codec.PacketType;
import io.mqttas.codec.UserProperty;
import io.mqttas.session.InvalidConfigException;

import java.util.Map;

/**
 * The original's {@code mqttv5_con_props} dict (and our {@code mqttv5_will_props}) as configuration:
 * an {@link MqttProperties}, a map of property name or id to value, or — in ConfigAdmin, which has no
 * maps — flattened keys {@code <key>.<name-or-id>=value} ({@code mqttv5_con_props.session_expiry_interval=3600},
 * {@code mqttv5_con_props.0x11=3600}) with User Properties as {@code <key>.user_property.<name>=<value>}.
 * Names are the codec's {@link MqttProperty} constants in snake, kebab or upper case. Every property
 * must be one the packet may carry (CONNECT, or a will); values are checked by the codec's rules.
 */
public final class PropertyKeys {
    private PropertyKeys() {
    }

    static final String CON_PROPS = "mqttv5_con_props";
    static final String WILL_PROPS = "mqttv5_will_props";

    /** Whether {@code key} is a flattened entry of one of the property keys. */
    static boolean isFlattened(String key) {
        return key.startsWith(CON_PROPS + ".") || key.startsWith(WILL_PROPS + ".");
    }

    /** The rules-table parser: an {@link MqttProperties} or a map of name → value. */
    static MqttProperties parse(String key, Object v) {
        if (v == null) {
            return MqttProperties.EMPTY;
        }
        if (v instanceof MqttProperties p) {
            return p;
        }
        if (v instanceof Map<?, ?> m) {
            MqttProperties.Builder b = MqttProperties.builder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                add(b, key, String.valueOf(e.getKey()), e.getValue());
            }
            return b.build();
        }
        throw new InvalidConfigException(key, v, "a map of MQTT 5.0 property names to values");
    }

    /** Adds {@code name = value} (a property name or id, or {@code user_property.<name>}) to {@code b}. */
    public static void add(MqttProperties.Builder b, String key, String name, Object value) {
        String full = key + "." + name;
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("user_property.") || lower.startsWith("user-property.")) {
            String userName = name.substring("user_property.".length());
            b.userProperty(userName, value == null ? "" : String.valueOf(value));
            return;
        }
        MqttProperty p;
        try {
            p = MqttProperty.parse(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(full, value, "an MQTT 5.0 property name or id (" + e.getMessage() + ")");
        }
        try {
            if (p == MqttProperty.USER_PROPERTY) {
                if (value instanceof UserProperty u) {
                    b.userProperty(u.name(), u.value());
                } else if (value instanceof String[] a && a.length == 2) {
                    b.userProperty(a[0], a[1]);
                } else {
                    throw new InvalidConfigException(full, value, "a name/value pair (or the form " + key + ".user_property.<name>=<value>)");
                }
                return;
            }
            Object v = value;
            if (p.type() == MqttProperty.Type.BINARY_DATA && value instanceof String s) {
                v = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            b.set(p, v);
        } catch (InvalidConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidConfigException(full, value, "a valid value of " + p + " (" + e.getMessage() + ")");
        }
    }

    /** Whether every property of {@code p} may be in a CONNECT. */
    static boolean allowedInConnect(MqttProperties p) {
        return firstNotAllowed(p, false) == null;
    }

    static boolean allowedInWill(MqttProperties p) {
        return firstNotAllowed(p, true) == null;
    }

    /** The first property of {@code p} not allowed where it is used, or null. */
    static MqttProperty firstNotAllowed(MqttProperties p, boolean will) {
        if (p == null) {
            return MqttProperty.USER_PROPERTY; // never: the parser gives EMPTY
        }
        for (MqttProperty q : MqttProperty.values()) {
            if (p.contains(q) && !(will ? q.allowedInWill() : q.allowedIn(PacketType.CONNECT))) {
                return q;
            }
        }
        return null;
    }
}
