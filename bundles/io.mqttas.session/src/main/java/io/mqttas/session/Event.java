/* spec/mqtt_as.md §5.2: the up/down events of the event interface. */
package io.mqttas.session;

import java.time.Duration;

/** A latched event: once set it stays set until {@link #clear()}. */
public interface Event {
    /** Waits until set. */
    void await() throws InterruptedException;

    /** Waits up to {@code timeout}; true if set. */
    boolean await(Duration timeout) throws InterruptedException;

    boolean isSet();

    void clear();
}
