/* DESIGN.md §5: configuration properties as ConfigAdmin and Kura's web UI deliver them, made fit for MqttConfig.fromMap. */
package io.mqttas.session.component;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads and cleans the component's properties; never exposes a secret in {@link #describe(Map)}. */
final class ConfigKeys {
    private static final Set<String> SECRETS = Set.of("password", "wifi_pw", "ssl_params.key_password");
    private static final Set<String> FRAMEWORK = Set.of("objectClass", "service.pid", "service.factoryPid", "component.name",
            "component.id", "felix.fileinstall.filename", "kura.service.pid", "service.bundleid", "service.scope", "service.id");

    private ConfigKeys() {
    }

    /**
     * The dict keys of a configuration: framework properties removed; empty text and all-empty arrays
     * removed (the metatype form sends "" for "not set", which then means the default); Kura's
     * Password objects turned into their text.
     */
    static Map<String, Object> effective(Map<String, ?> properties) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (v == null || FRAMEWORK.contains(key) || key.endsWith(".target")) {
                continue;
            }
            if (v.getClass().getName().equals("org.eclipse.kura.configuration.Password")) {
                v = String.valueOf(v);
            }
            if (v instanceof String s && s.isEmpty()) {
                continue;
            }
            if (v instanceof String[] a && !key.equals("will") && java.util.Arrays.stream(a).allMatch(x -> x == null || x.isBlank())) {
                continue;
            }
            out.put(key, v);
        }
        return out;
    }

    /** Equal configurations (arrays compared by content). */
    static boolean same(Map<String, ?> a, Map<String, ?> b) {
        if (a == null || b == null || !a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!java.util.Objects.deepEquals(a.get(k), b.get(k))) {
                return false;
            }
        }
        return true;
    }

    static String text(Map<String, ?> cfg, String key, String dflt) {
        Object v = cfg.get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    private static double number(Map<String, ?> cfg, String key, double dflt) {
        Object v = cfg == null ? null : cfg.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return v == null ? dflt : Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** How long a retiring client may take to finish its QoS 1 publications: response_time × (max_repubs + 1), at most 60 s. */
    static long drainMillis(Map<String, ?> cfg) {
        double seconds = number(cfg, "response_time", 10) * (number(cfg, "max_repubs", 4) + 1);
        return (long) Math.min(60_000, Math.max(1000, seconds * 1000));
    }

    static long delayMin(Map<String, ?> cfg) {
        return (long) Math.max(1000, number(cfg, "reconnect_delay_min", io.mqttas.session.MqttConfig.DEFAULT_RECONNECT_DELAY_MIN) * 1000);
    }

    static long delayMax(Map<String, ?> cfg) {
        return (long) Math.max(1000, number(cfg, "reconnect_delay_max", io.mqttas.session.MqttConfig.DEFAULT_RECONNECT_DELAY_MAX) * 1000);
    }

    /** The configuration for a log line: secrets shown only as set/unset. */
    static String describe(Map<String, ?> cfg) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, ?> e : new TreeMap<>(cfg).entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey()).append('=');
            if (SECRETS.contains(e.getKey())) {
                b.append("(set)");
            } else if (e.getValue() instanceof Object[] a) {
                b.append(java.util.Arrays.toString(a));
            } else {
                b.append(e.getValue());
            }
        }
        return b.toString();
    }
}
