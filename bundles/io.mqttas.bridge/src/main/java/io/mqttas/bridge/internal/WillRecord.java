/* spec/bridge.md §4.2 (w), §5.2 step 1: the host's last will, retain flag parsed properly (§11.1). */
package io.mqttas.bridge.internal;

import java.util.List;

/** {@code w|topic|message|retain|qos}. */
public record WillRecord(String topic, String message, boolean retain, int qos) {

    public static WillRecord parse(List<String> fields) throws InvalidRecordException {
        Fields.expectCount(fields, "w", 5);
        String topic = fields.get(1);
        if (!io.mqttas.codec.Topics.isValidName(topic)) {
            throw InvalidRecordException.field("topic", topic, "must be a valid MQTT topic name");
        }
        boolean retain = Fields.flag("retain", fields.get(3));
        int qos = Fields.integer("qos", fields.get(4), 0, 1);
        return new WillRecord(topic, fields.get(2), retain, qos);
    }
}
