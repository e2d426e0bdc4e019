/* Issue 9 item 14: one client's counters, read by metrics() and mqtt:status. */
package io.mqttas.session.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Counters updated from the client's threads; gauges are read from their owners when a snapshot is taken. */
final class Metrics {
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong oversizeInbound = new AtomicLong();
    final AtomicLong dupResends = new AtomicLong();
    final AtomicLong givenUp = new AtomicLong();
    final AtomicLong lastRtt = new AtomicLong(-1);
}
