/* spec/mqtt_as.md §2, DESIGN.md §5: the config dict read verbatim, as ConfigAdmin delivers it; the value parsers of the rules table. */
package io.mqttas.session.internal;

import io.mqttas.session.InvalidConfigException;
import io.mqttas.session.MqttConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a map of the original's dict keys to a builder, and parses values as a program passes them
 * or as ConfigAdmin delivers them (String, Integer, Long, Boolean, Double, String[]). Standard
 * framework properties are ignored; other unknown keys fail. The keys themselves and their ranges
 * are in {@link ConfigRules}.
 */
public final class ConfigMap {
    private ConfigMap() {
    }

    /** ssl_params names we understand (CPython ssl.wrap_socket and MicroPython spellings). */
    static final Set<String> SSL_PARAMS = Set.of("server_hostname", "ca_certs", "cafile", "cadata", "cert", "certfile", "key",
            "keyfile", "key_password", "cert_reqs", "check_hostname", "do_handshake", "server_side", "protocol");

    private static final Set<String> FRAMEWORK_KEYS = Set.of("objectClass", "service.pid", "service.factoryPid",
            "component.name", "component.id", "felix.fileinstall.filename", "kura.service.pid");

    /** True for properties that the framework (OSGi, DS, Kura, fileinstall) adds to a configuration. */
    static boolean isFrameworkKey(String key) {
        return FRAMEWORK_KEYS.contains(key) || (key.contains(".") && !key.startsWith("ssl_params.") && !PropertyKeys.isFlattened(key));
    }

    public static MqttConfig.Builder apply(Map<String, ?> map, MqttConfig.Builder b) {
        if (map.get("server") == null && map.get("servers") == null) {
            throw new InvalidConfigException("server", null, "a host name or IP address (no server specified)");
        }
        for (Map.Entry<String, ?> e : map.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (key == null) {
                throw new InvalidConfigException("(null key)", v, "a config key");
            }
            if (key.startsWith("ssl_params.")) {
                if (v != null) {
                    b.sslParam(key.substring("ssl_params.".length()), str(key, v));
                }
            } else if (PropertyKeys.isFlattened(key)) {
                int dot = key.indexOf('.');
                if (v != null) {
                    b.property(key.substring(0, dot), key.substring(dot + 1), v);
                }
            } else if (!isFrameworkKey(key)) {
                b.set(key, v);
            }
        }
        return b;
    }

    public static void checkSslParam(String name, String value) {
        if (!SSL_PARAMS.contains(name)) {
            throw new InvalidConfigException("ssl_params." + name, value, "one of " + new TreeSet<>(SSL_PARAMS));
        }
        if (name.equals("cert_reqs") && value != null) {
            certReqs(value);
        }
        if ((name.equals("check_hostname") || name.equals("do_handshake") || name.equals("server_side")) && value != null) {
            bool("ssl_params." + name, value);
        }
        if (name.equals("server_side") && value != null && bool("ssl_params.server_side", value)) {
            throw new InvalidConfigException("ssl_params.server_side", value, "false (this is a client)");
        }
    }

    /** cert_reqs as in Python's ssl module: 0/CERT_NONE, 1/CERT_OPTIONAL, 2/CERT_REQUIRED. */
    public static int certReqs(String value) {
        switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "0": case "CERT_NONE": case "NONE": return 0;
            case "1": case "CERT_OPTIONAL": case "OPTIONAL": return 1;
            case "2": case "CERT_REQUIRED": case "REQUIRED": return 2;
            default: throw new InvalidConfigException("ssl_params.cert_reqs", value, "0/CERT_NONE, 1/CERT_OPTIONAL or 2/CERT_REQUIRED");
        }
    }

    // ---- parsers used by the rules table ----

    static byte[] password(String key, Object v) {
        if (v instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (v == null) {
            return new byte[0];
        }
        if (v instanceof String || v instanceof Number) {
            return String.valueOf(v).getBytes(StandardCharsets.UTF_8);
        }
        throw new InvalidConfigException(key, "(hidden " + v.getClass().getSimpleName() + ")", "a string");
    }

    static MqttConfig.OutboxOverflow overflow(String key, Object v) {
        if (v instanceof MqttConfig.OutboxOverflow o) {
            return o;
        }
        try {
            return MqttConfig.OutboxOverflow.valueOf(str(key, v).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, v, "drop_oldest or reject");
        }
    }

    static Map<String, String> sslParams(String key, Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new InvalidConfigException(key, v, "a map of ssl parameters (or flattened ssl_params.* keys)");
        }
        for (Map.Entry<?, ?> p : m.entrySet()) {
            String name = String.valueOf(p.getKey());
            String value = p.getValue() == null ? null : str(key + "." + name, p.getValue());
            checkSslParam(name, value);
            out.put(name, value);
        }
        return out;
    }

    static MqttConfig.Will will(String key, Object v) {
        if (v instanceof MqttConfig.Will w) {
            return w;
        }
        List<?> parts = v == null ? List.of() : asList(key, v);
        if (parts.isEmpty() || (parts.get(0) == null || str(key, parts.get(0)).isEmpty()) && allBlank(parts)) {
            return null;
        }
        if (parts.size() > 4) {
            throw new InvalidConfigException(key, parts, "{topic, msg[, retain[, qos]]}");
        }
        String topic = parts.get(0) == null ? "" : str(key, parts.get(0));
        Object msgPart = parts.size() > 1 ? parts.get(1) : "";
        byte[] msg = msgPart instanceof byte[] bytes ? bytes : (msgPart == null ? "" : str(key, msgPart)).getBytes(StandardCharsets.UTF_8);
        boolean retain = parts.size() > 2 && parts.get(2) != null && !String.valueOf(parts.get(2)).isEmpty() && bool(key, parts.get(2));
        int qos = parts.size() > 3 && parts.get(3) != null && !String.valueOf(parts.get(3)).isEmpty() ? integer(key, parts.get(3)) : 0;
        return new MqttConfig.Will(topic, msg, retain, qos);
    }

    private static boolean allBlank(List<?> parts) {
        for (Object o : parts) {
            String s = String.valueOf(o);
            if (o != null && !s.isBlank() && !"false".equalsIgnoreCase(s) && !"0".equals(s)) {
                return false;
            }
        }
        return true;
    }

    private static List<?> asList(String key, Object v) {
        if (v instanceof Object[] a) {
            return Arrays.asList(a);
        }
        if (v instanceof Collection<?> c) {
            return List.copyOf(c);
        }
        if (v instanceof String s) {
            return s.isBlank() ? List.of() : Arrays.asList((Object[]) s.split(",", -1));
        }
        throw new InvalidConfigException(key, v, "a list {topic, msg, retain, qos}");
    }

    /** {@code servers}: a list of {@link MqttConfig.Server}, of texts, or one text "host[:port],host[:port]…". */
    static List<MqttConfig.Server> servers(String key, Object v) {
        List<MqttConfig.Server> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        List<?> items = v instanceof String s ? Arrays.asList((Object[]) s.split("[,\\s]+")) : asList(key, v);
        for (Object o : items) {
            if (o instanceof MqttConfig.Server s) {
                out.add(s);
            } else if (o != null && !String.valueOf(o).isBlank()) {
                out.add(ServerUris.entry(key, String.valueOf(o).trim()));
            }
        }
        return out;
    }

    /** "host[:port]" (port 0 if absent); an IPv6 literal without port is taken whole. */
    static MqttConfig.Server hostPort(String key, String text) {
        int colon = text.lastIndexOf(':');
        if (colon > 0 && text.indexOf(':') == colon) {
            try {
                int p = Integer.parseInt(text.substring(colon + 1));
                if (p < 0 || p > 65_535) {
                    throw new InvalidConfigException(key, text, "host[:port] with port 0..65535");
                }
                return new MqttConfig.Server(text.substring(0, colon), p);
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(key, text, "host[:port] with port 0..65535");
            }
        }
        return new MqttConfig.Server(text, 0);
    }

    @SuppressWarnings("unchecked")
    static <T> T code(String key, Object v, Class<T> type) {
        if (v == null || type.isInstance(v)) {
            return (T) v;
        }
        throw new InvalidConfigException(key, v.getClass().getName(), "an instance of " + type.getName() + " (code only)");
    }

    static String str(String key, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
            return String.valueOf(v);
        }
        throw new InvalidConfigException(key, v instanceof Object[] a ? List.of(a) : v, "a string");
    }

    static boolean bool(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n && (n.longValue() == 0 || n.longValue() == 1) && n.doubleValue() == n.longValue()) {
            return n.longValue() == 1;
        }
        if (v instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true": case "1": case "yes": case "on": return true;
                case "false": case "0": case "no": case "off": case "": return false;
                default: break;
            }
        }
        throw new InvalidConfigException(key, v, "true or false");
    }

    static long longValue(String key, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Double.isFinite(n.doubleValue())) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(key, v, "a whole number");
            }
        }
        throw new InvalidConfigException(key, v, "a whole number");
    }

    static int integer(String key, Object v) {
        long l = longValue(key, v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new InvalidConfigException(key, v, "a whole number that fits in 32 bits");
        }
        return (int) l;
    }

    static double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(key, v, "a number of seconds");
            }
        }
        throw new InvalidConfigException(key, v, "a number of seconds");
    }
}
