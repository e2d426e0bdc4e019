/*
 * Kura's MqttDataTransport replaces #account-name and #client-id in topics (publish, subscribe, will);
 * Kura's cloud stacks write topics that way. Other #words are left as they are, as Kura does.
 */
package io.mqttas.kura.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two topic variables of a transport. */
record TopicContext(String accountName, String clientId) {
    private static final Pattern VARIABLE = Pattern.compile("#([^\\s/]+)");

    String apply(String topic) {
        if (topic == null || topic.indexOf('#') < 0) {
            return topic;
        }
        Matcher m = VARIABLE.matcher(topic);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "account-name" -> accountName.isEmpty() ? null : accountName;
                case "client-id" -> clientId;
                default -> null;
            };
            m.appendReplacement(b, Matcher.quoteReplacement(value == null ? m.group(0) : value));
        }
        m.appendTail(b);
        return b.toString();
    }
}
