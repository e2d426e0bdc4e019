/* Test helper: the JSON string arrays of the original's protocol tests (spec §16.1). */
package io.mqttas.session.it;

import java.util.ArrayList;
import java.util.List;

/** Encodes and parses flat JSON arrays of strings (enough for ["cmd","topic","msg"]). */
final class Json {
    private Json() {
    }

    static String array(String... items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append('"');
            for (char c : items[i].toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            b.append('"');
        }
        return b.append(']').toString();
    }

    static List<String> parse(String json) {
        List<String> out = new ArrayList<>();
        int i = json.indexOf('[') + 1;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (json.charAt(i) != '"') {
                    if (json.charAt(i) == '\\') {
                        i++;
                    }
                    s.append(json.charAt(i++));
                }
                out.add(s.toString());
            } else if (c == ']') {
                break;
            }
            i++;
        }
        return out;
    }
}
