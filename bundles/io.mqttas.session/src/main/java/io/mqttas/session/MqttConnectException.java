/* spec/mqtt_as.md §4.1, §18.5: the typed error of a failed first connect. */
package io.mqttas.session;

/**
 * The first {@code connect()} failed: either the broker refused (CONNACK return code 1–5, see
 * {@link #returnCode()}) or the network failed ({@link #getCause()} is the I/O error, return code -1).
 */
public class MqttConnectException extends MqttException {
    private static final long serialVersionUID = 1L;

    private final int returnCode;

    public MqttConnectException(int returnCode, String message) {
        super(message);
        this.returnCode = returnCode;
    }

    public MqttConnectException(String message, Throwable cause) {
        super(message, cause);
        this.returnCode = -1;
    }

    /** CONNACK return code 1..5 (or another refusal code), -1 for I/O failures. */
    public int returnCode() {
        return returnCode;
    }
}
