/* Issue 9 items 1, 9 and spec/mqtt_as.md §5.3: received messages waiting for the application, bounded in count and bytes. */
package io.mqttas.session.internal;

import io.mqttas.session.Message;

import java.util.ArrayDeque;

/**
 * The messages received and not yet handed to the application, at most {@code inbound_queue_len}
 * messages and {@code inbound_queue_bytes} bytes (the overshoot is at most one read). When it is full
 * the connection stops reading until the queue is half empty (docs/session.md, "Backpressure"): the
 * client drops nothing, the broker's own limits (its in-flight window, {@code max_queued_messages})
 * decide what waits or is dropped, where the operator configures them. Pausing cannot deadlock,
 * because the ordered executor keeps delivering while a listener blocks, and the liveness rules know
 * reading is paused. Its own lock (never held while calling out), taken after the session lock when
 * both are needed.
 */
final class InboundQueue {
    /** Messages one delivery task hands over at most before letting other tasks of the client run. */
    static final int BATCH = 64;

    /** A message with what its acknowledgement needs. */
    record Item(Message message, byte[] payload, Connection conn, int packetId) {
        int bytes() {
            return message.topic().length() + message.payloadLength() + 64;
        }
    }

    private final int maxCount;
    private final long maxBytes;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private int count;
    private long bytes;

    InboundQueue(int maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** Queues {@code it}; true if the queue is now full (the reader must pause). */
    synchronized boolean offer(Item it) {
        items.add(it);
        count++;
        bytes += it.bytes();
        return count >= maxCount || bytes >= maxBytes;
    }

    /** The next message to hand over (still counted until {@link #handedOver}). */
    synchronized Item next() {
        return items.poll();
    }

    /** The application has {@code it}; true when the queue is at most half full (reading may resume). */
    synchronized boolean handedOver(Item it) {
        count--;
        bytes -= it.bytes();
        return count <= maxCount / 2 && bytes <= maxBytes / 2;
    }

    synchronized int size() {
        return count;
    }
}
