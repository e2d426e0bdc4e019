/* Issue 12 item 4: re-opening a serial device that went away, with back-off and logs that do not flood. */
package io.mqttas.bridge.internal;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long to wait before the next open of a stream, and what to log. The delay starts at
 * {@code initialMillis} and doubles after every failed open (or a stream lost within 10 s of being
 * opened) up to {@code maxMillis}; a stream that stayed open 10 s resets it. A warning is logged
 * when the error text changes, and otherwise at most every 10 minutes with the number of attempts;
 * the other attempts go to DEBUG. Used by the stream's reader thread only.
 */
final class ReopenBackoff {
    private static final Logger LOG = LoggerFactory.getLogger(ReopenBackoff.class);
    private static final long STABLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long REMIND_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final String bridge;
    private final String device;
    private final long initialMillis;
    private final long maxMillis;
    private long delayMillis;
    private long failures;
    private String lastError;
    private long lastWarning;
    private long openedAt;

    ReopenBackoff(String bridge, String device, long initialMillis, long maxMillis) {
        this.bridge = bridge;
        this.device = device;
        this.initialMillis = Math.max(1, initialMillis);
        this.maxMillis = Math.max(this.initialMillis, maxMillis);
        this.delayMillis = this.initialMillis;
    }

    /** The open failed: logs as described above, returns the pause before the next attempt. */
    long failed(String error) {
        failures++;
        log("cannot open " + device + ": " + error, error);
        return next();
    }

    /** The stream was opened. */
    void opened() {
        if (failures > 0) {
            LOG.info("bridge {}: {} open again after {} failed attempt(s)", bridge, device, failures);
        }
        failures = 0;
        lastError = null;
        openedAt = System.nanoTime();
    }

    /** The open stream failed (I/O error, end of stream): returns the pause before re-opening. */
    long lost(String error) {
        if (System.nanoTime() - openedAt >= STABLE_NANOS) {
            delayMillis = initialMillis; // it worked for a while: start the back-off afresh
        }
        log(device + " lost: " + error + "; re-opening", error);
        return next();
    }

    /** The current pause (for tests and status). */
    long delayMillis() {
        return delayMillis;
    }

    private long next() {
        long d = delayMillis;
        delayMillis = Math.min(maxMillis, delayMillis * 2);
        return d;
    }

    private void log(String message, String error) {
        long now = System.nanoTime();
        if (!error.equals(lastError)) {
            lastError = error;
            lastWarning = now;
            LOG.warn("bridge {}: {} (retrying with back-off {} ms doubling to {} ms; logged again when the error "
                    + "changes, else every 10 min)", bridge, message, delayMillis, maxMillis);
        } else if (now - lastWarning >= REMIND_NANOS) {
            lastWarning = now;
            LOG.warn("bridge {}: {} (still, after {} attempts)", bridge, message, failures);
        } else {
            LOG.debug("bridge {}: {} (attempt {})", bridge, message, failures);
        }
    }
}
