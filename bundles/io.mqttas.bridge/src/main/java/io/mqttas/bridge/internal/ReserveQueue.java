/* Bounded everything (DESIGN.md §2.3): a queue with a reserve for the items that must not be starved. */
package io.mqttas.bridge.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A FIFO that refuses ordinary items once {@code capacity} wait, and items offered with the
 * reserve once twice as many wait. Used both ways between link and protocol: statuses to the host
 * may use the reserve that broker messages may not ({@link OutboundQueue}); host records that wait
 * for an answer may use the reserve that other records may not (issue 12 item 2). Thread-safe.
 */
final class ReserveQueue<T> {
    private final int capacity;
    private final ArrayDeque<T> queue = new ArrayDeque<>();

    ReserveQueue(String key, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues {@code item}; false if full for its kind. */
    synchronized boolean offer(T item, boolean reserve) {
        if (queue.size() >= (reserve ? 2 * capacity : capacity)) {
            return false;
        }
        queue.addLast(item);
        notifyAll();
        return true;
    }

    /** Everything waiting is discarded and {@code item} queued (a link restart). */
    synchronized void replaceAll(T item) {
        queue.clear();
        queue.addLast(item);
        notifyAll();
    }

    /** The oldest item, or null. */
    synchronized T poll() {
        return queue.pollFirst();
    }

    /** The oldest item, waiting up to {@code timeout}; null if none came. */
    synchronized T poll(long timeout, TimeUnit unit) throws InterruptedException {
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

    synchronized void clear() {
        queue.clear();
    }

    synchronized int size() {
        return queue.size();
    }
}
