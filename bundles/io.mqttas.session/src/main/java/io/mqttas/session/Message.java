/* spec/mqtt_as.md §5.2: an entry of the event interface's queue. */
package io.mqttas.session;

import java.util.Arrays;
import java.util.Objects;

/** An incoming message: topic, payload (a private copy), retained flag and the QoS it arrived with. */
public final class Message {
    private final String topic;
    private final byte[] payload;
    private final boolean retained;
    private final int qos;

    public Message(String topic, byte[] payload, boolean retained, int qos) {
        this(topic, payload.clone(), retained, qos, true);
    }

    private Message(String topic, byte[] payload, boolean retained, int qos, boolean owned) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.retained = retained;
        this.qos = qos;
    }

    /**
     * A message that takes over {@code payload} without copying it (the client hands over the array it
     * decoded, so a payload is copied once on the way in); nobody else may modify the array.
     */
    public static Message wrapping(String topic, byte[] payload, boolean retained, int qos) {
        return new Message(topic, payload, retained, qos, true);
    }

    /** The payload's length in bytes. */
    public int payloadLength() {
        return payload.length;
    }

    public String topic() {
        return topic;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    public boolean retained() {
        return retained;
    }

    public int qos() {
        return qos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && m.topic.equals(topic) && Arrays.equals(m.payload, payload)
                && m.retained == retained && m.qos == qos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), retained, qos);
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", " + payload.length + " bytes, retained=" + retained + ", qos=" + qos + "]";
    }
}
