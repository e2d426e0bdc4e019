/* spec/mqtt_as.md bug B4: broker rejections are surfaced, not retried in a loop. */
package io.mqttas.session;

/** The broker rejected an operation (e.g. SUBACK 0x80 for a filter it does not allow). */
public class MqttRejectedException extends MqttException {
    private static final long serialVersionUID = 1L;

    private final int reasonCode;

    public MqttRejectedException(int reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    public int reasonCode() {
        return reasonCode;
    }
}
