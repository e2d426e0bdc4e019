/* robustness: a log line that could repeat (a failing listener, a refusing broker) is written at most once per period. */
package io.mqttas.kura.internal;

/** Allows one log line per period; thread-safe. */
final class LogLimiter {
    private final long periodNanos;
    private long next = Long.MIN_VALUE;
    private boolean first = true;

    LogLimiter(long periodMillis) {
        this.periodNanos = periodMillis * 1_000_000L;
    }

    synchronized boolean allow() {
        long now = System.nanoTime();
        if (first || now - next >= 0) {
            first = false;
            next = now + periodNanos;
            return true;
        }
        return false;
    }
}
