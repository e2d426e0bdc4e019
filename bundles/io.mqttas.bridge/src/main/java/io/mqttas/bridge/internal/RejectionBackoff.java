/*
 * Issue 12 item 3: a host that is refused (bad INIT field or will, broker unreachable) resets the
 * bridge and sends the same again, about every 1.2 s, for ever. The bridge answers the repeats later
 * and later instead, logs once per change of reason, and counts.
 */
package io.mqttas.bridge.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consecutive refused host sessions (across link restarts; a session that reaches RUNNING ends
 * the run). The first refusal is answered at once (the original's behaviour); the n-th consecutive
 * one after {@code initial × 2^(n−2)}, at most {@code max}. The host waits for the answer with its
 * link running (it has no timeout of its own for it), so its loop slows down to one try per
 * {@code max} instead of one per 1.2 s. A warning is logged when the reason differs from the
 * previous refusal's, repeats go to DEBUG; {@link #refusals()} counts them all. Thread-safe.
 */
final class RejectionBackoff {
    private static final Logger LOG = LoggerFactory.getLogger(RejectionBackoff.class);

    private final String bridge;
    private final Duration initial;
    private final Duration max;
    private int consecutive;
    private long refusals;
    private long warnings;
    private String lastReason;

    RejectionBackoff(String bridge, Duration initial, Duration max) {
        this.bridge = bridge;
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
    }

    /** A host session was refused for {@code reason}: returns how long to hold the answer back. */
    synchronized Duration refused(String reason) {
        consecutive++;
        refusals++;
        Duration delay = delay(consecutive);
        if (!reason.equals(lastReason)) {
            lastReason = reason;
            warnings++;
            LOG.warn("bridge {}: {}; the host will reset and try again (repeats are answered after a back-off "
                    + "of {} ms doubling to {} ms and logged at DEBUG)", bridge, reason, initial.toMillis(),
                    max.toMillis());
        } else {
            LOG.debug("bridge {}: {} (refusal {} in a row; answering in {} ms)", bridge, reason, consecutive,
                    delay.toMillis());
        }
        return delay;
    }

    /** A session reached RUNNING: the next refusal is answered at once again. */
    synchronized void succeeded() {
        if (consecutive > 1) {
            LOG.info("bridge {}: the host's session runs after {} refused attempts", bridge, consecutive);
        }
        consecutive = 0;
        lastReason = null;
    }

    /** Whether the host is in a run of refusals (its session starts are then not news). */
    synchronized boolean inRun() {
        return consecutive > 0;
    }

    synchronized long refusals() {
        return refusals;
    }

    /** Warnings logged so far (one per change of reason). */
    synchronized long warnings() {
        return warnings;
    }

    private Duration delay(int n) {
        if (n <= 1) {
            return Duration.ZERO;
        }
        Duration d = initial;
        for (int i = 2; i < n && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
