/* DESIGN.md §4: the error surface of the client. */
package io.mqttas.session;

/** Base of the client's errors (unchecked: they travel inside futures). */
public class MqttException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MqttException(String message) {
        super(message);
    }

    public MqttException(String message, Throwable cause) {
        super(message, cause);
    }
}
