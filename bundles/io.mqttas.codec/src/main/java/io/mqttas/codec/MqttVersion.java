/* MQTT 3.1.1 §3.1.2.2 and MQTT 5.0 §3.1.2.2: the protocol level byte of CONNECT. */
package io.mqttas.codec;

/**
 * The protocol version an encoder or decoder speaks. One connection speaks one version from its
 * CONNECT on, so the version is fixed when the encoder and decoder are made; both default to
 * {@link #MQTT_3_1_1}.
 */
public enum MqttVersion {
    /** MQTT 3.1.1 (OASIS 2014), protocol level 4. */
    MQTT_3_1_1(4),
    /** MQTT 5.0 (OASIS 2019), protocol level 5: properties, reason codes, AUTH. */
    MQTT_5(5);

    private final int level;

    MqttVersion(int level) {
        this.level = level;
    }

    /** The protocol level byte written in CONNECT. */
    public int level() {
        return level;
    }

    /** The version for a CONNECT protocol level, or {@code null} for any other level. */
    public static MqttVersion ofLevel(int level) {
        return level == 4 ? MQTT_3_1_1 : level == 5 ? MQTT_5 : null;
    }
}
