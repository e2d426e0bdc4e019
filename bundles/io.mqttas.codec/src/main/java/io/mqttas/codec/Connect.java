/* MQTT 3.1.1 §3.1 and MQTT 5.0 §3.1: CONNECT. */
package io.mqttas.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * CONNECT (client → server). Protocol name "MQTT", level 4 or 5 (the encoder's version).
 * {@code username} and {@code password} are {@code null} when absent. In MQTT 3.1.1 a password needs
 * a user name [MQTT-3.1.2-22]; MQTT 5.0 allows a password alone (build it with the constructor that
 * takes properties; a 3.1.1 encoder refuses it). The MQTT 5.0 fields — CONNECT properties and will
 * properties — are {@link MqttProperties#EMPTY} in a 3.1.1 packet.
 */
public final class Connect implements MqttPacket {

    /** The Last Will carried by a CONNECT [MQTT-3.1.2-8], with its MQTT 5.0 Will Properties. */
    public static final class Will {
        private final String topic;
        private final byte[] payload;
        private final int qos;
        private final boolean retain;
        private final MqttProperties properties;

        public Will(String topic, byte[] payload, int qos, boolean retain) {
            this(topic, payload, qos, retain, MqttProperties.EMPTY);
        }

        /** A will with Will Properties (Will Delay Interval, Message Expiry, Content Type, …; MQTT 5.0 §3.1.3.2). */
        public Will(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties) {
            Topics.validateName(topic);
            Checks.qos(qos, "will");
            this.topic = topic;
            this.payload = payload.clone();
            Checks.binary(this.payload, "will message");
            this.qos = qos;
            this.retain = retain;
            this.properties = PropertyValues.allowed(properties, MqttProperty.Where.WILL);
        }

        /** The Will Properties ({@link MqttProperties#EMPTY} in 3.1.1). */
        public MqttProperties properties() {
            return properties;
        }

        public String topic() {
            return topic;
        }

        /** A copy of the will message. */
        public byte[] payload() {
            return payload.clone();
        }

        byte[] payloadArray() {
            return payload;
        }

        public int qos() {
            return qos;
        }

        public boolean retain() {
            return retain;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Will w && w.topic.equals(topic) && Arrays.equals(w.payload, payload)
                    && w.qos == qos && w.retain == retain && w.properties.equals(properties);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, Arrays.hashCode(payload), qos, retain, properties);
        }

        @Override
        public String toString() {
            return "Will[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos + ", retain=" + retain
                    + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
        }
    }

    public static final String PROTOCOL_NAME = "MQTT";
    public static final int PROTOCOL_LEVEL_311 = 4;
    public static final int PROTOCOL_LEVEL_5 = 5;

    private final String clientId;
    private final boolean cleanSession;
    private final int keepAlive;
    private final Will will;
    private final String username;
    private final byte[] password;
    private final MqttProperties properties;

    /** A 3.1.1-style CONNECT: no properties, and a password needs a user name [MQTT-3.1.2-22]. */
    public Connect(String clientId, boolean cleanSession, int keepAlive, Will will, String username, byte[] password) {
        this(clientId, cleanSession, keepAlive, will, username, checkedPassword(username, password), MqttProperties.EMPTY);
    }

    private static byte[] checkedPassword(String username, byte[] password) {
        if (password != null && username == null) {
            throw new MqttCodecException("MQTT-3.1.2-22", "a password needs a user name", null);
        }
        return password;
    }

    /**
     * A CONNECT with CONNECT properties (MQTT 5.0 §3.1.2.11: Session Expiry Interval, Receive Maximum,
     * Maximum Packet Size, Topic Alias Maximum, …). {@code cleanSession} is Clean Start in 5.0. A
     * password without a user name is allowed here (MQTT 5.0 §3.1.2.9); only a 3.1.1 encoder refuses it.
     */
    public Connect(String clientId, boolean cleanSession, int keepAlive, Will will, String username, byte[] password,
            MqttProperties properties) {
        Checks.utf8(clientId, "client identifier");
        if (keepAlive < 0 || keepAlive > 65_535) {
            throw new MqttCodecException("MQTT-3.1.2-24", "keep alive must be 0..65535 seconds", keepAlive);
        }
        if (username != null) {
            Checks.utf8(username, "user name");
        }
        this.clientId = clientId;
        this.cleanSession = cleanSession;
        this.keepAlive = keepAlive;
        this.will = will;
        this.username = username;
        this.password = password == null ? null : password.clone();
        if (this.password != null) {
            Checks.binary(this.password, "password");
        }
        this.properties = PropertyValues.allowed(properties, MqttProperty.Where.CONNECT);
    }

    /** The CONNECT properties ({@link MqttProperties#EMPTY} in 3.1.1). */
    public MqttProperties properties() {
        return properties;
    }

    /** The same CONNECT with other properties. */
    public Connect withProperties(MqttProperties newProperties) {
        return new Connect(clientId, cleanSession, keepAlive, will, username, password, newProperties);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    public String clientId() {
        return clientId;
    }

    public boolean cleanSession() {
        return cleanSession;
    }

    public int keepAlive() {
        return keepAlive;
    }

    /** The will, or {@code null}. */
    public Will will() {
        return will;
    }

    /** The user name, or {@code null}. */
    public String username() {
        return username;
    }

    /** A copy of the password, or {@code null}. */
    public byte[] password() {
        return password == null ? null : password.clone();
    }

    byte[] passwordArray() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connect c && c.clientId.equals(clientId) && c.cleanSession == cleanSession
                && c.keepAlive == keepAlive && Objects.equals(c.will, will) && Objects.equals(c.username, username)
                && Arrays.equals(c.password, password) && c.properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, cleanSession, keepAlive, will, username, Arrays.hashCode(password), properties);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Connect[clientId=" + clientId + ", clean=" + cleanSession + ", keepAlive=" + keepAlive
                + ", will=" + will + ", username=" + username + ", password=" + (password == null ? "none" : "***")
                + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
    }
}
