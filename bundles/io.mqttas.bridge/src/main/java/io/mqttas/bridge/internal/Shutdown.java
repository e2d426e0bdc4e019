/* Briefing "nothing leaks": the one way a bridge thread is stopped (interrupt, join with a deadline, warn). */
package io.mqttas.bridge.internal;

import java.time.Duration;

import org.slf4j.Logger;

/**
 * Stops threads the same way everywhere: interrupt, join with a deadline, and a warning naming
 * the thread if it is still alive (it is a daemon, so it cannot keep the JVM up, but a user should
 * know). An interrupt of the caller while joining is kept for the caller.
 */
public final class Shutdown {
    private Shutdown() {
    }

    /** Interrupts {@code thread} (if any) and waits up to {@code deadline}; true if it ended. */
    public static boolean stop(Thread thread, Duration deadline, Logger log, String bridge) {
        if (thread == null || thread == Thread.currentThread()) {
            return true;
        }
        thread.interrupt();
        try {
            thread.join(Math.max(1, deadline.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("bridge {}: thread {} did not stop within {} ms", bridge, thread.getName(), deadline.toMillis());
            return false;
        }
        return true;
    }
}
