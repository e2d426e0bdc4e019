/* DESIGN.md §4: the error surface of the client. */
package io.mqttas.session;

/** The client was disconnected or closed while the operation waited. */
public class MqttClosedException extends MqttException {
    private static final long serialVersionUID = 1L;

    public MqttClosedException(String message) {
        super(message);
    }

    public MqttClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
