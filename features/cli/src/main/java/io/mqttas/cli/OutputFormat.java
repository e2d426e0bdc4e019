/* Issue 13 item 7: mosquitto_sub's -F output format (the MQTT fields; mosquitto_sub(1) "OUTPUT FORMAT"). */
package io.mqttas.cli;

import io.mqttas.codec.UserProperty;
import io.mqttas.session.Message;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Renders a message as mosquitto_sub {@code -F} does: {@code %t} topic, {@code %p} payload, {@code %q}
 * QoS, {@code %r} retained (0/1), {@code %l} payload length, {@code %x}/{@code %X} payload in hex,
 * {@code %P} User Properties as {@code key:value} separated by spaces, {@code %C} Content Type,
 * {@code %D} Correlation Data, {@code %E} Message Expiry Interval, {@code %F} Payload Format
 * Indicator, {@code %R} Response Topic, {@code %S} Subscription Identifiers, {@code %%}; escapes
 * {@code \n}, {@code \t}, {@code \\}. An absent property prints nothing. Width and precision
 * modifiers and the time fields are not supported (printed literally).
 */
final class OutputFormat {
    private final String format;

    OutputFormat(String format) {
        this.format = format;
    }

    String render(Message m) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char ch = format.charAt(i);
            if (ch == '\\' && i + 1 < format.length()) {
                char e = format.charAt(++i);
                out.append(switch (e) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case '\\' -> "\\";
                    default -> "\\" + e;
                });
            } else if (ch == '%' && i + 1 < format.length()) {
                field(out, format.charAt(++i), m);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static void field(StringBuilder out, char f, Message m) {
        var p = m.properties();
        switch (f) {
            case 't' -> out.append(m.topic());
            case 'p' -> out.append(new String(m.payload(), StandardCharsets.UTF_8));
            case 'q' -> out.append(m.qos());
            case 'r' -> out.append(m.retained() ? 1 : 0);
            case 'l' -> out.append(m.payloadLength());
            case 'x' -> out.append(HexFormat.of().formatHex(m.payload()));
            case 'X' -> out.append(HexFormat.of().withUpperCase().formatHex(m.payload()));
            case 'P' -> {
                boolean first = true;
                for (UserProperty u : m.userProperties()) {
                    out.append(first ? "" : " ").append(u.name()).append(':').append(u.value());
                    first = false;
                }
            }
            case 'C' -> p.contentType().ifPresent(out::append);
            case 'D' -> p.correlationData().ifPresent(d -> out.append(new String(d, StandardCharsets.UTF_8)));
            case 'E' -> p.messageExpiryInterval().ifPresent(out::append);
            case 'F' -> p.payloadFormatIndicator().ifPresent(out::append);
            case 'R' -> p.responseTopic().ifPresent(out::append);
            case 'S' -> {
                boolean first = true;
                for (int id : p.subscriptionIdentifiers()) {
                    out.append(first ? "" : ",").append(id);
                    first = false;
                }
            }
            case '%' -> out.append('%');
            default -> out.append('%').append(f);
        }
    }
}
