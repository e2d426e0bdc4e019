/* spec/mqtt_as.md §11.1, §11.2, §16.3: acknowledgement deadlines, DUP re-sends, then give up on the connection. */
package io.mqttas.session.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Waits {@code response_time} for each acknowledgement. A QoS 1 PUBLISH that is not acknowledged is
 * re-sent with DUP=1 and the same packet id, up to {@code max_repubs} times on one connection; then
 * the connection is declared dead and, after reconnection, the publication goes out again with a new
 * id (the original's at-least-once rule). SUBSCRIBE/UNSUBSCRIBE get one wait and no re-send.
 * Every timer carries its connection and packet id, so one that fires late for an old connection
 * or an already acknowledged id does nothing (§10.4).
 */
final class Republisher {

    /** What the session provides: re-send a frame, and give up on a connection. */
    interface Link {
        void resend(Connection conn, Operation op);

        void lost(Connection conn, String reason);

        /** Whether {@code op} is still awaiting its ack under {@code packetId} on {@code conn}. */
        boolean stillPending(Connection conn, Operation op, int packetId);

        Object lock();
    }

    private final Scheduler scheduler;
    private final long responseTime;
    private final int maxRepubs;
    private final Link link;
    private final AtomicLong repubCount = new AtomicLong();

    Republisher(Scheduler scheduler, long responseTimeMillis, int maxRepubs, Link link) {
        this.scheduler = scheduler;
        this.responseTime = responseTimeMillis;
        this.maxRepubs = maxRepubs;
        this.link = link;
    }

    /** The original's REPUB_COUNT: DUP re-sends so far. */
    long repubCount() {
        return repubCount.get();
    }

    /** Starts the acknowledgement deadline of {@code op}, just sent on {@code conn}. Call under the session lock. */
    void arm(Connection conn, Operation op) {
        int id = op.packetId;
        op.ackTimer = scheduler.schedule(responseTime, () -> expired(conn, op, id));
    }

    private void expired(Connection conn, Operation op, int id) {
        synchronized (link.lock()) {
            if (!link.stillPending(conn, op, id)) {
                return;
            }
            if (op.isQos1Publish() && op.dups < maxRepubs) {
                op.dups++;
                repubCount.incrementAndGet();
                link.resend(conn, op);
                op.ackTimer = scheduler.schedule(responseTime, () -> expired(conn, op, id));
                return;
            }
            String what = op.isQos1Publish() ? "PUBACK" : op.kind == Operation.Kind.SUBSCRIBE ? "SUBACK" : "UNSUBACK";
            link.lost(conn, "no " + what + " for packet id " + id + " within " + responseTime + " ms"
                    + (op.isQos1Publish() ? " after " + op.dups + " DUP re-sends" : ""));
        }
    }
}
