/* spec/mqtt_as.md §5.1: the subs_cb callback. */
package io.mqttas.session;

/** Receives incoming messages ({@code subs_cb}). Runs off the I/O thread; {@code payload} is the listener's own copy. */
@FunctionalInterface
public interface MessageListener {
    void onMessage(String topic, byte[] payload, boolean retained);
}
