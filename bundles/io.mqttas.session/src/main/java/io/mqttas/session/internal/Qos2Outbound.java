/* MQTT 3.1.1 and 5.0 §4.3.3 and issue 13 item 5: the outbound QoS 2 exchange after the PUBLISH — PUBREC, PUBREL, PUBCOMP. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.PacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The second half of an outbound QoS 2 publication, for {@link Operations}: its PUBLISH is sent,
 * re-sent and windowed like QoS 1; here PUBREC turns it into a PUBREL exchange (the PUBLISH is never
 * sent again, {@link Operation#released}) that PUBCOMP ends. Under the session lock.
 */
final class Qos2Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(Qos2Outbound.class);

    private final Operations ops;

    Qos2Outbound(Operations ops) {
        this.ops = ops;
    }

    /**
     * QoS 2, outbound (MQTT §4.3.3): PUBREC for {@code id}. The broker has the message: from now on
     * PUBREL goes out (now, and on a resumed session after an outage) until PUBCOMP, and the PUBLISH
     * is never sent again. A PUBREC of 0x80 or more ends the exchange with {@link MqttRejectedException}.
     * A PUBREC for an id we do not know is answered with PUBREL (5.0: 0x92) so the broker's side ends.
     */
    void pubrec(Connection c, int id, int code, MqttProperties props) {
        ClientContext ctx = ops.ctx;
        Operation op = ops.ids.get(id);
        if (op == null || op.kind != Operation.Kind.PUBLISH || op.qos != 2 || op.done()) {
            LOG.debug("{}: PUBREC for unknown packet id {}: answering PUBREL", ctx.name, id);
            c.writer.control(Frames.pubrel(id, ctx.v5 ? 0x92 : 0));
            ops.flush(c);
            return;
        }
        ops.careful = false;
        if (code >= 0x80) {
            if (ops.outbox != null) {
                ops.outbox.acknowledged(op);
            }
            ops.finish(op, null, ops.rejected(op, "PUBREC", code, props, PacketType.PUBREC));
            ops.pump();
            return;
        }
        if (!op.released) {
            op.released = true;
            if (ops.outbox != null) {
                ops.outbox.received(op);
            }
        }
        c.writer.control(Frames.pubrel(id, 0));
        ops.flush(c);
        if (op.sentOn == c && op.state == Operation.State.AWAITING_ACK) {
            ops.deadlines.retrack(c, op, ctx.clock.nowMillis()); // now waiting for PUBCOMP
        }
    }

    /** QoS 2, outbound: PUBCOMP ends the exchange (5.0: 0x92 after a lost session is also the end). */
    void pubcomp(int id, int code, MqttProperties props) {
        ClientContext ctx = ops.ctx;
        Operation op = ops.ids.get(id);
        if (op == null || !op.released || op.done()) {
            LOG.debug("{}: ignoring PUBCOMP for unknown packet id {}", ctx.name, id);
            return;
        }
        long latency = ctx.clock.nowMillis() - op.writtenAt;
        if (ops.outbox != null) {
            ops.outbox.acknowledged(op);
        }
        if (ctx.events.active()) {
            ctx.events.emit(l -> l.publishAcked(op.topic, id, Duration.ofMillis(latency)));
        }
        ops.finish(op, op.ackResult ? Operations.ack(code, props) : null, null);
        ops.pump();
    }

    /** QoS 2 past PUBREC when the session is gone: the broker had the message, the exchange is over. */
    void completeReleased(Operation op) {
        if (ops.outbox != null) {
            ops.outbox.acknowledged(op);
        }
        ops.finish(op, op.ackResult ? io.mqttas.session.Ack.SUCCESS : null, null);
    }
}
