/* spec/mqtt_as.md §5.1, §13.1: subs_cb with the fourth argument of mqttv5 (the message's properties). */
package io.mqttas.session;

/**
 * Receives incoming messages whole: topic, payload, retained flag, QoS and — in MQTT 5.0 — the
 * message's properties ({@link Message#properties()}: Response Topic, Correlation Data, User
 * Properties, Content Type, Message Expiry, Subscription Identifiers …). This is the original's
 * {@code subs_cb(topic, msg, retained, properties)} of {@code mqttv5=True}; {@link MessageListener} is
 * its three-argument 3.1.1 form. Runs on the client's ordered executor, off the I/O thread; one that
 * throws is logged and reception continues.
 */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(Message message);
}
