/* spec/mqtt_as.md §11.1, B13, MQTT 3.1.1 §4.4 and issue 9 items 6, 11, 13: what happens to operations when a connection ends and the next begins. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.Subscribe;
import io.mqttas.session.MqttRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outage side of {@link Operations}: on a connection's loss the operations sent on it are kept
 * to go out again (poison singled out and given up, item 6); on the next connection they are re-sent
 * with their ids and DUP=1 when the session is present, or as new packets when it was lost (item 11),
 * and the client's subscriptions are renewed first when there is no session (item 13). Under the
 * session lock.
 */
final class OutageRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(OutageRecovery.class);

    private final Operations ops;

    OutageRecovery(Operations ops) {
        this.ops = ops;
    }

    /** A new connection is up; {@code sessionPresent} decides how unacknowledged operations go out again. */
    void connected(boolean sessionPresent) {
        List<Operation> held = new ArrayList<>(ops.resend);
        ops.resend.clear();
        held.sort(Comparator.comparingLong(o -> o.seq));
        if (sessionPresent) {
            ops.resend.addAll(held); // same ids, DUP=1 (§4.4)
        } else {
            for (int i = held.size() - 1; i >= 0; i--) {
                Operation op = held.get(i);
                if (op.released) {
                    LOG.info("{}: {} had its PUBREC before the broker's session was lost: the broker had the message, "
                            + "it is done (no PUBREL to send)", ops.ctx.name, op);
                    ops.qos2.completeReleased(op); // QoS 2 past PUBREC: the broker had it before its session went
                    continue;
                }
                ops.releaseId(op);
                op.sentWithId = false;
                (op.isQos1Publish() ? ops.waitingQos1 : ops.waitingOther).addFirst(op);
            }
        }
        ops.subscriptions.newConnection();
        if (!sessionPresent && ops.ctx.config.resubscribe()) {
            resubscribe();
        }
    }

    /** Subscribes again, first of all, to what the broker had granted (item 13). */
    private void resubscribe() {
        List<String> filters = new ArrayList<>(ops.subscriptions.granted().keySet());
        for (int i = filters.size() - 1; i >= 0; i--) {
            String filter = filters.get(i);
            int qos = ops.subscriptions.granted().get(filter);
            byte[] frame = ops.subscriptions.frame(filter);
            Operation op = new Operation(Operation.Kind.SUBSCRIBE, filter, qos,
                    frame != null ? frame : Frames.subscribe(new Subscribe.Subscription(filter, qos), MqttProperties.EMPTY,
                    ops.ctx.config.maxPacketSize(), ops.ctx.version), ops.ctx.clock.nowMillis());
            op.seq = Long.MIN_VALUE / 2 + i; // ahead of everything the callers queued
            op.internal = true;
            ops.hold(op);
            ops.subscriptions.resubscribing(op);
            ops.waitingOther.addFirst(op);
        }
        if (!filters.isEmpty()) {
            LOG.info("{}: no session on the broker: subscribing again to {}", ops.ctx.name, filters);
        }
    }

    /**
     * The connection is gone: what was sent on it waits to go out again. Poison (item 6): an
     * operation counts an attempt when the connection is lost while it was the only one sent and
     * unacknowledged; after a loss with several, the next connection sends them one at a time until
     * one is acknowledged, so the one the broker refuses is singled out and the others are not blamed.
     */
    void connectionLost(Connection c) {
        Operation halfWritten = c.writer.halfWritten();
        c.writer.drain();
        ops.deadlines.clear();
        List<Operation> onIt = new ArrayList<>();
        List<Operation> unacked = new ArrayList<>();
        for (Operation op : ops.live.toList()) {
            if (op.sentOn == c && !op.done()) {
                onIt.add(op);
                if (op.needsAck() && (op.state == Operation.State.AWAITING_ACK || op == halfWritten)) {
                    unacked.add(op);
                }
            }
        }
        ops.unacknowledged = 0;
        if (unacked.size() > 1) {
            ops.careful = true;
        }
        List<Operation> requeued = new ArrayList<>();
        for (Operation op : onIt) {
            op.state = Operation.State.QUEUED;
            op.sentOn = null;
            op.dups = 0;
            int max = ops.ctx.config.maxAttempts();
            if (unacked.size() == 1 && unacked.get(0) == op && ++op.attempts >= max && max > 0) {
                giveUp(op);
            } else if (op.packetId != 0) {
                ops.resend.add(op);
            } else {
                requeued.add(op);
            }
        }
        if (!requeued.isEmpty()) {
            requeued.addAll(ops.waitingOther);
            requeued.sort(Comparator.comparingLong(o -> o.seq));
            ops.waitingOther.clear();
            ops.waitingOther.addAll(requeued);
        }
    }

    private void giveUp(Operation op) {
        int n = op.attempts;
        ops.ctx.metrics.givenUp.incrementAndGet();
        LOG.warn("{}: giving up {}: the connection was lost {} times while it was unacknowledged (max_attempts {}); "
                + "the broker may be refusing it (a packet size limit, an ACL)", ops.ctx.name, op, n, ops.ctx.config.maxAttempts());
        if (ops.outbox != null) {
            ops.outbox.abandoned(op);
        }
        if (op.internal) {
            ops.subscriptions.resubscriptionEnded(op);
        }
        ops.finish(op, null, new MqttRejectedException(0x80, op + " given up after " + n + " lost connections while unacknowledged"
                + " (max_attempts " + ops.ctx.config.maxAttempts() + "): the broker may be refusing it"));
    }

}
