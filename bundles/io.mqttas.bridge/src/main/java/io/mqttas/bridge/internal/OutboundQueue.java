/* spec/bridge.md §3.6 (transmit FIFO), bounded: the hand-off from MQTT threads to the link. */
package io.mqttas.bridge.internal;

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
    private final LinkCounters counters;
    private final ReserveQueue<String> queue;

    public OutboundQueue(String name, int capacity, LinkCounters counters) {
        this.name = name;
        this.counters = counters;
        this.queue = new ReserveQueue<>("tx_queue_len", capacity);
    }

    /** Queues {@code record}; false (logged, counted) if the queue is full for this kind of record. */
    public boolean offer(String record, boolean droppable) {
        if (queue.offer(record, !droppable)) {
            return true;
        }
        long dropped = counters.recordsDropped.incrementAndGet();
        int waiting = queue.size();
        if (dropped == 1 || dropped % 100 == 0) {
            LOG.warn("bridge {}: host link too slow, {} records waiting; dropped one ({} dropped so far)", name,
                    waiting, dropped);
        }
        counters.lastError = "transmit queue full (" + waiting + " records)";
        return false;
    }

    /** The oldest record, or null. */
    public String poll() {
        return queue.poll();
    }

    /** The oldest record, waiting up to {@code timeout}; null if none came. */
    public String poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** Discards everything (link restart: spec §3.7, queued but unsent records are lost). */
    public void clear() {
        queue.clear();
    }

    public int size() {
        return queue.size();
    }
}
