/* spec/mqtt_as.md bug B4 and MQTT 5.0 §2.4: broker rejections are surfaced with their reason code, not retried in a loop. */
package io.mqttas.session;

import io.mqttas.codec.MqttProperties;

import java.util.Optional;

/**
 * The broker rejected an operation: SUBACK 0x80 in MQTT 3.1.1; in MQTT 5.0 any acknowledgement with a
 * reason code of 0x80 or more (PUBACK/PUBREC 0x87 "Not authorized", 0x97 "Quota exceeded", SUBACK 0x8F
 * "Topic Filter invalid" …), with the acknowledgement's properties (its Reason String says why). Also
 * an operation the client refuses to send because the broker announced it cannot take it (0x95 packet
 * too large, 0x9A retain not supported, 0x9B QoS not supported …), and one given up after
 * {@code max_attempts} lost connections (0x80).
 */
public class MqttRejectedException extends MqttException {
    private static final long serialVersionUID = 1L;

    private final int reasonCode;
    private final transient MqttProperties properties;

    public MqttRejectedException(int reasonCode, String message) {
        this(reasonCode, message, MqttProperties.EMPTY);
    }

    public MqttRejectedException(int reasonCode, String message, MqttProperties properties) {
        super(message);
        this.reasonCode = reasonCode;
        this.properties = properties == null ? MqttProperties.EMPTY : properties;
    }

    /** The reason code (3.1.1: 0x80 for a refused subscription). */
    public int reasonCode() {
        return reasonCode;
    }

    /** The properties of the broker's acknowledgement ({@link MqttProperties#EMPTY} if none). */
    public MqttProperties properties() {
        return properties == null ? MqttProperties.EMPTY : properties;
    }

    /** The broker's Reason String, if it gave one. */
    public Optional<String> reasonString() {
        return properties().reasonString();
    }
}
