/* spec/mqtt_as.md §10.1, §18.1: link state changes, exactly once per transition. */
package io.mqttas.watchdog;

/** Told of each link transition: {@code true} when the link came up, {@code false} when it went down. */
@FunctionalInterface
public interface LinkListener {
    void linkChanged(boolean up);
}
