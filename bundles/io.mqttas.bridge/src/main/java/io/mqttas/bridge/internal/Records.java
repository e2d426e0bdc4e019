/*
 * spec/bridge.md §4.1, §4.2, §4.4: application records (fields separated by DEL) and status values;
 * issue 12 item 1: only statuses the original host's table knows can be built.
 */
package io.mqttas.bridge.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splitting and building records, and the status values of spec §4.4. The original host prints
 * every status through a fixed table of eleven texts (values 0..10) when {@code verbose} is set and
 * indexes it without a check, so any other value raises an IndexError that kills its link task for
 * good; for UNKNOWN (6) it prints the two text fields that follow. {@link #status} therefore refuses
 * values outside 0..10 and an UNKNOWN without exactly two text fields (docs/bridge.md, "Audit").
 */
public final class Records {
    /** The field separator, DEL (127). */
    public static final char SEP = 127;

    public static final int BROKER_OK = 0;
    public static final int BROKER_CHECK = 1;
    public static final int DEFNET = 2;
    /** Never sent: the network is the gateway's business (the host would answer or reset). */
    public static final int SPECNET = 3;
    public static final int PUBOK = 4;
    public static final int RUNNING = 5;
    public static final int UNKNOWN = 6;
    public static final int WILLOK = 7;
    public static final int BROKER_FAIL = 8;
    public static final int WIFI_UP = 9;
    public static final int WIFI_DOWN = 10;
    /** Size of the original host's status text table: values 0..10. */
    public static final int HOST_STATUS_TABLE = 11;

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

    /** The command (first field) of a record. */
    public static String command(String record) {
        int i = record.indexOf(SEP);
        return i < 0 ? record : record.substring(0, i);
    }

    /**
     * Whether the original host waits for an answer to this command: {@code p} (PUBOK, under its
     * publish lock, for ever), {@code w} (one reply), {@code init} (statuses up to RUNNING), and
     * {@code i} (it gives up after a while, but an answer is what it asked for).
     */
    public static boolean expectsAnswer(String command) {
        return command.equals("p") || command.equals("w") || command.equals("init") || command.equals("i");
    }

    /**
     * A status record {@code t|value|text...}: {@code value} from the host's table (0..10), and
     * UNKNOWN with exactly two text fields (the host prints both).
     */
    public static String status(int value, String... text) {
        if (value < 0 || value >= HOST_STATUS_TABLE) {
            throw new IllegalArgumentException("status " + value + " is not in the host's table 0.."
                    + (HOST_STATUS_TABLE - 1) + " (a verbose host would crash on it)");
        }
        if (value == UNKNOWN ? text.length != 2 : text.length != 0) {
            throw new IllegalArgumentException("status " + value + " with " + text.length
                    + " text fields: UNKNOWN takes exactly two (the host prints both), the others none");
        }
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
