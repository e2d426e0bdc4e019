/* spec/mqtt_as.md §5.1: the wifi_coro callback. */
package io.mqttas.session;

/** {@code wifi_coro}: told {@code true} after every successful connect and {@code false} once per outage. */
@FunctionalInterface
public interface LinkListener {
    void onLink(boolean up);
}
