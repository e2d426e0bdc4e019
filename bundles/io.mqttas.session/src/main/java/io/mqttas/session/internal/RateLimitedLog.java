/* Issue 9 (logs that explain, rate-limited where they could repeat). */
package io.mqttas.session.internal;

import org.slf4j.Logger;

/**
 * A warning that may repeat in a loop (a full pool, a dropped message, a paused reader): logged at
 * most once per period, with the number of occurrences suppressed since the last line.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long periodNanos;
    private long last = Long.MIN_VALUE;
    private long suppressed;

    RateLimitedLog(Logger log, long periodMillis) {
        this.log = log;
        this.periodNanos = periodMillis * 1_000_000L;
    }

    /** Logs {@code format} with {@code args} at warn level unless one was logged within the period. */
    void warn(String format, Object... args) {
        long skipped;
        synchronized (this) {
            long now = System.nanoTime();
            if (last != Long.MIN_VALUE && now - last < periodNanos) {
                suppressed++;
                return;
            }
            last = now;
            skipped = suppressed;
            suppressed = 0;
        }
        if (skipped > 0) {
            log.warn(format + " (" + skipped + " similar messages suppressed)", args);
        } else {
            log.warn(format, args);
        }
    }
}
