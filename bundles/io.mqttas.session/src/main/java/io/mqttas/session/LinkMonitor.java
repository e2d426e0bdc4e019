/* spec/mqtt_as.md §8.2, §10.2, §18.1: the network link under the client (the original's WiFi layer). */
package io.mqttas.session;

import java.time.Duration;

/**
 * The network link the client runs over. The default ({@link #ALWAYS_UP}) is for hosts whose OS
 * manages the network; in OSGi the session component adapts the watchdog bundle's
 * {@code NetworkLink} service to this interface. The client consults it before connecting
 * (stability check unless {@code quick}), treats a transition to down as an immediate outage, and
 * reconnects without waiting for back-off on a transition to up.
 */
public interface LinkMonitor {

    /** A link that is always up and never changes. */
    LinkMonitor ALWAYS_UP = new LinkMonitor() {
        @Override
        public boolean isUp() {
            return true;
        }

        @Override
        public boolean awaitStable(Duration stable, Duration timeout) {
            return true;
        }

        @Override
        public Registration onChange(LinkListener listener) {
            return () -> { };
        }
    };

    /** Whether the link is up now. */
    boolean isUp();

    /**
     * Waits until the link has stayed up for {@code stable} without a drop (the original's 5 s
     * "integrity" check), giving up after {@code timeout}. True if stable.
     */
    boolean awaitStable(Duration stable, Duration timeout) throws InterruptedException;

    /** Tells {@code listener} of each transition, exactly once per transition. */
    Registration onChange(LinkListener listener);

    /** Takes the link down and up again after an outage, if this link supports and enables it (off by default). */
    default void cycle() {
    }
}
