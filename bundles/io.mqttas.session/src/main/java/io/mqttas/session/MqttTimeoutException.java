/* DESIGN.md §4: the error surface of the client. */
package io.mqttas.session;

/** An operation's deadline passed; the stream is intact and the client carries on. */
public class MqttTimeoutException extends MqttException {
    private static final long serialVersionUID = 1L;

    public MqttTimeoutException(String message) {
        super(message);
    }

    public MqttTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
