/*
 * spec/bridge.md §4.3 field 6 and §11.4: the ssl_params dictionary. The original evaluates the
 * text as Python code; here it is parsed as data, never executed.
 */
package io.mqttas.bridge.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a flat dictionary literal as the host writes it with {@code repr(dict)} (or as JSON):
 * {@code {}}, {@code {'server_hostname': 'broker.local', 'cert_reqs': 2, 'check': True}}. Keys
 * are strings; values are strings, integers, {@code True}/{@code False}/{@code true}/{@code false}
 * or {@code None}/{@code null} (dropped). Anything else — nesting, expressions, calls — is
 * rejected with the position and what was expected. Values come back as strings, for the
 * flattened {@code ssl_params.KEY} configuration keys (DESIGN.md §5).
 */
public final class SslParams {
    private final String text;
    private int pos;

    private SslParams(String text) {
        this.text = text;
    }

    public static Map<String, String> parse(String text) throws InvalidRecordException {
        return new SslParams(text.strip()).dict();
    }

    private Map<String, String> dict() throws InvalidRecordException {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return out; // tolerated: same as {}
        }
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                String value = value();
                if (value != null) {
                    out.put(key, value);
                }
                skipSpace();
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw error("',' or '}'");
                }
                skipSpace();
                if (peek() == '}') { // trailing comma, as Python allows
                    pos++;
                    break;
                }
            }
        }
        skipSpace();
        if (pos != text.length()) {
            throw error("end of text");
        }
        return out;
    }

    private String value() throws InvalidRecordException {
        char c = peek();
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int start = pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            String n = text.substring(start, pos);
            if (n.equals("-") || n.length() > 10) {
                throw error("an integer of at most 9 digits");
            }
            return n;
        }
        for (String word : new String[] {"True", "False", "true", "false", "None", "null"}) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return switch (word) {
                    case "True", "true" -> "true";
                    case "False", "false" -> "false";
                    default -> null;
                };
            }
        }
        throw error("a string, an integer, True, False or None");
    }

    private String string() throws InvalidRecordException {
        char quote = next();
        if (quote != '\'' && quote != '"') {
            pos--;
            throw error("a quoted string");
        }
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("closing " + quote);
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    throw error("an escaped character");
                }
                char e = text.charAt(pos++);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e; // \\, \', \" and anything else literally
                });
            } else {
                b.append(c);
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() throws InvalidRecordException {
        if (pos >= text.length()) {
            throw error("more text");
        }
        return text.charAt(pos);
    }

    private char next() throws InvalidRecordException {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) throws InvalidRecordException {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private InvalidRecordException error(String expected) {
        return InvalidRecordException.field("ssl_params", text,
                "expected " + expected + " at position " + pos + " (a flat dict literal of strings, integers, booleans)");
    }
}
