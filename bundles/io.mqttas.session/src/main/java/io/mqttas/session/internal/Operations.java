/* spec/mqtt_as.md §11, B4, B6, B13, robustness.md P3 and issue 9 items 2, 6, 9, 11: operations from submission to completion. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.PacketType;
import io.mqttas.codec.ReasonCode;
import io.mqttas.session.Ack;
import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttException;
import io.mqttas.session.MqttRejectedException;
import io.mqttas.session.MqttTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every publish, subscribe and unsubscribe from submission to completion:
 * <ul>
 * <li><b>bounded</b>: at most {@code max_queued} operations and {@code max_queued_bytes} held (waiting
 * or in flight); beyond, a new one fails at once with {@link MqttException} naming the key;</li>
 * <li><b>the window</b>: QoS 1 publications go out while fewer than {@code max_inflight} await
 * PUBACK; more wait (FIFO), never fail; QoS 0 and (un)subscribes do not count;</li>
 * <li><b>acknowledgements</b> complete their operation; one for an unknown id is ignored (B6); SUBACK
 * 0x80 fails the subscribe with {@link MqttRejectedException} (B4). Deadlines and DUP re-sends:
 * {@link AckDeadlines};</li>
 * <li><b>outages</b>: unacknowledged operations are kept with their ids; on a resumed session (CONNACK
 * session present) they are re-sent first with the same ids and DUP=1 (MQTT 3.1.1 §4.4); when the
 * session was lost they go out again as new packets with new ids (§11.1, B13);</li>
 * <li><b>poison</b>: an operation unacknowledged on {@code max_attempts} lost connections is failed with
 * {@link MqttRejectedException} and the rest carry on (item 6).</li>
 * </ul>
 * Every future completes: acknowledged, rejected, timed out, given up, or {@link MqttClosedException}
 * from {@link #failAll}. All methods run under the session lock.
 */
final class Operations {
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    final ClientContext ctx;
    final Completions done;
    final Subscriptions subscriptions;
    final OutboxLink outbox;
    private final BiConsumer<Connection, String> lost;
    final PacketIds ids = new PacketIds();
    final AckDeadlines deadlines;
    private final OutageRecovery recovery;
    final ArrayDeque<Operation> waitingQos1 = new ArrayDeque<>();
    final ArrayDeque<Operation> waitingOther = new ArrayDeque<>();
    /** Operations holding a packet id, to go out (again) first: DUP re-sends and those of a lost connection. */
    final ArrayDeque<Operation> resend = new ArrayDeque<>();
    /** Every operation held, in submission order (an intrusive list: nothing allocated per operation). */
    final LiveList live = new LiveList();
    private long heldBytes;
    private int inFlight;
    /** Operations sent and not acknowledged on the current connection (max_attempts attribution). */
    int unacknowledged;
    /** After a loss with several unacknowledged: one at a time until one is acknowledged (finds the poison). */
    boolean careful;
    private Connection conn;
    private long seq;
    private LivenessTimer pokes;
    private String refusal; // non-null: new operations fail with MqttClosedException(refusal)

    Operations(ClientContext ctx, Completions done, Subscriptions subscriptions, OutboxLink outbox, BiConsumer<Connection, String> lost) {
        this.ctx = ctx;
        this.done = done;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.lost = lost;
        this.deadlines = new AckDeadlines(ctx, this, lost);
        this.recovery = new OutageRecovery(this);
    }


    /** Queues a new operation (sending it at once when it can); the future completes as the API describes. */
    ClientFuture<Object> submit(Operation op, Duration timeout, byte[] payload, boolean retain) {
        if (refusal != null) {
            return ClientFuture.failed(new MqttClosedException(refusal));
        }
        if (live.size() >= ctx.config.maxQueued() || heldBytes + op.bytes() > ctx.config.maxQueuedBytes()) {
            return ClientFuture.failed(new MqttException("the client already holds " + live.size() + " operations (" + heldBytes
                    + " bytes) waiting for a connection or an acknowledgement: max_queued " + ctx.config.maxQueued()
                    + ", max_queued_bytes " + ctx.config.maxQueuedBytes()));
        }
        if (outbox != null && op.isQos1Publish()) {
            try {
                outbox.journal(op, payload, retain);
            } catch (MqttException e) {
                return ClientFuture.failed(e);
            }
        }
        op.seq = seq++;
        hold(op);
        if (timeout != null) {
            op.deadline = ctx.later(Math.max(0, timeout.toMillis()), () -> expire(op, timeout));
        }
        (op.isQos1Publish() ? waitingQos1 : waitingOther).add(op);
        pump();
        return op.future;
    }

    /** A publication recovered from the outbox: held and sent like a caller's, its future nobody's. */
    void recovered(Operation op) {
        op.seq = seq++;
        hold(op);
        waitingQos1.add(op);
    }

    /**
     * A QoS 2 publication recovered from the outbox past its PUBREC ({@code packetId}): it holds that
     * id (no new publication takes it) and a window slot, and waits with the re-sends, so the first
     * connection sends PUBREL when the session is present ({@link OutageRecovery#connected}) or ends it
     * as delivered when it is not. False if the id is already held (a damaged journal).
     */
    boolean recoveredReleasing(Operation op, int packetId) {
        if (!ids.claim(op, packetId)) {
            return false;
        }
        op.released = true;
        op.sentWithId = true;
        op.holdsSlot = true;
        inFlight++;
        op.seq = seq++;
        hold(op);
        resend.add(op);
        return true;
    }

    void hold(Operation op) {
        live.add(op);
        heldBytes += op.bytes();
    }

    void livenessTimer(LivenessTimer t) {
        this.pokes = t;
    }

    /** Refuses new operations from now on ({@code why}), or accepts them again ({@code null}). */
    void refuse(String why) {
        refusal = why;
    }

    /** Sends what can go: re-sends first, then (un)subscribes and QoS 0, then QoS 1 within the window. */
    void pump() {
        Connection c = conn;
        if (c == null || !c.open()) {
            return;
        }
        if (c.feeding) {
            c.writeOwed = true; // the dispatcher writes once the packets of this read are handled
            return;
        }
        WireWriter w = c.writer;
        while (true) {
            boolean added = false;
            while (w.hasRoom() && next(c)) {
                added = true;
            }
            if (!write(c)) {
                return; // the loop writes (and pumps) shortly
            }
            if (!added || c.lost || w.waitingWritable() || !w.hasRoom()) {
                return;
            }
        }
    }

    /** Publications closer together than this from a caller's thread are written together by the loop. */
    static final long COALESCE_NANOS = 20_000;

    /**
     * Write-through: the frames go to the socket at once, on the calling thread — unless a caller's
     * thread hands frames over faster than one per {@link #COALESCE_NANOS} (a burst), then one loop
     * task writes them together with one system call (one hand-off per burst, none per publication).
     * False if the writing was left to the loop.
     */
    private boolean write(Connection c) {
        if (c.flushPosted) {
            return false;
        }
        long now = System.nanoTime();
        if (!ctx.inLoop() && now - c.lastWriteThrough < COALESCE_NANOS) {
            c.flushPosted = true;
            ctx.onLoop(() -> {
                c.flushPosted = false;
                if (c.open()) {
                    flush(c);
                    pump();
                }
            });
            return false;
        }
        c.lastWriteThrough = now;
        flush(c);
        return true;
    }

    /** Hands the next operation that may go to the writer; false if none may. */
    private boolean next(Connection c) {
        if (careful && unacknowledged > 0) {
            Operation head = resend.isEmpty() ? waitingOther.peek() : resend.peek();
            if (head == null || head.needsAck()) {
                return false; // one unacknowledged at a time until one is acknowledged
            }
        }
        Operation op = resend.peek();
        if (op != null) {
            resend.poll();
            if (c.v5 == null || BrokerLimits.allowed(this, c, op)) {
                send(c, op);
            }
            return true;
        }
        op = waitingOther.peek();
        if (op != null && (!op.needsAck() || op.packetId != 0 || ids.allocate(op) != 0)) {
            waitingOther.poll();
            if (c.v5 == null || BrokerLimits.allowed(this, c, op)) {
                send(c, op);
            }
            return true;
        }
        op = waitingQos1.peek();
        int window = ctx.config.maxInflight();
        if (c.v5 != null && c.v5.receiveMaximum < window) {
            window = c.v5.receiveMaximum; // MQTT 5.0 §3.2.2.3.3: the broker's Receive Maximum bounds the window
        }
        if (op != null && inFlight < window && (op.packetId != 0 || ids.allocate(op) != 0)) {
            waitingQos1.poll();
            op.holdsSlot = true;
            inFlight++;
            if (c.v5 == null || BrokerLimits.allowed(this, c, op)) {
                send(c, op);
            }
            return true;
        }
        return false;
    }

    private void send(Connection c, Operation op) {
        if (op.released) {
            // QoS 2 past PUBREC, on a resumed session: the broker has the message; only PUBREL goes again
            op.state = Operation.State.AWAITING_ACK;
            op.sentOn = c;
            unacknowledged++;
            c.writer.control(Frames.pubrel(op.packetId, 0));
            deadlines.track(c, op, ctx.clock.nowMillis());
            return;
        }
        if (op.needsAck()) {
            Frames.setPacketId(op.frame, op.packetId);
            if (op.kind == Operation.Kind.PUBLISH) {
                Frames.setDup(op.frame, op.sentWithId);
                if (op.sentWithId && ctx.events.active()) {
                    int attempt = op.attempts + 1;
                    boolean dup = op.dups > 0;
                    ctx.events.emit(l -> l.publishRetried(op.topic, op.packetId, dup, attempt));
                }
            }
        }
        op.state = Operation.State.WRITING;
        op.sentOn = c;
        if (op.needsAck()) {
            unacknowledged++;
        }
        c.writer.operation(op);
    }

    /** Writes what the connection's writer holds; a failure (any Throwable) costs the connection only. */
    void flush(Connection c) {
        if (c.feeding) {
            c.writeOwed = true;
            return;
        }
        try {
            c.writer.flush();
            if (c.writer.waitingWritable() && pokes != null) {
                pokes.poke(c); // the socket is full: the write-stall rule must be checked at the fine tick
            }
        } catch (Throwable t) {
            if (!(t instanceof java.io.IOException)) {
                LOG.error("{}: internal error in the write path; dropping {}", ctx.name, c, t);
            }
            lost.accept(c, "write failed: " + t);
        }
    }

    /** The writer handed {@code op}'s last byte to the socket. */
    void written(Connection c, Operation op, long now) {
        if (op.done() || op.sentOn != c) {
            return;
        }
        if (op.kind == Operation.Kind.PUBLISH && ctx.events.active()) {
            boolean dup = op.sentWithId;
            ctx.events.emit(l -> l.publishSent(op.topic, op.qos, op.packetId, dup));
        }
        if (!op.needsAck()) {
            finish(op, op.ackResult ? Ack.SUCCESS : null, null); // QoS 0: complete once written
            return;
        }
        op.sentWithId = true;
        op.state = Operation.State.AWAITING_ACK;
        op.writtenAt = now;
        deadlines.track(c, op, now);
    }

    /**
     * PUBACK ({@code type} 4), SUBACK (9, with its return code) or UNSUBACK (11) for {@code id}, with
     * the MQTT 5.0 reason code (0 in 3.1.1 except SUBACK's) and properties. A reason code of 0x80 or
     * more fails the operation with {@link MqttRejectedException}: the broker answered, so it is not
     * re-sent (and leaves the outbox).
     */
    void acknowledged(int type, int id, int returnCode, MqttProperties props) {
        Operation op = ids.get(id);
        Operation.Kind expected = type == 4 ? Operation.Kind.PUBLISH : type == 9 ? Operation.Kind.SUBSCRIBE : Operation.Kind.UNSUBSCRIBE;
        if (op == null || op.kind != expected || op.done()) {
            // B6: e.g. the second PUBACK after a DUP re-send. Harmless; never a reconnect.
            LOG.debug("{}: ignoring an acknowledgement (type {}) for unknown packet id {}", ctx.name, type, id);
            return;
        }
        long latency = ctx.clock.nowMillis() - op.writtenAt;
        careful = false;
        if (outbox != null) {
            outbox.acknowledged(op);
        }
        switch (op.kind) {
            case PUBLISH -> {
                if (returnCode >= 0x80) {
                    finish(op, null, rejected(op, "PUBACK", returnCode, props, PacketType.PUBACK));
                } else {
                    if (ctx.events.active()) {
                        ctx.events.emit(l -> l.publishAcked(op.topic, id, Duration.ofMillis(latency)));
                    }
                    finish(op, op.ackResult ? ack(returnCode, props) : null, null);
                }
            }
            case SUBSCRIBE -> {
                ctx.events.emit(l -> l.subscribed(op.topic, op.qos, returnCode));
                if (returnCode >= io.mqttas.codec.SubAck.FAILURE) {
                    subscriptions.resubscriptionEnded(op);
                    finish(op, null, rejected(op, "SUBACK", returnCode, props, PacketType.SUBACK));
                } else {
                    subscriptions.subscribed(op);
                    finish(op, op.ackResult ? ack(returnCode, props) : (Object) returnCode, null);
                }
            }
            case UNSUBSCRIBE -> {
                subscriptions.unsubscribed(op.topic);
                if (returnCode >= 0x80) {
                    finish(op, null, rejected(op, "UNSUBACK", returnCode, props, PacketType.UNSUBACK));
                } else {
                    finish(op, op.ackResult ? ack(returnCode, props) : null, null);
                }
            }
        }
        pump();
    }

    /** QoS 2, outbound: see {@link Qos2Outbound}. */
    final Qos2Outbound qos2 = new Qos2Outbound(this);

    static Ack ack(int code, MqttProperties props) {
        return code == 0 && props.isEmpty() ? Ack.SUCCESS : new Ack(code, props);
    }

    /** The broker refused {@code op} with a reason code of 0x80 or more (3.1.1: SUBACK 0x80): logged and surfaced. */
    MqttRejectedException rejected(Operation op, String ackName, int code, MqttProperties props, PacketType type) {
        String what = ctx.v5 ? ReasonCode.describe(code, type) : "Failure";
        String msg = "broker rejected " + (op.kind == Operation.Kind.PUBLISH ? "the publication to " : op.kind == Operation.Kind.SUBSCRIBE
                ? "the subscription to " : "the unsubscription from ") + op.topic + " (" + ackName + " 0x" + Integer.toHexString(code) + " "
                + what + ")" + props.reasonString().map(r -> ": " + r).orElse("");
        LOG.warn("{}: {}", ctx.name, msg);
        return new MqttRejectedException(code, msg, props);
    }

    /** From {@link AckDeadlines}: a QoS 1 PUBLISH goes out again with DUP=1 and the same id, ahead of new ones. */
    void resendDup(Operation op) {
        op.dups++;
        ctx.metrics.dupResends.incrementAndGet();
        op.state = Operation.State.QUEUED;
        op.sentOn = null;
        unacknowledged--; // counted again when it is sent
        resend.addFirst(op);
    }

    /** A new connection is up; {@code sessionPresent} decides how unacknowledged operations go out again. */
    void connected(Connection c, boolean sessionPresent) {
        conn = c;
        recovery.connected(sessionPresent);
        pump();
    }

    /** The connection is gone: see {@link OutageRecovery#connectionLost}. */
    void connectionLost(Connection c) {
        conn = null;
        recovery.connectionLost(c);
    }

    private void expire(Operation op, Duration timeout) {
        if (op.done()) {
            return;
        }
        waitingQos1.remove(op);
        waitingOther.remove(op);
        resend.remove(op);
        if (outbox != null) {
            outbox.abandoned(op);
        }
        finish(op, null, new MqttTimeoutException(op + " not completed within " + timeout.toMillis() + " ms"));
        pump();
    }

    /** Fails every operation held with {@link MqttClosedException} (disconnect, close). */
    void failAll(String why) {
        List<Operation> all = live.toList();
        waitingQos1.clear();
        waitingOther.clear();
        resend.clear();
        deadlines.clear();
        for (Operation op : all) {
            finish(op, null, new MqttClosedException(why));
        }
    }

    void releaseId(Operation op) {
        if (op.holdsSlot) {
            op.holdsSlot = false;
            inFlight--;
        }
        ids.release(op);
    }

    /** Completes {@code op} once, on the executor. */
    void finish(Operation op, Object value, Throwable error) {
        if (op.done()) {
            return;
        }
        if (op.needsAck() && op.sentOn != null && op.sentOn == conn) {
            unacknowledged--;
        }
        op.state = Operation.State.DONE;
        live.remove(op);
        heldBytes -= op.bytes();
        op.deadline.cancel();
        releaseId(op);
        if (error != null) {
            if (op.kind == Operation.Kind.PUBLISH && ctx.events.active()) {
                ctx.events.emit(l -> l.publishFailed(op.topic, error));
            }
        }
        done.complete(op, value, error);
    }

    // ---- gauges ----

    int held() {
        return live.size();
    }

    long heldBytes() {
        return heldBytes;
    }

    int inFlight() {
        return inFlight;
    }

    /** Milliseconds since the oldest held operation was submitted, or 0. */
    long oldestAge(long now) {
        Operation first = live.first();
        return first == null ? 0 : now - first.submittedAt;
    }
}
