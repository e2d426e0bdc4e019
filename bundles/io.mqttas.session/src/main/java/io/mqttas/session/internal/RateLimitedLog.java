/* Issue 9 (logs that explain what happened, rate-limited where they could repeat). */
package io.mqttas.session.internal;

import org.slf4j.Logger;

import java.util.function.Supplier;

/** A warning at most once per interval, with the count of repeats suppressed in between. Not thread-safe (callers hold their lock). */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalMillis;
    private long last;
    private boolean logged;
    private int suppressed;
    private boolean active;

    RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalMillis = intervalMillis;
    }

    void event(Supplier<String> message) {
        long now = System.nanoTime() / 1_000_000L;
        active = true;
        if (logged && now - last < intervalMillis) {
            suppressed++;
            return;
        }
        log.warn("{}{}", message.get(), suppressed > 0 ? " (" + suppressed + " more since the last report)" : "");
        last = now;
        logged = true;
        suppressed = 0;
    }

    /** Whether events happened since the last reset (for a "works again" message). */
    boolean reset() {
        boolean was = active;
        active = false;
        return was;
    }
}
