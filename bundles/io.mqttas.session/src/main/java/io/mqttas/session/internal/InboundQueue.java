/* Issue 9 items 1, 9 and spec/mqtt_as.md §5.3: received messages waiting for the application, bounded in count and bytes. */
package io.mqttas.session.internal;

import io.mqttas.session.Message;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The messages received and not yet handed to the application, at most {@code inbound_queue_len}
 * messages and {@code inbound_queue_bytes} bytes. The policy when it is full (docs/session.md,
 * "Backpressure"):
 * <ul>
 * <li>a QoS 0 message replaces the oldest waiting QoS 0 message (dropped and counted, as the
 * original's drop-oldest queue does), or is itself dropped when only QoS 1 messages wait;</li>
 * <li>a QoS 1 message is kept (its PUBACK waits until the application has it, so the broker's own
 * in-flight window normally keeps their number small) and the reader is told to pause: the
 * connection stops reading until the queue is half empty — the last resort, with the connection's
 * liveness rules knowing it is paused.</li>
 * </ul>
 * Its own lock (never held while calling out), taken after the session lock when both are needed.
 */
final class InboundQueue {

    /** A message with what its acknowledgement needs. */
    record Item(Message message, byte[] payload, Connection conn, int packetId) {
        int bytes() {
            return message.topic().length() + message.payloadLength() + 64;
        }
    }

    /** What {@link #offer} did. */
    enum Outcome { QUEUED, QUEUED_NOW_FULL, REPLACED_OLDEST, DROPPED }

    private final int maxCount;
    private final long maxBytes;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private int count;
    private long bytes;
    private Item lastDropped;

    InboundQueue(int maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    synchronized Outcome offer(Item it) {
        boolean full = count >= maxCount || bytes + it.bytes() > maxBytes;
        if (full && it.message().qos() == 0) {
            for (Iterator<Item> i = items.iterator(); i.hasNext(); ) {
                Item old = i.next();
                if (old.message().qos() == 0) {
                    i.remove();
                    count--;
                    bytes -= old.bytes();
                    lastDropped = old;
                    add(it);
                    return Outcome.REPLACED_OLDEST;
                }
            }
            lastDropped = it;
            return Outcome.DROPPED;
        }
        add(it);
        boolean nowFull = count >= maxCount || bytes >= maxBytes;
        return nowFull && it.message().qos() > 0 ? Outcome.QUEUED_NOW_FULL : Outcome.QUEUED; // QoS 0 overflow drops, never pauses
    }

    private void add(Item it) {
        items.add(it);
        count++;
        bytes += it.bytes();
    }

    /** The message dropped by the last offer that dropped one. */
    synchronized Item lastDropped() {
        return lastDropped;
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
