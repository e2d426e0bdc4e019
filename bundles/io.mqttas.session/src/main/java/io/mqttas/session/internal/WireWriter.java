/* spec/mqtt_as.md §12 and issue 9 items 4, 9, 16: one connection's outgoing frames — write-through, control frames first, deadlines from the wire. */
package io.mqttas.session.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The frames waiting for one connection's socket, written whole and in order, under the session lock:
 * <ul>
 * <li><b>write-through</b>: {@link #flush} hands frames to the non-blocking transport on the calling
 * thread (a publisher's, the loop's); when the socket is full it stops and the loop's
 * {@link #onWritable} goes on later — no writer thread, no hand-off;</li>
 * <li><b>control frames first</b>: PINGREQ, PUBACK and DISCONNECT go ahead of queued operations
 * (never into the middle of a frame already started), so a large PUBLISH on a slow link cannot
 * hold back a ping or an acknowledgement by more than the frame in progress;</li>
 * <li><b>deadlines from the wire</b>: a frame counts as written — and its acknowledgement deadline
 * starts — when its last byte was handed to the socket ({@link Sink#written});</li>
 * <li><b>bounded</b>: operations are handed over only while less than {@link #LIMIT} bytes of them
 * wait here ({@link #hasRoom}); the rest stay in the operation queue, unencoded frames being just
 * the operation's own array. Nothing is copied: each frame is the operation's array.</li>
 * </ul>
 */
final class WireWriter {
    /** Bytes of operation frames this writer holds before it stops taking more. */
    static final int LIMIT = 64 * 1024;
    private static final int BATCH = 64;

    /** Told about each frame once its last byte was handed over, and about write failures. */
    interface Sink {
        void written(Operation op, long now);

        void controlWritten(byte[] frame, long now);
    }

    private final Transport transport;
    private final Liveness liveness;
    private final Scheduler clock;
    private final Sink sink;
    private final ArrayDeque<byte[]> control = new ArrayDeque<>();
    private final ArrayDeque<Operation> bulk = new ArrayDeque<>();
    private final ByteBuffer[] batch = new ByteBuffer[BATCH];
    private final Object[] items = new Object[BATCH];
    private ByteBuffer currentBuffer;
    private Object current;
    private long bulkBytes;
    private boolean waitingWritable;

    WireWriter(Transport transport, Liveness liveness, Scheduler clock, Sink sink) {
        this.transport = transport;
        this.liveness = liveness;
        this.clock = clock;
        this.sink = sink;
    }

    /** Whether more operation frames may be handed over. */
    boolean hasRoom() {
        return bulkBytes < LIMIT;
    }

    /** Whether the socket is full and the writer waits for it. */
    boolean waitingWritable() {
        return waitingWritable;
    }

    /** Whether nothing waits or is half written. */
    boolean idle() {
        return current == null && control.isEmpty() && bulk.isEmpty();
    }

    void control(byte[] frame) {
        control.add(frame);
    }

    void operation(Operation op) {
        bulk.add(op);
        bulkBytes += op.frame.length;
    }

    /** Hands what waits to the socket until it is full or nothing is left. */
    void flush() throws IOException {
        while (!waitingWritable && !idle()) {
            int n = 0;
            long offered = 0;
            if (current != null) {
                items[n] = current;
                batch[n++] = currentBuffer;
                offered += currentBuffer.remaining();
            }
            for (byte[] f : control) {
                if (n == BATCH) {
                    break;
                }
                items[n] = f;
                batch[n++] = ByteBuffer.wrap(f);
                offered += f.length;
            }
            for (Operation op : bulk) {
                if (n == BATCH || offered >= LIMIT) {
                    break;
                }
                items[n] = op;
                batch[n++] = ByteBuffer.wrap(op.frame);
                offered += op.frame.length;
            }
            long took = transport.write(batch, 0, n);
            long now = clock.nowMillis();
            boolean full = settle(n, now);
            liveness.writeState(now, full, took > 0);
            if (full) {
                waitingWritable = true;
            }
        }
        if (idle()) {
            liveness.writeState(clock.nowMillis(), false, false);
        }
    }

    /** After a write: reports the frames wholly taken, keeps the first partial one; true if the socket is full. */
    private boolean settle(int n, long now) {
        for (int i = 0; i < n; i++) {
            Object item = items[i];
            ByteBuffer b = batch[i];
            items[i] = null;
            batch[i] = null;
            boolean isCurrent = item == current;
            if (!isCurrent) {
                if (item instanceof Operation op) {
                    bulk.poll();
                    bulkBytes -= op.frame.length;
                } else {
                    control.poll();
                }
            }
            if (b.hasRemaining()) {
                current = item;
                currentBuffer = b;
                for (int j = i + 1; j < n; j++) {
                    items[j] = null;
                    batch[j] = null;
                }
                return true;
            }
            if (isCurrent) {
                current = null;
                currentBuffer = null;
            }
            if (item instanceof Operation op) {
                sink.written(op, now);
            } else {
                sink.controlWritten((byte[]) item, now);
            }
        }
        return false;
    }

    /** The socket can take more. */
    void onWritable() throws IOException {
        waitingWritable = false;
        flush();
    }

    /** The operation whose frame is half handed to the socket, or null. */
    Operation halfWritten() {
        return current instanceof Operation op ? op : null;
    }

    /** Drops the operation frames not yet started (before a DISCONNECT: nothing may follow it). */
    void dropQueuedOperations() {
        bulk.clear();
        bulkBytes = 0;
    }

    /** The connection is gone: forgets everything (the operations know they were not acknowledged). */
    void drain() {
        bulk.clear();
        control.clear();
        current = null;
        currentBuffer = null;
        bulkBytes = 0;
    }
}
