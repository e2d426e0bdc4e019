/* Hostile input (briefing): a flood of bad records must not flood the gateway's log as well. */
package io.mqttas.bridge.internal;

import org.slf4j.Logger;

/** At most {@code perWindow} warnings per 10 s; the next one allowed says how many were suppressed. */
final class LogLimiter {
    private static final long WINDOW_NANOS = 10_000_000_000L;

    private final int perWindow;
    private long windowStart = System.nanoTime();
    private int count;
    private long suppressed;

    LogLimiter(int perWindow) {
        this.perWindow = perWindow;
    }

    void warn(Logger log, String name, String message) {
        long dropped;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - windowStart > WINDOW_NANOS) {
                windowStart = now;
                count = 0;
            }
            if (count >= perWindow) {
                suppressed++;
                return;
            }
            count++;
            dropped = suppressed;
            suppressed = 0;
        }
        if (dropped > 0) {
            log.warn("bridge {}: {} ({} similar warnings suppressed)", name, message, dropped);
        } else {
            log.warn("bridge {}: {}", name, message);
        }
    }
}
