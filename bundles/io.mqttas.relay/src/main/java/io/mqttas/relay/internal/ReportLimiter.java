/*
 * spec/relay.md §16 (any device on the channel can send frames): error reports caused by node
 * frames are limited to a number per second, and reports of a standing condition (node table full,
 * topic table full, modem silent) to one per interval per condition, so a flood costs counters,
 * never a flood of publications on gw_errors.
 */
package io.mqttas.relay.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Decides whether a report may be published now. Thread-safe. */
public final class ReportLimiter {
    private final Clock clock;
    private final int perSecond;
    private final Map<String, Long> lastByKey = new HashMap<>();
    private long window;
    private int inWindow;

    /** {@code perSecond}: node-caused reports allowed in each second. */
    public ReportLimiter(Clock clock, int perSecond) {
        this.clock = clock;
        this.perSecond = perSecond;
    }

    /** A report caused by a node's frame: true while fewer than the per-second limit went out this second. */
    public synchronized boolean nodeReport() {
        long second = clock.millis() / 1000;
        if (second != window) {
            window = second;
            inWindow = 0;
        }
        return ++inWindow <= perSecond;
    }

    /** A report of condition {@code key}: true at most once every {@code everyMillis}. */
    public synchronized boolean once(String key, long everyMillis) {
        long now = clock.millis();
        Long last = lastByKey.get(key);
        if (last != null && now - last < everyMillis) {
            return false;
        }
        if (lastByKey.size() > 64) {
            lastByKey.clear(); // bounded: keys are a handful of condition names
        }
        lastByKey.put(key, now);
        return true;
    }
}
