/* spec/mqtt_as.md §5.3 and bug B14: a true bounded queue that drops the oldest and counts only real drops. */
package io.mqttas.session.internal;

import io.mqttas.session.Message;
import io.mqttas.session.MessageQueue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Holds up to {@code capacity} messages (the original's ring held {@code queue_len − 1}, and with
 * {@code queue_len = 1} lost everything not already awaited — B14). When full, {@link #put} drops the
 * oldest and counts exactly one discard. Several consumers may take; each message goes to one.
 * Iteration takes messages and ends only when the consuming thread is interrupted.
 */
final class DropOldestQueue implements MessageQueue {
    private final int capacity;
    private final ArrayDeque<Message> items;
    private long discards;

    DropOldestQueue(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.items = new ArrayDeque<>(Math.min(this.capacity, 1024));
    }

    /** Never blocks. */
    synchronized void put(Message m) {
        if (items.size() >= capacity) {
            items.pollFirst();
            discards++;
        }
        items.addLast(m);
        notifyAll();
    }

    @Override
    public synchronized Message take() throws InterruptedException {
        while (items.isEmpty()) {
            wait();
        }
        return items.pollFirst();
    }

    @Override
    public synchronized Message poll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (items.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return items.pollFirst();
    }

    @Override
    public synchronized int size() {
        return items.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized long discards() {
        return discards;
    }

    @Override
    public Iterator<Message> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !Thread.currentThread().isInterrupted();
            }

            @Override
            public Message next() {
                try {
                    return take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NoSuchElementException("interrupted while waiting for a message");
                }
            }
        };
    }
}
