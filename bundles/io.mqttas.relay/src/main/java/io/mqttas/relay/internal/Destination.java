/* spec/relay.md §10.1: PubOut (topic, retain, qos) and PubIn (topic, qos) config tuples. */
package io.mqttas.relay.internal;

/** A topic the gateway publishes reports to or listens on. */
public record Destination(String topic, boolean retain, int qos) {
    public Destination {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a report or request topic must not be empty");
        }
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos of topic " + topic + " must be 0 or 1, got " + qos);
        }
    }
}
