/* spec/mqtt_as.md §11.1, §11.2, §16.3 and issue 9 item 4: acknowledgement deadlines from the wire, DUP re-sends, then give up on the connection. */
package io.mqttas.session.internal;

import java.util.ArrayDeque;
import java.util.function.BiConsumer;

/**
 * Waits {@code response_time} for each acknowledgement, measured from when the packet's last byte was
 * handed to the socket and on the connection's idle clock ({@link Liveness#idleClock}: it stops while
 * reading is paused and while another packet is arriving, because the acknowledgement is behind it).
 * A QoS 1 PUBLISH that is not acknowledged is re-sent with DUP=1 and the same packet id, up to
 * {@code max_repubs} times on one connection; then the connection is declared dead and, after
 * reconnection, the publication goes out again (the original's at-least-once rule).
 * SUBSCRIBE/UNSUBSCRIBE get one wait and no re-send.
 *
 * <p>MQTT 5.0 forbids re-sending a PUBLISH on the same connection [MQTT-4.4.0-1]: there the
 * publication keeps its place and waits {@code max_repubs} more {@code response_time}s (the time the
 * original's DUP re-sends would have taken) before the connection is declared dead; the next
 * connection then re-sends it with DUP=1 and its id (session present) or as a new packet.
 *
 * <p>One timer per connection, set for the earliest deadline (the operations wait in the order they
 * were written, so that is the first one still waiting) — not one timer per operation. Under the
 * session lock.
 */
final class AckDeadlines {
    private final ClientContext ctx;
    private final Operations ops;
    private final BiConsumer<Connection, String> lost;
    private final ArrayDeque<Operation> awaiting = new ArrayDeque<>();
    private Connection armedFor;
    private Scheduler.Task timer = Scheduler.NONE;

    AckDeadlines(ClientContext ctx, Operations ops, BiConsumer<Connection, String> lost) {
        this.ctx = ctx;
        this.ops = ops;
        this.lost = lost;
    }

    /** {@code op}'s last byte went out on {@code c} at {@code now}: its acknowledgement is due response_time later. */
    void track(Connection c, Operation op, long now) {
        op.ackDue = c.liveness.idleClock(now) + ctx.config.responseTimeMillis();
        awaiting.add(op);
        arm(c, now);
    }

    /**
     * {@code op} waits for another acknowledgement (QoS 2: PUBCOMP after PUBREC): a fresh deadline.
     * Its entry keeps its place (removing it would scan the entries not yet reaped: per message, that
     * is quadratic); so a later operation's overdue acknowledgement may be noticed up to one
     * {@code response_time} late while a PUBREL waits ahead of it.
     */
    void retrack(Connection c, Operation op, long now) {
        op.dups = 0;
        op.ackDue = c.liveness.idleClock(now) + ctx.config.responseTimeMillis();
        arm(c, now);
    }

    void clear() {
        awaiting.clear();
        timer.cancel();
        timer = Scheduler.NONE;
        armedFor = null;
    }

    private Operation head(Connection c) {
        Operation op;
        while ((op = awaiting.peek()) != null && (op.state != Operation.State.AWAITING_ACK || op.sentOn != c)) {
            awaiting.poll(); // acknowledged, timed out or moved: its entry is stale
        }
        return op;
    }

    private void arm(Connection c, long now) {
        if (armedFor == c) {
            return; // the pending timer re-arms itself for the next deadline
        }
        Operation head = head(c);
        if (head == null) {
            return;
        }
        long wait = Math.max(1, head.ackDue - c.liveness.idleClock(now));
        armedFor = c;
        timer = ctx.later(wait, () -> fire(c));
    }

    private void fire(Connection c) {
        if (armedFor != c) {
            return;
        }
        armedFor = null;
        if (c.lost) {
            return;
        }
        long now = ctx.clock.nowMillis();
        long idle = c.liveness.idleClock(now);
        boolean resent = false;
        Operation op;
        while ((op = head(c)) != null && op.ackDue <= idle) {
            awaiting.poll();
            if (op.isQos1Publish() && op.dups < ctx.config.maxRepubs()) {
                if (ctx.v5 || op.released) {
                    op.dups++; // [MQTT-4.4.0-1]: no re-send on this connection, only a longer wait
                    op.ackDue += ctx.config.responseTimeMillis();
                    awaiting.add(op);
                    continue;
                }
                ops.resendDup(op);
                resent = true;
                continue;
            }
            lost.accept(c, "no " + op.ackName() + " for packet id " + op.packetId + " within " + ctx.config.responseTimeMillis() + " ms"
                    + (op.isQos1Publish() ? ctx.v5 ? " × " + (op.dups + 1) + " (MQTT 5.0: no re-send on the same connection)"
                            : " after " + op.dups + " DUP re-sends" : ""));
            return;
        }
        if (resent) {
            ops.pump();
        }
        arm(c, now);
    }
}
