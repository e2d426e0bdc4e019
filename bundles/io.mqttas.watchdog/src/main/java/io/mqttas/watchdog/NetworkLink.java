/* spec/mqtt_as.md §8.2 (WiFi bring-up, stability check), §10.2 (link cycling), §4.9 (wan_ok), §18.1. */
package io.mqttas.watchdog;

import java.time.Duration;

/**
 * The gateway's network link as mqtt_as saw its WiFi interface. On a gateway the operating system (or
 * Kura) brings the network up; this service watches it: one configured interface, or any
 * non-loopback interface with an address.
 *
 * <p>Listeners are told of every transition exactly once, in order, on the watchdog's thread; a new
 * listener is not told the current state (ask {@link #isUp()}).
 */
@org.osgi.annotation.versioning.ProviderType
public interface NetworkLink {

    /** Whether the watched link is up now (as of the last poll). */
    boolean isUp();

    /**
     * The original's stability ("integrity") check with the configured period (default 5 s): waits
     * until the link has stayed up that long without a drop, giving up after {@code timeout}.
     */
    boolean awaitStable(Duration timeout) throws InterruptedException;

    /** As {@link #awaitStable(Duration)} with an explicit stability period. */
    boolean awaitStable(Duration stable, Duration timeout) throws InterruptedException;

    void addListener(LinkListener listener);

    void removeListener(LinkListener listener);

    /**
     * Takes the link down and up again (the original cycles WiFi on every outage so that every hop
     * notices). Off by default on a gateway whose OS manages the network; when enabled it runs the
     * configured down command, waits the down time, runs the up command. Blocks at most the
     * commands' deadlines. True if the link was cycled.
     */
    boolean cycle();

    /**
     * The original's {@code wan_ok()}: sends one DNS query to the configured server and reports
     * whether an answer to it arrived within the configured timeout. Blocks at most that timeout.
     */
    boolean wanOk();

    /** What is watched, for logs and status displays, e.g. {@code "wlan0 (jvm)"} or {@code "any (kura)"}. */
    String describe();
}
