/* spec/bridge.md §4.1, §4.2, §4.4: application records (fields separated by DEL) and status values. */
package io.mqttas.bridge.internal;

import java.util.ArrayList;
import java.util.List;

/** Splitting and building records, and the status values of spec §4.4. */
public final class Records {
    /** The field separator, DEL (127). */
    public static final char SEP = 127;

    public static final int BROKER_OK = 0;
    public static final int BROKER_CHECK = 1;
    public static final int DEFNET = 2;
    public static final int PUBOK = 4;
    public static final int RUNNING = 5;
    public static final int UNKNOWN = 6;
    public static final int WILLOK = 7;
    public static final int BROKER_FAIL = 8;
    public static final int WIFI_UP = 9;
    public static final int WIFI_DOWN = 10;
    /**
     * Our extension (not in the original): a broker message was not forwarded because it cannot
     * cross the link (characters outside 1..126, or longer than the maximum message length).
     * Hosts treat unknown values as non-fatal (their default status handler ignores them).
     */
    public static final int REJECTED = 13;

    /** How much of an offending record is echoed back in an error status. */
    static final int ECHO_LIMIT = 120;

    private Records() {
    }

    /** The fields of {@code record} (never empty; a record without separators is one field). */
    public static List<String> split(String record) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < record.length(); i++) {
            if (record.charAt(i) == SEP) {
                fields.add(record.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(record.substring(start));
        return fields;
    }

    /** The fields joined by {@link #SEP}. */
    public static String join(String... fields) {
        return String.join(String.valueOf(SEP), fields);
    }

    /** A status record {@code t|value|text...}. */
    public static String status(int value, String... text) {
        String[] fields = new String[text.length + 2];
        fields[0] = "t";
        fields[1] = Integer.toString(value);
        for (int i = 0; i < text.length; i++) {
            fields[i + 2] = printable(text[i], ECHO_LIMIT);
        }
        return join(fields);
    }

    /** Whether every character of {@code s} can cross the link inside a field (codes 1..126). */
    public static boolean isFieldSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 1 || c > 126) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code s} cut to {@code limit} characters with every character outside 1..126 (the
     * separator included) replaced by '?', so echoing hostile text can never break the framing.
     */
    public static String printable(String s, int limit) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), limit) + 3);
        for (int i = 0; i < s.length() && i < limit; i++) {
            char c = s.charAt(i);
            b.append(c >= 1 && c <= 126 ? c : '?');
        }
        if (s.length() > limit) {
            b.append("...");
        }
        return b.toString();
    }
}
