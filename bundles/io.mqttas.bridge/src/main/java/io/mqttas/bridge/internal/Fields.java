/* spec/bridge.md §4.1: number and boolean encodings of record fields, parsed strictly and bounded. */
package io.mqttas.bridge.internal;

import java.util.List;

/** Parses record fields; every failure names the field, the value and the rule. */
final class Fields {
    private Fields() {
    }

    static void expectCount(List<String> fields, String command, int... allowed) throws InvalidRecordException {
        for (int n : allowed) {
            if (fields.size() == n) {
                return;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int n : allowed) {
            b.append(b.length() == 0 ? "" : " or ").append(n - 1);
        }
        throw new InvalidRecordException(
                "'" + command + "' needs " + b + " fields after the command, got " + (fields.size() - 1));
    }

    /** A decimal integer in {@code min..max} (no sign, at most 9 digits, so no overflow). */
    static int integer(String field, String value, int min, int max) throws InvalidRecordException {
        String rule = "must be an integer " + min + ".." + max;
        if (value.isEmpty() || value.length() > 9) {
            throw InvalidRecordException.field(field, value, rule);
        }
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw InvalidRecordException.field(field, value, rule);
            }
            n = n * 10 + (c - '0');
        }
        if (n < min || n > max) {
            throw InvalidRecordException.field(field, value, rule);
        }
        return n;
    }

    /**
     * A flag: {@code 0}/{@code 1} (INIT, publish) or {@code True}/{@code False} (will, as the host
     * sends it). Parsed for what it says, unlike the original's truthiness test (spec §11.1).
     */
    static boolean flag(String field, String value) throws InvalidRecordException {
        switch (value) {
            case "1":
            case "True":
            case "true":
                return true;
            case "0":
            case "False":
            case "false":
                return false;
            default:
                throw InvalidRecordException.field(field, value, "must be 0, 1, True or False");
        }
    }
}
