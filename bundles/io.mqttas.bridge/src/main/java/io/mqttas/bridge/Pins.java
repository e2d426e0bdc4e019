/* spec/bridge.md §2 and §3.1: the bridge's (passive end's) view of the five SynCom wires. */
package io.mqttas.bridge;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * The passive end's signals: clock and data in from the host ({@code mckin}, {@code mrx}), clock
 * and data out to the host ({@code mckout}, {@code mtx}) and the host's reset line as an input.
 * Levels are {@code true} = high. Implementations are used by one thread (the bridge's link
 * thread) and need not be thread-safe. Since 1.1: the optional reset output to the host.
 */
public interface Pins extends AutoCloseable {

    /** The host's clock output ({@code sckout} → {@code mckin}). */
    boolean clockIn() throws IOException;

    /** The host's data output ({@code stx} → {@code mrx}). */
    boolean dataIn() throws IOException;

    /** The host's reset line; active low. Pins without a reset wire return {@code true}. */
    boolean resetIn() throws IOException;

    /** Drives the bridge's clock output ({@code mckout} → {@code sckin}). */
    void clockOut(boolean level) throws IOException;

    /** Drives the bridge's data output ({@code mtx} → {@code srx}). */
    void dataOut(boolean level) throws IOException;

    /**
     * Drives the gateway's optional output wired to the host's reset (active low; issue 12 item 6:
     * the bridge pulses it once it is ready, because an original host that saw no SYN within about
     * 11 s of its own start waits for ever). Pins without that wire ignore it.
     */
    default void resetOut(boolean level) throws IOException {
    }

    /** Whether {@link #resetOut(boolean)} drives a wire. */
    default boolean hasResetOut() {
        return false;
    }

    /**
     * Waits up to {@code maxNanos} for an input to change; may return early or late by a little.
     * The default parks the thread (polling); simulated pins wake up on the peer's write.
     */
    default void awaitInputChange(long maxNanos) throws InterruptedException {
        LockSupport.parkNanos(maxNanos);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Releases the pins (outputs are driven low first where possible). */
    @Override
    void close();
}
