/* spec/relay.md §6.1 and §6.3: a node's ring of broker messages, qlen − 1 long, dropping the oldest. */
package io.mqttas.relay.internal;

import java.util.ArrayDeque;
import java.util.List;

/** The messages waiting for one node. Not thread-safe: the gateway guards it with its lock. */
public final class NodeQueue {
    private final int capacity;
    private final ArrayDeque<String> messages;

    /** A ring that holds {@code capacity} messages (the original's {@code qlen − 1}). */
    public NodeQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a node queue holds at least 1 message, got " + capacity);
        }
        this.capacity = capacity;
        this.messages = new ArrayDeque<>(Math.min(capacity, 16));
    }

    /** Appends {@code json}; returns true if the queue was full and its oldest message was dropped. */
    public boolean add(String json) {
        boolean dropped = false;
        if (messages.size() >= capacity) {
            messages.pollFirst();
            dropped = true;
        }
        messages.addLast(json);
        return dropped;
    }

    /**
     * Puts {@code json} back in front (a push that failed: it is older than anything queued since).
     * Returns true if the queue was full, in which case {@code json}, the oldest, is the one dropped.
     */
    public boolean addFirst(String json) {
        if (messages.size() >= capacity) {
            return true;
        }
        messages.addFirst(json);
        return false;
    }

    /** The oldest message, or null. */
    public String peek() {
        return messages.peekFirst();
    }

    /** Removes the head if it is still {@code json} (a concurrent overflow may have dropped it). */
    public void removeHead(String json) {
        if (messages.peekFirst() == json) {
            messages.pollFirst();
        }
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public int size() {
        return messages.size();
    }

    public int capacity() {
        return capacity;
    }

    public List<String> snapshot() {
        return List.copyOf(messages);
    }
}
