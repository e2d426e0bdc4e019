/* spec/relay.md §4: the three kinds of node frames, told apart by the JSON array's length. */
package io.mqttas.relay.internal;

/** A validated node frame. */
public sealed interface NodeRequest {

    /** Length 1: {@code ["ping"]}, {@code ["get"]}, {@code ["aget"]}, {@code ["chan"]} or an unknown word. */
    record Command(String name) implements NodeRequest {
    }

    /** Length 2: {@code [topic, qos]}. */
    record Subscription(String topic, int qos) implements NodeRequest {
    }

    /** Length 4: {@code [topic, payload, retain, qos]}. */
    record Publication(String topic, String payload, boolean retain, int qos) implements NodeRequest {
    }
}
