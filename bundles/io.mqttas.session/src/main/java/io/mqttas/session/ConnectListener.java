/* spec/mqtt_as.md §5.1: the connect_coro callback. */
package io.mqttas.session;

/** {@code connect_coro}: run after every successful connect, e.g. to re-subscribe. */
@FunctionalInterface
public interface ConnectListener {
    void onConnect(MqttClient client);
}
