/* spec/bridge.md §3.6 (transmit FIFO), bounded: the hand-off from MQTT threads to the link. */
package io.mqttas.bridge.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records waiting to be sent to the host. The original's queue is unbounded; here incoming broker
 * messages ({@code droppable}) are refused once {@code capacity} records wait, while status
 * records, which the host's state machine depends on, may use a reserve of as many again.
 * Refusals are logged and counted. Thread-safe.
 */
public final class OutboundQueue {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

    private final String name;
    private final int capacity;
    private final LinkCounters counters;
    private final ArrayDeque<String> queue = new ArrayDeque<>();

    public OutboundQueue(String name, int capacity, LinkCounters counters) {
        if (capacity < 1) {
            throw new IllegalArgumentException("tx_queue_len must be >= 1, got " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        this.counters = counters;
    }

    /** Queues {@code record}; false (logged, counted) if the queue is full for this kind of record. */
    public synchronized boolean offer(String record, boolean droppable) {
        int limit = droppable ? capacity : 2 * capacity;
        if (queue.size() >= limit) {
            long dropped = counters.recordsDropped.incrementAndGet();
            if (dropped == 1 || dropped % 100 == 0) {
                LOG.warn("bridge {}: host link too slow, {} records waiting; dropped one ({} dropped so far)", name,
                        queue.size(), dropped);
            }
            counters.lastError = "transmit queue full (" + queue.size() + " records)";
            return false;
        }
        queue.addLast(record);
        notifyAll();
        return true;
    }

    /** The oldest record, or null. */
    public synchronized String poll() {
        return queue.pollFirst();
    }

    /** The oldest record, waiting up to {@code timeout}; null if none came. */
    public synchronized String poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (queue.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return queue.pollFirst();
    }

    /** Discards everything (link restart: spec §3.7, queued but unsent records are lost). */
    public synchronized void clear() {
        queue.clear();
    }

    public synchronized int size() {
        return queue.size();
    }
}
