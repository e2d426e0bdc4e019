/* Counters behind BridgeStatus: written by the link threads, read by status displays. */
package io.mqttas.bridge.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Link-level counters and the last error, shared between the link's threads and readers of the status. */
public final class LinkCounters {
    public final AtomicLong charsIn = new AtomicLong();
    public final AtomicLong charsOut = new AtomicLong();
    public final AtomicLong recordsIn = new AtomicLong();
    public final AtomicLong recordsOut = new AtomicLong();
    public final AtomicLong recordsDropped = new AtomicLong();
    public final AtomicLong restarts = new AtomicLong();
    /** Host records the protocol refused (answered with UNKNOWN or BROKER_FAIL, or ignored as a repeat). */
    public final AtomicLong rejected = new AtomicLong();
    public volatile String lastError = "";
}
