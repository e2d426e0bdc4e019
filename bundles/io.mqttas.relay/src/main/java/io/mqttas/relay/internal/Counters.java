/* spec/relay.md §13/§16: the gateway's counters, shown by relay:status and the status request. */
package io.mqttas.relay.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Monotonic counters shared by the gateway's parts. Thread-safe. */
public final class Counters {
    /** Frames from the radio. */
    final AtomicLong received = new AtomicLong();
    /** Frames that were not a valid request. */
    final AtomicLong malformed = new AtomicLong();
    /** Frames from nodes not allowed or not admitted (table full). */
    final AtomicLong ignored = new AtomicLong();
    /** Messages dropped from full node queues. */
    final AtomicLong overflows = new AtomicLong();
    /** Publications answered BAD. */
    final AtomicLong rejected = new AtomicLong();
    /** Frames to nodes dropped for exceeding max_frame. */
    final AtomicLong oversized = new AtomicLong();
    /** Frames over their node's rate limit. */
    final AtomicLong rateLimited = new AtomicLong();
    /** Subscriptions refused because the topic table was full. */
    final AtomicLong topicsRefused = new AtomicLong();
    /** Broker messages pushed to awake nodes (lpmode=false). */
    final AtomicLong pushes = new AtomicLong();
}
