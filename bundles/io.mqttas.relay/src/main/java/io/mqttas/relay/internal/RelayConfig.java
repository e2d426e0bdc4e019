/*
 * spec/relay.md §10 (gwconfig keys, same names and defaults) plus the keys of our extensions
 * (DESIGN.md §7: each behind a key, default compatible). Built from a ConfigAdmin-style map; a
 * bad value fails naming the key, the value and what is allowed.
 */
package io.mqttas.relay.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The relay's configuration. Immutable. */
public record RelayConfig(boolean debug, int qlen, boolean lpmode, Destination pubAll, Destination errors,
        Destination status, Destination statreq, String ntpHost, int ntpOffset, int pubqLen, int pubqNak,
        int maxNodes, int maxReports, int maxFrame, boolean wildcards, String persistDir, long persistIntervalMs,
        Set<NodeId> allowedNodes, String transport, String udpHost, int udpPort, NodeId udpMac, int udpChannel,
        String serialPort, int serialBaud, int serialChannel, int pubqNodeMax, int nodeRate, int nodeBurst,
        int maxTopics, int awakeWindowMs, int serialTimeoutMs) {

    public static final String PID = "io.mqttas.relay";

    public static RelayConfig defaults() {
        return fromMap(Map.of());
    }

    public static RelayConfig fromMap(Map<String, ?> m) {
        Destination pubAll = in(m, "pub_all", "allnodes", 1);
        if (pubAll == null) {
            throw new IllegalArgumentException("pub_all: the all-nodes topic must not be empty");
        }
        int qlen = integer(m, "qlen", 10, 2, 10_000);
        int pubqLen = integer(m, "pubq_len", 100, 2, 100_000);
        int pubqNak = integer(m, "pubq_nak", 5, 0, pubqLen - 1);
        int pubqNodeMax = integer(m, "pubq_node_max", Math.min(9, pubqLen - 1), 1, pubqLen - 1);
        String transport = string(m, "transport", "udp").toLowerCase(Locale.ROOT);
        if (!transport.equals("udp") && !transport.equals("serial")) {
            throw new IllegalArgumentException("transport: expected udp or serial, got '" + transport + "'");
        }
        return new RelayConfig(bool(m, "debug", false), qlen, bool(m, "lpmode", true), pubAll,
                out(m, "errors", "gw_errors", false, 1), out(m, "status", "gw_status", false, 0),
                in(m, "statreq", "gw_query", 0), string(m, "ntp_host", ""), integer(m, "ntp_offset", 1, -12, 14),
                pubqLen, pubqNak, integer(m, "max_nodes", 1000, 1, 1_000_000),
                integer(m, "max_reports", 100, 1, 100_000), integer(m, "max_frame", 250, 16, 1470),
                bool(m, "wildcards", false), string(m, "persist_dir", ""),
                integer(m, "persist_interval_ms", 1000, 10, 3_600_000), nodes(m, "allowed_nodes"), transport,
                string(m, "udp_host", "127.0.0.1"), integer(m, "udp_port", 8266, 0, 65535),
                mac(m, "udp_mac", "02006d717474"), integer(m, "udp_channel", 1, 0, 14),
                string(m, "serial_port", "/dev/ttyUSB0"), integer(m, "serial_baud", 115200, 1200, 4_000_000),
                integer(m, "serial_channel", 0, 0, 14), pubqNodeMax, integer(m, "node_rate", 20, 0, 100_000),
                integer(m, "node_burst", 40, 1, 100_000), integer(m, "max_topics", 1000, 1, 1_000_000),
                integer(m, "awake_window_ms", 150, 0, 60_000), integer(m, "serial_timeout_ms", 300, 20, 10_000));
    }

    /** PubIn (topic, qos): a topic string alone, or {topic, qos}; empty = switched off. */
    private static Destination in(Map<String, ?> m, String key, String topic, int qos) {
        List<String> v = strings(m, key);
        if (v == null) {
            return new Destination(topic, false, qos);
        }
        if (v.isEmpty() || v.get(0).isEmpty()) {
            return null;
        }
        try {
            return new Destination(v.get(0), false, v.size() > 1 ? parseInt(key, v.get(1), -1, 2) : qos);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(key + ":") ? e : new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** PubOut (topic, retain, qos): a topic alone, or {topic, retain, qos}; empty = switched off. */
    private static Destination out(Map<String, ?> m, String key, String topic, boolean retain, int qos) {
        List<String> v = strings(m, key);
        if (v == null) {
            return new Destination(topic, retain, qos);
        }
        if (v.isEmpty() || v.get(0).isEmpty()) {
            return null;
        }
        try {
            boolean r = v.size() > 1 ? parseBool(key, v.get(1)) : retain;
            return new Destination(v.get(0), r, v.size() > 2 ? parseInt(key, v.get(2), -1, 2) : qos);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(key + ":") ? e : new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static Set<NodeId> nodes(Map<String, ?> m, String key) {
        List<String> v = strings(m, key);
        Set<NodeId> ids = new LinkedHashSet<>();
        if (v != null) {
            for (String s : v) {
                for (String part : s.split("[,\\s]+")) {
                    if (!part.isEmpty()) {
                        try {
                            ids.add(NodeId.parse(part));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
                        }
                    }
                }
            }
        }
        return Set.copyOf(ids);
    }

    private static NodeId mac(Map<String, ?> m, String key, String def) {
        try {
            return NodeId.parse(string(m, key, def));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** null when absent; a String, String[] or collection as a list of strings. */
    private static List<String> strings(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(String.valueOf(Array.get(v, i)).trim());
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x).trim()));
        } else {
            String s = v.toString().trim();
            if (!s.isEmpty()) {
                for (String p : s.split(",")) {
                    out.add(p.trim());
                }
            }
        }
        return out;
    }

    private static String string(Map<String, ?> m, String key, String def) {
        Object v = m.get(key);
        return v == null ? def : v.toString().trim();
    }

    private static boolean bool(Map<String, ?> m, String key, boolean def) {
        Object v = m.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return parseBool(key, v.toString());
    }

    private static boolean parseBool(String key, String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException(key + ": expected true or false, got '" + s + "'");
        };
    }

    private static int integer(Map<String, ?> m, String key, int def, int min, int max) {
        Object v = m.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Number n && n.longValue() == n.doubleValue()) {
            long l = n.longValue();
            if (l < min || l > max) {
                throw new IllegalArgumentException(key + ": " + l + " is outside " + min + ".." + max);
            }
            return (int) l;
        }
        return parseInt(key, v.toString(), min, max);
    }

    private static int parseInt(String key, String s, int min, int max) {
        int i;
        try {
            i = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected an integer " + min + ".." + max + ", got '" + s + "'");
        }
        if (i < min || i > max) {
            throw new IllegalArgumentException(key + ": " + i + " is outside " + min + ".." + max);
        }
        return i;
    }
}
