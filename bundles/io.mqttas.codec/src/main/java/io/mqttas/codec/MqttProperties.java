/* MQTT 5.0 §2.2.2: the properties of a packet (or of a will), as one immutable value. */
package io.mqttas.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The properties carried by an MQTT 5.0 packet: immutable, with a typed accessor per property, a
 * {@link Builder}, and User Properties as an ordered list of pairs. Every value is checked when it is
 * set (type range, UTF-8, and the standard's value rules such as Topic Alias ≠ 0 [MQTT-3.3.2-8]), so a
 * value that cannot go on the wire cannot be built. Which properties a packet may carry is checked by
 * the packet. {@link #EMPTY} is what every 3.1.1 packet has. Two values are equal when they hold the
 * same properties; only the order of User Properties (and of Subscription Identifiers) counts.
 */
public final class MqttProperties {

    /** No properties. */
    public static final MqttProperties EMPTY = new MqttProperties(new Object[PropertyValues.SLOTS], List.of(), List.of());

    private final Object[] values; // by identifier; Integer, Long, String or byte[]; User Property and Subscription Identifier apart
    private final List<UserProperty> userProperties;
    private final List<Integer> subscriptionIdentifiers;
    private final long present; // bit n: identifier n is present
    private final int encodedLength; // bytes of the properties, without the Property Length in front

    private MqttProperties(Object[] values, List<UserProperty> userProperties, List<Integer> subscriptionIdentifiers) {
        this.values = values;
        this.userProperties = userProperties;
        this.subscriptionIdentifiers = subscriptionIdentifiers;
        long bits = 0;
        for (int id = 0; id < values.length; id++) {
            if (values[id] != null) {
                bits |= 1L << id;
            }
        }
        if (!userProperties.isEmpty()) {
            bits |= 1L << MqttProperty.USER_PROPERTY.id();
        }
        if (!subscriptionIdentifiers.isEmpty()) {
            bits |= 1L << MqttProperty.SUBSCRIPTION_IDENTIFIER.id();
        }
        this.present = bits;
        this.encodedLength = PropertyValues.length(values, userProperties, subscriptionIdentifiers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these properties, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        System.arraycopy(values, 0, b.values, 0, values.length);
        b.userProperties.addAll(userProperties);
        b.subscriptionIdentifiers.addAll(subscriptionIdentifiers);
        return b;
    }

    public boolean isEmpty() {
        return present == 0;
    }

    public boolean contains(MqttProperty p) {
        return (present & 1L << p.id()) != 0;
    }

    /** Bit n set when identifier n is present. */
    long presentMask() {
        return present;
    }

    int encodedLength() {
        return encodedLength;
    }

    Object[] rawValues() {
        return values;
    }

    /** The value of a property as the builder's generic setter takes it: Integer, Long, String, byte[] (a copy), or a List. */
    public Optional<Object> get(MqttProperty p) {
        if (p == MqttProperty.USER_PROPERTY) {
            return userProperties.isEmpty() ? Optional.empty() : Optional.of(userProperties);
        }
        if (p == MqttProperty.SUBSCRIPTION_IDENTIFIER) {
            return subscriptionIdentifiers.isEmpty() ? Optional.empty() : Optional.of(subscriptionIdentifiers);
        }
        Object v = values[p.id()];
        return Optional.ofNullable(v instanceof byte[] b ? b.clone() : v);
    }

    public OptionalInt payloadFormatIndicator() {
        return integer(MqttProperty.PAYLOAD_FORMAT_INDICATOR);
    }

    public OptionalLong messageExpiryInterval() {
        return fourByte(MqttProperty.MESSAGE_EXPIRY_INTERVAL);
    }

    public Optional<String> contentType() {
        return string(MqttProperty.CONTENT_TYPE);
    }

    public Optional<String> responseTopic() {
        return string(MqttProperty.RESPONSE_TOPIC);
    }

    /** A copy of the Correlation Data. */
    public Optional<byte[]> correlationData() {
        return binary(MqttProperty.CORRELATION_DATA);
    }

    /** Every Subscription Identifier, in wire order (a PUBLISH from the server may carry several). */
    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers;
    }

    /** The first Subscription Identifier (the only one in a SUBSCRIBE). */
    public OptionalInt subscriptionIdentifier() {
        return subscriptionIdentifiers.isEmpty() ? OptionalInt.empty() : OptionalInt.of(subscriptionIdentifiers.get(0));
    }

    public OptionalLong sessionExpiryInterval() {
        return fourByte(MqttProperty.SESSION_EXPIRY_INTERVAL);
    }

    public Optional<String> assignedClientIdentifier() {
        return string(MqttProperty.ASSIGNED_CLIENT_IDENTIFIER);
    }

    public OptionalInt serverKeepAlive() {
        return integer(MqttProperty.SERVER_KEEP_ALIVE);
    }

    public Optional<String> authenticationMethod() {
        return string(MqttProperty.AUTHENTICATION_METHOD);
    }

    /** A copy of the Authentication Data. */
    public Optional<byte[]> authenticationData() {
        return binary(MqttProperty.AUTHENTICATION_DATA);
    }

    public OptionalInt requestProblemInformation() {
        return integer(MqttProperty.REQUEST_PROBLEM_INFORMATION);
    }

    public OptionalLong willDelayInterval() {
        return fourByte(MqttProperty.WILL_DELAY_INTERVAL);
    }

    public OptionalInt requestResponseInformation() {
        return integer(MqttProperty.REQUEST_RESPONSE_INFORMATION);
    }

    public Optional<String> responseInformation() {
        return string(MqttProperty.RESPONSE_INFORMATION);
    }

    public Optional<String> serverReference() {
        return string(MqttProperty.SERVER_REFERENCE);
    }

    public Optional<String> reasonString() {
        return string(MqttProperty.REASON_STRING);
    }

    public OptionalInt receiveMaximum() {
        return integer(MqttProperty.RECEIVE_MAXIMUM);
    }

    public OptionalInt topicAliasMaximum() {
        return integer(MqttProperty.TOPIC_ALIAS_MAXIMUM);
    }

    public OptionalInt topicAlias() {
        return integer(MqttProperty.TOPIC_ALIAS);
    }

    public OptionalInt maximumQos() {
        return integer(MqttProperty.MAXIMUM_QOS);
    }

    public OptionalInt retainAvailable() {
        return integer(MqttProperty.RETAIN_AVAILABLE);
    }

    /** The User Properties in wire order (names may repeat). */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    public OptionalLong maximumPacketSize() {
        return fourByte(MqttProperty.MAXIMUM_PACKET_SIZE);
    }

    public OptionalInt wildcardSubscriptionAvailable() {
        return integer(MqttProperty.WILDCARD_SUBSCRIPTION_AVAILABLE);
    }

    public OptionalInt subscriptionIdentifiersAvailable() {
        return integer(MqttProperty.SUBSCRIPTION_IDENTIFIERS_AVAILABLE);
    }

    public OptionalInt sharedSubscriptionAvailable() {
        return integer(MqttProperty.SHARED_SUBSCRIPTION_AVAILABLE);
    }

    private OptionalInt integer(MqttProperty p) {
        Object v = values[p.id()];
        return v == null ? OptionalInt.empty() : OptionalInt.of((Integer) v);
    }

    private OptionalLong fourByte(MqttProperty p) {
        Object v = values[p.id()];
        return v == null ? OptionalLong.empty() : OptionalLong.of((Long) v);
    }

    private Optional<String> string(MqttProperty p) {
        return Optional.ofNullable((String) values[p.id()]);
    }

    private Optional<byte[]> binary(MqttProperty p) {
        byte[] v = (byte[]) values[p.id()];
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttProperties m && m.present == present && Arrays.deepEquals(m.values, values)
                && m.userProperties.equals(userProperties) && m.subscriptionIdentifiers.equals(subscriptionIdentifiers);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values) * 31 + userProperties.hashCode() * 7 + subscriptionIdentifiers.hashCode();
    }

    /** Binary values are shown by length only (they may be credentials). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (MqttProperty p : MqttProperty.values()) {
            if (!contains(p)) {
                continue;
            }
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(p.name()).append('=');
            Object v = p == MqttProperty.USER_PROPERTY ? userProperties
                    : p == MqttProperty.SUBSCRIPTION_IDENTIFIER ? subscriptionIdentifiers : values[p.id()];
            b.append(v instanceof byte[] bytes ? bytes.length + " bytes" : v instanceof String s ? Topics.printable(s) : v);
        }
        return b.append('}').toString();
    }

    /**
     * Builds {@link MqttProperties}. Setting a property again replaces its value, except User
     * Properties and Subscription Identifiers, which are added in order. Each setter checks its value
     * and throws {@link MqttCodecException} naming the rule.
     */
    public static final class Builder {
        final Object[] values = new Object[PropertyValues.SLOTS];
        final List<UserProperty> userProperties = new ArrayList<>(2);
        final List<Integer> subscriptionIdentifiers = new ArrayList<>(1);

        private Builder() {
        }

        /**
         * Sets any property from a generic value: a {@link Number} for the integer types, a
         * {@link String} (or {@link CharSequence}) for strings, a {@code byte[]} for binary data, a
         * {@link UserProperty} (or a two-element {@code String[]}) for a User Property.
         */
        public Builder set(MqttProperty p, Object value) {
            PropertyValues.put(this, p, value);
            return this;
        }

        public Builder payloadFormatIndicator(int v) {
            return set(MqttProperty.PAYLOAD_FORMAT_INDICATOR, v);
        }

        public Builder messageExpiryInterval(long seconds) {
            return set(MqttProperty.MESSAGE_EXPIRY_INTERVAL, seconds);
        }

        public Builder contentType(String v) {
            return set(MqttProperty.CONTENT_TYPE, v);
        }

        public Builder responseTopic(String topic) {
            return set(MqttProperty.RESPONSE_TOPIC, topic);
        }

        public Builder correlationData(byte[] v) {
            return set(MqttProperty.CORRELATION_DATA, v);
        }

        public Builder subscriptionIdentifier(int id) {
            return set(MqttProperty.SUBSCRIPTION_IDENTIFIER, id);
        }

        public Builder sessionExpiryInterval(long seconds) {
            return set(MqttProperty.SESSION_EXPIRY_INTERVAL, seconds);
        }

        public Builder assignedClientIdentifier(String v) {
            return set(MqttProperty.ASSIGNED_CLIENT_IDENTIFIER, v);
        }

        public Builder serverKeepAlive(int seconds) {
            return set(MqttProperty.SERVER_KEEP_ALIVE, seconds);
        }

        public Builder authenticationMethod(String v) {
            return set(MqttProperty.AUTHENTICATION_METHOD, v);
        }

        public Builder authenticationData(byte[] v) {
            return set(MqttProperty.AUTHENTICATION_DATA, v);
        }

        public Builder requestProblemInformation(int v) {
            return set(MqttProperty.REQUEST_PROBLEM_INFORMATION, v);
        }

        public Builder willDelayInterval(long seconds) {
            return set(MqttProperty.WILL_DELAY_INTERVAL, seconds);
        }

        public Builder requestResponseInformation(int v) {
            return set(MqttProperty.REQUEST_RESPONSE_INFORMATION, v);
        }

        public Builder responseInformation(String v) {
            return set(MqttProperty.RESPONSE_INFORMATION, v);
        }

        public Builder serverReference(String v) {
            return set(MqttProperty.SERVER_REFERENCE, v);
        }

        public Builder reasonString(String v) {
            return set(MqttProperty.REASON_STRING, v);
        }

        public Builder receiveMaximum(int v) {
            return set(MqttProperty.RECEIVE_MAXIMUM, v);
        }

        public Builder topicAliasMaximum(int v) {
            return set(MqttProperty.TOPIC_ALIAS_MAXIMUM, v);
        }

        public Builder topicAlias(int alias) {
            return set(MqttProperty.TOPIC_ALIAS, alias);
        }

        public Builder maximumQos(int v) {
            return set(MqttProperty.MAXIMUM_QOS, v);
        }

        public Builder retainAvailable(int v) {
            return set(MqttProperty.RETAIN_AVAILABLE, v);
        }

        public Builder userProperty(String name, String value) {
            return set(MqttProperty.USER_PROPERTY, new UserProperty(name, value));
        }

        public Builder maximumPacketSize(long bytes) {
            return set(MqttProperty.MAXIMUM_PACKET_SIZE, bytes);
        }

        public Builder wildcardSubscriptionAvailable(int v) {
            return set(MqttProperty.WILDCARD_SUBSCRIPTION_AVAILABLE, v);
        }

        public Builder subscriptionIdentifiersAvailable(int v) {
            return set(MqttProperty.SUBSCRIPTION_IDENTIFIERS_AVAILABLE, v);
        }

        public Builder sharedSubscriptionAvailable(int v) {
            return set(MqttProperty.SHARED_SUBSCRIPTION_AVAILABLE, v);
        }

        /** Removes a property (all User Properties / Subscription Identifiers for those two). */
        public Builder remove(MqttProperty p) {
            if (p == MqttProperty.USER_PROPERTY) {
                userProperties.clear();
            } else if (p == MqttProperty.SUBSCRIPTION_IDENTIFIER) {
                subscriptionIdentifiers.clear();
            } else {
                values[p.id()] = null;
            }
            return this;
        }

        public MqttProperties build() {
            if (userProperties.isEmpty() && subscriptionIdentifiers.isEmpty() && Arrays.equals(values, EMPTY.values)) {
                return EMPTY;
            }
            return new MqttProperties(values.clone(), List.copyOf(userProperties), List.copyOf(subscriptionIdentifiers));
        }
    }
}
