/* Issue 12 item 2: the bounded hand-off from the link to the protocol thread, with room for records that need an answer. */
package io.mqttas.bridge.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Host records (and link events) waiting for the protocol thread. Ordinary records are refused
 * once {@code capacity} wait; records the host waits an answer for, and subscriptions, may use a
 * reserve of as many again, so a flood of other records cannot starve them (the original host has
 * at most one publication outstanding). Thread-safe.
 */
final class InboundQueue {
    private final int capacity;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();

    InboundQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("rx_queue_len must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues {@code item}; false if full for its kind. */
    synchronized boolean offer(Object item, boolean priority) {
        if (queue.size() >= (priority ? 2 * capacity : capacity)) {
            return false;
        }
        queue.addLast(item);
        notifyAll();
        return true;
    }

    /** Everything waiting is discarded and {@code marker} queued (a link restart). */
    synchronized void restart(Object marker) {
        queue.clear();
        queue.addLast(marker);
        notifyAll();
    }

    /** The oldest item, waiting up to {@code millis}; null if none came. */
    synchronized Object poll(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (queue.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return queue.pollFirst();
    }

    synchronized int size() {
        return queue.size();
    }
}
