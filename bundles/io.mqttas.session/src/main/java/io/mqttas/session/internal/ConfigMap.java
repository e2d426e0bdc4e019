/* spec/mqtt_as.md §2, DESIGN.md §5: the config dict read verbatim, as ConfigAdmin delivers it. */
package io.mqttas.session.internal;

import io.mqttas.session.ConnectListener;
import io.mqttas.session.InvalidConfigException;
import io.mqttas.session.LinkListener;
import io.mqttas.session.LinkMonitor;
import io.mqttas.session.MessageListener;
import io.mqttas.session.MqttConfig;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies a map of the original's dict keys to a builder. Values may be the Java types a program
 * passes or the ones ConfigAdmin delivers (String, Integer, Long, Boolean, Double, String[]).
 * Standard framework properties are ignored; other unknown keys fail.
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
        return FRAMEWORK_KEYS.contains(key) || (key.contains(".") && !key.startsWith("ssl_params."));
    }

    public static void checkSslParam(String name, String value) {
        if (!SSL_PARAMS.contains(name)) {
            throw new InvalidConfigException("ssl_params." + name, value, "one of " + new java.util.TreeSet<>(SSL_PARAMS));
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
        String v = value.trim().toUpperCase(Locale.ROOT);
        switch (v) {
            case "0": case "CERT_NONE": case "NONE": return 0;
            case "1": case "CERT_OPTIONAL": case "OPTIONAL": return 1;
            case "2": case "CERT_REQUIRED": case "REQUIRED": return 2;
            default: throw new InvalidConfigException("ssl_params.cert_reqs", value, "0/CERT_NONE, 1/CERT_OPTIONAL or 2/CERT_REQUIRED");
        }
    }

    public static MqttConfig.Builder apply(Map<String, ?> map, MqttConfig.Builder b) {
        Object server = map.get("server");
        if (server == null && map.get("servers") == null) {
            throw new InvalidConfigException("server", null, "a host name or IP address (no server specified)");
        }
        for (Map.Entry<String, ?> e : map.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (key == null) {
                throw new InvalidConfigException("(null key)", v, "a config key");
            }
            if (key.startsWith("ssl_params.")) {
                String name = key.substring("ssl_params.".length());
                if (v != null) {
                    b.sslParam(name, str(key, v));
                }
                continue;
            }
            if (isFrameworkKey(key)) {
                continue;
            }
            switch (key) {
                case "client_id" -> b.clientId(str(key, v));
                case "server" -> b.server(str(key, v));
                case "servers" -> b.servers(list(key, v));
                case "port" -> b.port(integer(key, v));
                case "user" -> b.user(v == null ? "" : str(key, v));
                case "password" -> password(key, v, b);
                case "keepalive" -> b.keepalive(integer(key, v));
                case "ping_interval" -> b.pingInterval(number(key, v));
                case "ssl" -> b.ssl(bool(key, v));
                case "ssl_params" -> sslParams(key, v, b);
                case "response_time" -> b.responseTime(number(key, v));
                case "clean_init" -> b.cleanInit(bool(key, v));
                case "clean" -> b.clean(bool(key, v));
                case "max_repubs" -> b.maxRepubs(integer(key, v));
                case "will" -> will(key, v, b);
                case "subs_cb" -> b.subsCb(code(key, v, MessageListener.class));
                case "wifi_coro" -> b.wifiCoro(code(key, v, LinkListener.class));
                case "connect_coro" -> b.connectCoro(code(key, v, ConnectListener.class));
                case "link_monitor" -> b.linkMonitor(code(key, v, LinkMonitor.class));
                case "ssid" -> b.ssid(v == null ? null : str(key, v));
                case "wifi_pw" -> b.wifiPw(v == null ? null : str(key, v));
                case "queue_len" -> b.queueLen(integer(key, v));
                case "gateway" -> b.gateway(bool(key, v));
                case "mqttv5" -> b.mqttv5(bool(key, v));
                case "mqttv5_con_props" -> {
                    if (v != null && !(v instanceof Map<?, ?> m && m.isEmpty())) {
                        throw new InvalidConfigException(key, v, "absent (MQTT 5.0 is not supported yet)");
                    }
                }
                case "max_inflight" -> b.maxInflight(integer(key, v));
                case "max_queued" -> b.maxQueued(integer(key, v));
                case "reconnect_delay_min" -> b.reconnectDelayMin(number(key, v));
                case "reconnect_delay_max" -> b.reconnectDelayMax(number(key, v));
                case "reconnect_jitter" -> b.reconnectJitter(number(key, v));
                case "stability_time" -> b.stabilityTime(number(key, v));
                case "max_packet_size" -> b.maxPacketSize(integer(key, v));
                case "outbox" -> b.outbox(v == null ? "" : str(key, v));
                case "outbox_max_bytes" -> b.outboxMaxBytes(longValue(key, v));
                case "outbox_overflow" -> b.outboxOverflow(overflow(key, v));
                case "wan_ok_server" -> b.wanOkServer(str(key, v));
                default -> throw new InvalidConfigException(key, v instanceof Object[] a ? List.of(a) : v,
                        "a known config key (unknown key '" + key + "')");
            }
        }
        return b;
    }

    private static void password(String key, Object v, MqttConfig.Builder b) {
        if (v instanceof byte[] bytes) {
            b.password(bytes);
        } else if (v == null) {
            b.password("");
        } else if (v instanceof String || v instanceof Number) {
            b.password(String.valueOf(v));
        } else {
            throw new InvalidConfigException(key, "(hidden " + v.getClass().getSimpleName() + ")", "a string");
        }
    }

    private static MqttConfig.OutboxOverflow overflow(String key, Object v) {
        String s = str(key, v).trim().toUpperCase(Locale.ROOT);
        try {
            return MqttConfig.OutboxOverflow.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, v, "drop_oldest or reject");
        }
    }

    private static void sslParams(String key, Object v, MqttConfig.Builder b) {
        if (v == null) {
            return;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new InvalidConfigException(key, v, "a map of ssl parameters (or flattened ssl_params.* keys)");
        }
        for (Map.Entry<?, ?> p : m.entrySet()) {
            b.sslParam(String.valueOf(p.getKey()), p.getValue() == null ? null : str(key + "." + p.getKey(), p.getValue()));
        }
    }

    private static void will(String key, Object v, MqttConfig.Builder b) {
        List<?> parts = v == null ? List.of() : asList(key, v);
        if (parts.isEmpty() || (parts.get(0) == null || str(key, parts.get(0)).isEmpty()) && allBlank(parts)) {
            b.will(null);
            return;
        }
        if (parts.size() > 4) {
            throw new InvalidConfigException(key, parts, "{topic, msg[, retain[, qos]]}");
        }
        String topic = parts.get(0) == null ? "" : str(key, parts.get(0));
        Object msgPart = parts.size() > 1 ? parts.get(1) : "";
        byte[] msg = msgPart instanceof byte[] bytes ? bytes : (msgPart == null ? "" : str(key, msgPart)).getBytes(StandardCharsets.UTF_8);
        boolean retain = parts.size() > 2 && parts.get(2) != null && !String.valueOf(parts.get(2)).isEmpty() && bool(key, parts.get(2));
        int qos = parts.size() > 3 && parts.get(3) != null && !String.valueOf(parts.get(3)).isEmpty() ? integer(key, parts.get(3)) : 0;
        b.will(new MqttConfig.Will(topic, msg, retain, qos));
    }

    private static boolean allBlank(List<?> parts) {
        for (Object o : parts) {
            if (o != null && !String.valueOf(o).isBlank() && !"false".equalsIgnoreCase(String.valueOf(o)) && !"0".equals(String.valueOf(o))) {
                return false;
            }
        }
        return true;
    }

    private static List<?> asList(String key, Object v) {
        if (v instanceof Object[] a) {
            return java.util.Arrays.asList(a);
        }
        if (v instanceof Collection<?> c) {
            return List.copyOf(c);
        }
        if (v instanceof String s) {
            return s.isBlank() ? List.of() : java.util.Arrays.asList((Object[]) s.split(",", -1));
        }
        throw new InvalidConfigException(key, v, "a list {topic, msg, retain, qos}");
    }

    private static String list(String key, Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Object[] || v instanceof Collection<?>) {
            StringBuilder s = new StringBuilder();
            for (Object o : asList(key, v)) {
                s.append(s.length() == 0 ? "" : ",").append(o);
            }
            return s.toString();
        }
        return str(key, v);
    }

    @SuppressWarnings("unchecked")
    private static <T> T code(String key, Object v, Class<T> type) {
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
        throw new InvalidConfigException(key, v, "a string");
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
