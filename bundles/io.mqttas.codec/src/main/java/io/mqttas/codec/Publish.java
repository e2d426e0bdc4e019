/* MQTT 3.1.1 §3.3 and MQTT 5.0 §3.3: PUBLISH. */
package io.mqttas.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * PUBLISH (both directions). {@code packetId} is 0 for QoS 0 and 1..65535 otherwise
 * [MQTT-2.3.1-1, MQTT-2.3.1-5]; DUP must be 0 for QoS 0 [MQTT-3.3.1-2]. The payload is copied on
 * construction; {@link #payloadBuffer()} gives a read-only view without copying. In MQTT 5.0 a
 * PUBLISH carries properties (Message Expiry, Topic Alias, Response Topic, Correlation Data, User
 * Properties, …), and its topic may be empty when a Topic Alias stands for it (§3.3.2.3.4).
 */
public final class Publish implements MqttPacket {
    private final String topic;
    private final int topicLength; // UTF-8 bytes, kept so the encoder need not measure the topic again
    private final byte[] payload;
    private final int qos;
    private final boolean retain;
    private final boolean dup;
    private final int packetId;
    private final MqttProperties properties;

    public Publish(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {
        this(topic, Topics.nameLength(topic), payload.clone(), qos, retain, dup, packetId, MqttProperties.EMPTY);
    }

    /** A PUBLISH with MQTT 5.0 properties; {@code topic} may be empty if the properties hold a Topic Alias. */
    public Publish(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId, MqttProperties properties) {
        this(topic, topicLength(topic, properties), payload.clone(), qos, retain, dup, packetId, properties);
    }

    private static int topicLength(String topic, MqttProperties properties) {
        if (topic != null && topic.isEmpty() && properties != null && properties.contains(MqttProperty.TOPIC_ALIAS)) {
            return 0;
        }
        return Topics.nameLength(topic);
    }

    /**
     * Takes ownership of {@code payload} without copying: for arrays nobody else modifies while the
     * packet is in use (e.g. a client that encodes the packet at once and keeps only the frame).
     */
    public static Publish owning(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {
        return new Publish(topic, Topics.nameLength(topic), payload, qos, retain, dup, packetId, MqttProperties.EMPTY);
    }

    /**
     * For the decoder, which has already checked the topic on its bytes (UTF-8, no U+0000, no
     * wildcard, not empty) and knows its UTF-8 length; takes ownership of {@code payload}.
     */
    static Publish decoded(String topic, int topicLength, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {
        return new Publish(topic, topicLength, payload, qos, retain, dup, packetId, MqttProperties.EMPTY);
    }

    /** As {@link #decoded}, with the properties the MQTT 5.0 decoder read (already checked). */
    static Publish decoded(String topic, int topicLength, byte[] payload, int qos, boolean retain, boolean dup, int packetId,
            MqttProperties properties) {
        return new Publish(topic, topicLength, payload, qos, retain, dup, packetId, properties);
    }

    private Publish(String topic, int topicLength, byte[] payload, int qos, boolean retain, boolean dup, int packetId,
            MqttProperties properties) {
        if (qos < 0 || qos > 2) {
            throw new MqttCodecException("MQTT-3.3.1-4", "PUBLISH QoS must be 0, 1 or 2", qos);
        }
        if (qos == 0) {
            if (dup) {
                throw new MqttCodecException("MQTT-3.3.1-2", "DUP must be 0 for a QoS 0 PUBLISH", "dup=1");
            }
            if (packetId != 0) {
                throw new MqttCodecException("MQTT-2.3.1-5", "a QoS 0 PUBLISH has no packet identifier", packetId);
            }
        } else {
            Checks.packetId(packetId, "PUBLISH with QoS > 0");
        }
        this.topic = topic;
        this.topicLength = topicLength;
        this.payload = Objects.requireNonNull(payload, "payload");
        this.qos = qos;
        this.retain = retain;
        this.dup = dup;
        this.packetId = packetId;
        this.properties = properties == MqttProperties.EMPTY ? properties : PropertyValues.allowed(properties, MqttProperty.Where.PUBLISH);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    public String topic() {
        return topic;
    }

    int topicLength() {
        return topicLength;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** A read-only view of the payload (no copy). */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** The packet's own payload array, not a copy: for a receiver that takes it over; do not modify it otherwise. */
    public byte[] payloadArray() {
        return payload;
    }

    public int qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }

    public boolean dup() {
        return dup;
    }

    /** 0 for QoS 0. */
    public int packetId() {
        return packetId;
    }

    /** The same message with another DUP flag and packet id (the payload array is shared, not copied). */
    public Publish withDupAndPacketId(boolean newDup, int newPacketId) {
        return new Publish(topic, topicLength, payload, qos, retain, newDup, newPacketId, properties);
    }

    /** The MQTT 5.0 properties ({@link MqttProperties#EMPTY} in 3.1.1). */
    public MqttProperties properties() {
        return properties;
    }

    /** The same message with other properties (the payload array is shared, not copied). */
    public Publish withProperties(MqttProperties newProperties) {
        if (topicLength == 0 && !newProperties.contains(MqttProperty.TOPIC_ALIAS)) {
            Topics.nameLength(topic); // an aliased empty topic needs its alias
        }
        return new Publish(topic, topicLength, payload, qos, retain, dup, packetId, newProperties);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Publish p && p.topic.equals(topic) && Arrays.equals(p.payload, payload) && p.qos == qos
                && p.retain == retain && p.dup == dup && p.packetId == packetId && p.properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retain, dup, packetId, properties);
    }

    @Override
    public String toString() {
        return "Publish[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos + ", retain=" + retain
                + ", dup=" + dup + ", packetId=" + packetId + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
    }
}
