/* spec/mqtt_as.md §10.2, B18 and DESIGN.md §7: bounded exponential back-off with jitter between attempts. */
package io.mqttas.session.internal;

import java.util.function.DoubleSupplier;

/**
 * Delay before each reconnection attempt. Attempt n waits {@code base(n) = min(max, min·2^n)}
 * of which the {@code jitter} fraction is random, so a fleet does not reconnect in lock-step after
 * a broker restart (B18). The delay never shrinks to nothing after the first retry (at least 50 ms),
 * so a broker that refuses every attempt is never hammered in a hot loop (B4).
 * {@link #reset()} after a successful connection.
 */
final class ReconnectPolicy {
    static final long FLOOR_MILLIS = 50;

    private final long min;
    private final long max;
    private final double jitter;
    private final DoubleSupplier random;
    private int attempt;

    ReconnectPolicy(long minMillis, long maxMillis, double jitter, DoubleSupplier random) {
        this.min = minMillis;
        this.max = Math.max(minMillis, maxMillis);
        this.jitter = jitter;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one attempt. */
    long nextDelayMillis() {
        int n = attempt++;
        long base;
        if (n == 0) {
            base = min;
        } else {
            long start = Math.max(min, FLOOR_MILLIS);
            base = n >= 40 ? max : (long) Math.min((double) max, start * Math.pow(2, n));
            base = Math.max(base, Math.min(FLOOR_MILLIS, max));
        }
        long fixed = Math.round(base * (1 - jitter));
        return fixed + Math.round(base * jitter * random.getAsDouble());
    }

    int attempts() {
        return attempt;
    }

    void reset() {
        attempt = 0;
    }
}
