/* spec/mqtt_as.md §5.2, §13.1: an entry of the event interface's queue — (topic, msg, retained[, properties]). */
package io.mqttas.session;

import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.UserProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An incoming message: topic, payload (a private copy), retained flag, the QoS it arrived with and,
 * in MQTT 5.0, its properties — the original's queue tuple {@code (topic, msg, retained, properties)}
 * of {@code mqttv5=True}. A message without properties (always so in MQTT 3.1.1) has
 * {@link MqttProperties#EMPTY}, where the original gives {@code None}. A Topic Alias the broker used
 * is resolved into {@link #topic()} and not kept in the properties.
 */
public final class Message {
    private final String topic;
    private final byte[] payload;
    private final boolean retained;
    private final int qos;
    private final MqttProperties properties;

    public Message(String topic, byte[] payload, boolean retained, int qos) {
        this(topic, payload.clone(), retained, qos, MqttProperties.EMPTY, true);
    }

    /** A message with MQTT 5.0 properties. */
    public Message(String topic, byte[] payload, boolean retained, int qos, MqttProperties properties) {
        this(topic, payload.clone(), retained, qos, properties, true);
    }

    private Message(String topic, byte[] payload, boolean retained, int qos, MqttProperties properties, boolean owned) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.retained = retained;
        this.qos = qos;
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /**
     * A message that takes over {@code payload} without copying it (the client hands over the array it
     * decoded, so a payload is copied once on the way in); nobody else may modify the array.
     */
    public static Message wrapping(String topic, byte[] payload, boolean retained, int qos) {
        return new Message(topic, payload, retained, qos, MqttProperties.EMPTY, true);
    }

    /** As {@link #wrapping(String, byte[], boolean, int)}, with the message's MQTT 5.0 properties. */
    public static Message wrapping(String topic, byte[] payload, boolean retained, int qos, MqttProperties properties) {
        return new Message(topic, payload, retained, qos, properties, true);
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

    /** The MQTT 5.0 properties the message arrived with ({@link MqttProperties#EMPTY} if none, and in 3.1.1). */
    public MqttProperties properties() {
        return properties;
    }

    /** Response Topic (MQTT 5.0 request/response): where the sender wants an answer. */
    public Optional<String> responseTopic() {
        return properties.responseTopic();
    }

    /** Correlation Data (MQTT 5.0 request/response), a copy. */
    public Optional<byte[]> correlationData() {
        return properties.correlationData();
    }

    /** User Properties, in the order sent. */
    public List<UserProperty> userProperties() {
        return properties.userProperties();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && m.topic.equals(topic) && Arrays.equals(m.payload, payload)
                && m.retained == retained && m.qos == qos && m.properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), retained, qos, properties);
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", " + payload.length + " bytes, retained=" + retained + ", qos=" + qos
                + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
    }
}
