/* MQTT 3.1.1 §4.7 and MQTT 5.0 §4.7–§4.8: topic names, topic filters, shared subscriptions and matching. */
package io.mqttas.codec;

/**
 * Topic rules. A topic name (PUBLISH) is at least one character, has no wildcards
 * [MQTT-3.3.2-2] and no U+0000 [MQTT-4.7.3-2]. A topic filter (SUBSCRIBE) is at least one
 * character [MQTT-4.7.3-1]; {@code #} must be last and alone in its level [MQTT-4.7.1-2];
 * {@code +} must fill a whole level [MQTT-4.7.1-3]. A filter that starts with a wildcard does not
 * match topics that start with {@code $} [MQTT-4.7.2-1].
 */
public final class Topics {
    private Topics() {
    }

    /** Throws {@link MqttCodecException} naming the rule if {@code topic} is not a valid topic name. */
    public static void validateName(String topic) {
        nameLength(topic);
    }

    /** Validates a topic name like {@link #validateName} and returns its length in UTF-8 bytes. */
    static int nameLength(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new MqttCodecException("MQTT-4.7.3-1", "a topic name must be at least one character long", topic);
        }
        int bytes = Checks.utf8(topic, "topic name");
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                throw new MqttCodecException("MQTT-3.3.2-2", "a topic name must not contain wildcards", printable(topic));
            }
        }
        return bytes;
    }

    /** Throws {@link MqttCodecException} naming the rule if {@code filter} is not a valid topic filter. */
    public static void validateFilter(String filter) {
        validateFilter(filter, MqttVersion.MQTT_3_1_1);
    }

    /**
     * As {@link #validateFilter(String)}, naming the rules of {@code version} (MQTT 5.0 renumbered
     * them: {@code #} is MQTT-4.7.1-1, {@code +} MQTT-4.7.1-2). In MQTT 5.0 a filter starting with
     * {@code $share/} must be a valid shared subscription [MQTT-4.8.2-1, MQTT-4.8.2-2].
     */
    public static void validateFilter(String filter, MqttVersion version) {
        boolean v5 = version == MqttVersion.MQTT_5;
        if (filter == null || filter.isEmpty()) {
            throw new MqttCodecException("MQTT-4.7.3-1", "a topic filter must be at least one character long", filter);
        }
        Checks.utf8(filter, "topic filter", version);
        int n = filter.length();
        if (v5 && filter.startsWith(SHARE_PREFIX)) {
            int slash = filter.indexOf('/', SHARE_PREFIX.length());
            if (slash == SHARE_PREFIX.length() || slash < 0 && filter.length() == SHARE_PREFIX.length()) {
                throw new MqttCodecException("MQTT-4.8.2-1", "a shared subscription needs a ShareName of at least one character",
                        printable(filter));
            }
            String shareName = filter.substring(SHARE_PREFIX.length(), slash < 0 ? n : slash);
            if (shareName.indexOf('+') >= 0 || shareName.indexOf('#') >= 0 || slash < 0 || slash == n - 1) {
                throw new MqttCodecException("MQTT-4.8.2-2", "a ShareName has no '+' or '#' and is followed by '/' and a topic filter",
                        printable(filter));
            }
        }
        for (int i = 0; i < n; i++) {
            char c = filter.charAt(i);
            if (c == '#') {
                boolean levelStart = i == 0 || filter.charAt(i - 1) == '/';
                if (!levelStart || i != n - 1) {
                    throw new MqttCodecException(v5 ? "MQTT-4.7.1-1" : "MQTT-4.7.1-2", "'#' must be the last character and fill its level",
                            printable(filter));
                }
            } else if (c == '+') {
                boolean levelStart = i == 0 || filter.charAt(i - 1) == '/';
                boolean levelEnd = i == n - 1 || filter.charAt(i + 1) == '/';
                if (!levelStart || !levelEnd) {
                    throw new MqttCodecException(v5 ? "MQTT-4.7.1-2" : "MQTT-4.7.1-3", "'+' must fill a whole topic level", printable(filter));
                }
            }
        }
    }

    private static final String SHARE_PREFIX = "$share/";

    /** True for a shared subscription's filter ({@code $share/<name>/<filter>}, MQTT 5.0 §4.8.2). */
    public static boolean isShared(String filter) {
        return filter != null && filter.startsWith(SHARE_PREFIX);
    }

    /** True if {@code topic} is a valid topic name. */
    public static boolean isValidName(String topic) {
        try {
            validateName(topic);
            return true;
        } catch (MqttCodecException e) {
            return false;
        }
    }

    /** True if {@code filter} is a valid topic filter. */
    public static boolean isValidFilter(String filter) {
        try {
            validateFilter(filter);
            return true;
        } catch (MqttCodecException e) {
            return false;
        }
    }

    /** True if {@code filter} contains {@code +} or {@code #}. */
    public static boolean hasWildcard(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }

    /**
     * Whether the (valid) topic {@code filter} matches the (valid) topic name {@code topic}.
     * {@code sport/#} matches {@code sport} and {@code sport/a/b}; {@code +/x} matches {@code /x};
     * {@code #} and {@code +/...} do not match {@code $SYS/...}. Invalid input never matches.
     */
    public static boolean matches(String filter, String topic) {
        if (filter == null || topic == null || filter.isEmpty() || topic.isEmpty()) {
            return false;
        }
        char first = filter.charAt(0);
        if (topic.charAt(0) == '$' && (first == '+' || first == '#')) {
            return false;
        }
        int f = 0;
        int t = 0;
        int fn = filter.length();
        int tn = topic.length();
        while (true) {
            // f and t are at the start of a level in filter and topic respectively.
            if (f < fn && filter.charAt(f) == '#') {
                return f == fn - 1;
            }
            int fEnd = filter.indexOf('/', f);
            if (fEnd < 0) {
                fEnd = fn;
            }
            int tEnd = topic.indexOf('/', t);
            if (tEnd < 0) {
                tEnd = tn;
            }
            boolean plus = fEnd - f == 1 && filter.charAt(f) == '+';
            if (!plus && !filter.regionMatches(f, topic, t, Math.max(fEnd - f, tEnd - t))) {
                return false;
            }
            boolean fLast = fEnd == fn;
            boolean tLast = tEnd == tn;
            if (fLast && tLast) {
                return true;
            }
            if (tLast) {
                // Topic ends here; "a/#" still matches "a" (the parent level).
                return fEnd + 2 == fn && filter.charAt(fEnd + 1) == '#';
            }
            if (fLast) {
                return false;
            }
            f = fEnd + 1;
            t = tEnd + 1;
        }
    }

    /** A short, printable form of a possibly hostile string for error messages. */
    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        int limit = Math.min(s.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > limit) {
            b.append("…(").append(s.length()).append(" chars)");
        }
        return '"' + b.toString() + '"';
    }
}
