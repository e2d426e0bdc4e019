/* MQTT 3.1.1 §3.1: CONNECT. */
package io.mqttas.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * CONNECT (client → server). Protocol name "MQTT", level 4. {@code username} and
 * {@code password} are {@code null} when absent; a password needs a user name [MQTT-3.1.2-22].
 */
public final class Connect implements MqttPacket {

    /** The Last Will carried by a CONNECT [MQTT-3.1.2-8]. */
    public static final class Will {
        private final String topic;
        private final byte[] payload;
        private final int qos;
        private final boolean retain;

        public Will(String topic, byte[] payload, int qos, boolean retain) {
            Topics.validateName(topic);
            Checks.qos(qos, "will");
            this.topic = topic;
            this.payload = payload.clone();
            Checks.binary(this.payload, "will message");
            this.qos = qos;
            this.retain = retain;
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
                    && w.qos == qos && w.retain == retain;
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, Arrays.hashCode(payload), qos, retain);
        }

        @Override
        public String toString() {
            return "Will[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos + ", retain=" + retain + "]";
        }
    }

    public static final String PROTOCOL_NAME = "MQTT";
    public static final int PROTOCOL_LEVEL_311 = 4;

    private final String clientId;
    private final boolean cleanSession;
    private final int keepAlive;
    private final Will will;
    private final String username;
    private final byte[] password;

    public Connect(String clientId, boolean cleanSession, int keepAlive, Will will, String username, byte[] password) {
        Checks.utf8(clientId, "client identifier");
        if (keepAlive < 0 || keepAlive > 65_535) {
            throw new MqttCodecException("MQTT-3.1.2-24", "keep alive must be 0..65535 seconds", keepAlive);
        }
        if (username != null) {
            Checks.utf8(username, "user name");
        }
        if (password != null && username == null) {
            throw new MqttCodecException("MQTT-3.1.2-22", "a password needs a user name", null);
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
                && Arrays.equals(c.password, password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, cleanSession, keepAlive, will, username, Arrays.hashCode(password));
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Connect[clientId=" + clientId + ", clean=" + cleanSession + ", keepAlive=" + keepAlive
                + ", will=" + will + ", username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
