/* MQTT 3.1.1 and MQTT 5.0 normative statements: every validation failure names the rule it broke. */
package io.mqttas.codec;

/**
 * A packet or value that breaks a rule of the MQTT 3.1.1 or 5.0 standard (or a configured limit).
 * {@link #rule()} is the normative statement id of the version spoken, such as {@code MQTT-1.5.3-1}
 * (3.1.1) or {@code MQTT-1.5.4-1} (5.0), the section where the standard numbers no statement
 * ({@code MQTT-2.2.2.2}), or a short name for limits that the standard leaves to the implementation
 * ({@code max-packet-size}, {@code remaining-length}, {@code protocol-version}).
 * {@link #value()} is the offending value as text. A decoder that threw one is poisoned:
 * the byte stream can no longer be trusted and the connection must be dropped.
 */
public final class MqttCodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final String value;

    public MqttCodecException(String rule, String message, Object value) {
        super("[" + rule + "] " + message + (value == null ? "" : ": " + value));
        this.rule = rule;
        this.value = value == null ? null : String.valueOf(value);
    }

    /** The rule broken, e.g. {@code MQTT-2.3.1-1}. */
    public String rule() {
        return rule;
    }

    /** The offending value as text (may be {@code null}). */
    public String value() {
        return value;
    }
}
