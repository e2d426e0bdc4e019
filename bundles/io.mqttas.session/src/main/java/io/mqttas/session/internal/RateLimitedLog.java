/* Issue 9 (logs that explain what happened, rate-limited where they could repeat). */
package io.mqttas.session.internal;

import org.slf4j.Logger;

import java.util.function.Supplier;

/**
 * A warning that may repeat in a loop (a full pool, a dropped message, a paused reader, a failing
 * disk): logged at most once per interval, with the number of repeats suppressed since the last line.
 * Thread-safe; the logging itself happens outside the monitor.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private long last;
    private boolean logged;
    private long suppressed;
    private boolean active;

    RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Logs {@code format} with {@code args} at warn level unless a line was logged within the interval. */
    void warn(String format, Object... args) {
        long skipped = admit();
        if (skipped < 0) {
            return;
        }
        if (skipped > 0) {
            log.warn(format + " (" + skipped + " similar messages suppressed)", args);
        } else {
            log.warn(format, args);
        }
    }

    /** As {@link #warn}, for a message that is built only when it is logged. */
    void event(Supplier<String> message) {
        long skipped = admit();
        if (skipped < 0) {
            return;
        }
        log.warn("{}{}", message.get(), skipped > 0 ? " (" + skipped + " more since the last report)" : "");
    }

    /** Whether events happened since the last reset (for a "works again" message). */
    synchronized boolean reset() {
        boolean was = active;
        active = false;
        return was;
    }

    /** -1 if this occurrence is suppressed, else the number suppressed before it. */
    private synchronized long admit() {
        long now = System.nanoTime();
        active = true;
        if (logged && now - last < intervalNanos) {
            suppressed++;
            return -1;
        }
        long skipped = suppressed;
        last = now;
        logged = true;
        suppressed = 0;
        return skipped;
    }
}
