/* MQTT 5.0 §3.4.2, §3.7.2, §3.9.3, §3.11.3 (reason codes and properties of acknowledgements) and issue 13 item 4. */
package io.mqttas.session;

import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.UserProperty;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The broker's acknowledgement of a successful operation, as the futures of the property-taking
 * methods of {@link MqttClient} complete with it: the reason code (below 0x80; failures complete the
 * future with {@link MqttRejectedException} instead) and the acknowledgement's properties (Reason
 * String, User Properties). In MQTT 3.1.1 there are no reason codes: a PUBACK/PUBCOMP/UNSUBACK is
 * {@code 0x00} and a SUBACK gives the granted QoS, which is also what its MQTT 5.0 reason code is.
 *
 * <p>Reason codes worth knowing: {@code 0x00} success (for a SUBACK: granted QoS 0), {@code 0x01} and
 * {@code 0x02} granted QoS 1 and 2, {@code 0x10} "No matching subscribers" (PUBACK/PUBREC: accepted,
 * nobody subscribed), {@code 0x11} "No subscription existed" (UNSUBACK).
 *
 * @param reasonCode the acknowledgement's reason code (0x00–0x7F)
 * @param properties its properties ({@link MqttProperties#EMPTY} in MQTT 3.1.1)
 */
public record Ack(int reasonCode, MqttProperties properties) {

    /** Success without properties (what every MQTT 3.1.1 acknowledgement of a publication is). */
    public static final Ack SUCCESS = new Ack(0, MqttProperties.EMPTY);

    public Ack {
        Objects.requireNonNull(properties, "properties");
    }

    /** The acknowledgement of a SUBACK that granted {@code qos} (the MQTT 5.0 reason code equals the QoS). */
    public static Ack granted(int qos) {
        return qos == 0 ? SUCCESS : new Ack(qos, MqttProperties.EMPTY);
    }

    /** For a SUBACK: the QoS the broker granted (its reason code). */
    public int grantedQos() {
        return reasonCode;
    }

    /** The Reason String the broker gave, if any (for diagnostics; MQTT 5.0 §3.4.2.2.2). */
    public Optional<String> reasonString() {
        return properties.reasonString();
    }

    /** The acknowledgement's User Properties, in order. */
    public List<UserProperty> userProperties() {
        return properties.userProperties();
    }

    @Override
    public String toString() {
        return "Ack[reasonCode=0x" + Integer.toHexString(reasonCode) + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
    }
}
