/* spec/mqtt_as.md §11, B4, B6, B13 and robustness.md P3: operations that wait through outages, the in-flight window, acknowledgements. */
package io.mqttas.session.internal;

import io.mqttas.codec.SubAck;
import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttException;
import io.mqttas.session.MqttRejectedException;
import io.mqttas.session.MqttTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Every publish, subscribe and unsubscribe from submission to completion. Waiting operations are
 * kept in submission order; on a connection they are sent at once, QoS 1 publications only while
 * fewer than {@code max_inflight} await their PUBACK (callers beyond wait, never fail). An
 * acknowledgement completes its operation; one for an unknown id is ignored (B6); SUBACK 0x80 fails
 * the subscribe with {@link MqttRejectedException} (B4). When a connection is lost its unacknowledged
 * operations go back to waiting and are sent again with new ids (§11.1, B13). QoS 1 publications are
 * journaled in the outbox when one is configured. All methods are called under the session lock.
 */
final class Operations {
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    /** What the session provides. */
    interface Session {
        /** The current connection if it is up, else null. */
        Connection connected();

        void lost(Connection conn, String reason);

        boolean closed();

        /** Whether the caller is the reader thread (whose completions are batched). */
        boolean onReaderThread();
    }

    private final Object lock;
    private final MqttConfig config;
    private final String name;
    private final Scheduler scheduler;
    private final Outbox outbox;
    private final Session session;
    private final PendingAcks pending = new PendingAcks();
    private final TreeMap<Long, Operation> waitingPublishes = new TreeMap<>();
    private final TreeMap<Long, Operation> waitingOthers = new TreeMap<>();
    private final List<Runnable> completionBatch = new ArrayList<>();
    private final Republisher republisher;
    private FrameWriter writer;
    private long seq;

    Operations(Object lock, MqttConfig config, String name, Scheduler scheduler, Outbox outbox, Session session) {
        this.lock = lock;
        this.config = config;
        this.name = name;
        this.scheduler = scheduler;
        this.outbox = outbox;
        this.session = session;
        this.republisher = new Republisher(scheduler, config.responseTimeMillis(), config.maxRepubs(), new Republisher.Link() {
            @Override
            public void resend(Connection conn, Operation op) {
                LOG.debug("{}: re-sending {} with DUP", name, op);
                writer.send(conn, op.packet(true), null, null);
            }

            @Override
            public void lost(Connection conn, String reason) {
                session.lost(conn, reason);
            }

            @Override
            public boolean stillPending(Connection conn, Operation op, int packetId) {
                return !conn.lost && conn == session.connected() && pending.get(packetId) == op;
            }

            @Override
            public Object lock() {
                return lock;
            }
        });
        if (outbox != null) {
            try {
                outbox.replay(e -> {
                    Operation op = new Operation(Operation.Kind.PUBLISH, e.topic(), e.payload(), e.retain(), 1, seq++);
                    op.outboxId = e.id();
                    waitingPublishes.put(op.seq, op);
                });
            } catch (java.io.IOException e) {
                throw new MqttException("cannot replay the outbox " + outbox.file() + ": " + e.getMessage(), e);
            }
        }
    }

    void start(FrameWriter w) {
        this.writer = w;
    }

    long nextSeq() {
        return seq++;
    }

    /** A new connection generation begins (its pending set is empty). */
    void startGeneration(long generation) {
        pending.startGeneration(generation);
    }

    int publishesInFlight() {
        return pending.publishesInFlight();
    }

    int waitingCount() {
        return waitingPublishes.size() + waitingOthers.size();
    }

    long repubCount() {
        return republisher.repubCount();
    }

    /** Queues a new operation (and sends it if connected); the future completes as the API describes. */
    CompletableFuture<Object> submit(Operation op, Duration timeout) {
        if (session.closed()) {
            return CompletableFuture.failedFuture(new MqttClosedException("client is closed"));
        }
        if (config.maxQueued() > 0 && waitingCount() >= config.maxQueued()) {
            return CompletableFuture.failedFuture(new MqttException("publish queue full: " + config.maxQueued()
                    + " operations already wait for a connection or the in-flight window (max_queued)"));
        }
        if (op.isQos1Publish() && outbox != null) {
            try {
                // Sent at once, journaled in parallel (group commit): waiting for the fsync would add no
                // guarantee (a crash before it loses the record either way) and cap throughput at the disk.
                op.outboxId = outbox.append(op.topic, op.payload, op.retain).id();
            } catch (MqttException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        if (timeout != null) {
            op.deadline = scheduler.schedule(Math.max(0, timeout.toMillis()), () -> expire(op, timeout));
        }
        requeue(op);
        pump();
        return op.future;
    }

    private void expire(Operation op, Duration timeout) {
        synchronized (lock) {
            if (op.done) {
                return;
            }
            waitingPublishes.remove(op.seq);
            waitingOthers.remove(op.seq);
            pending.remove(op);
            forget(op);
            finish(op, null, new MqttTimeoutException(op + " not completed within " + timeout.toMillis() + " ms"));
            pump();
        }
    }

    private void forget(Operation op) {
        if (op.outboxId >= 0 && outbox != null) {
            outbox.remove(op.outboxId); // never throws; a lost DONE means a duplicate after a restart, never a lost completion
        }
    }

    private void requeue(Operation op) {
        op.packetId = 0;
        op.dups = 0;
        if (op.isQos1Publish()) {
            waitingPublishes.put(op.seq, op);
        } else {
            waitingOthers.put(op.seq, op);
        }
    }

    /** Sends what waits, within the in-flight window. */
    void pump() {
        Connection c = session.connected();
        if (c == null) {
            return;
        }
        while (!waitingOthers.isEmpty()) {
            send(c, waitingOthers.pollFirstEntry().getValue());
        }
        while (!waitingPublishes.isEmpty() && pending.publishesInFlight() < config.maxInflight()) {
            send(c, waitingPublishes.pollFirstEntry().getValue());
        }
    }

    private void send(Connection c, Operation op) {
        op.attempts++;
        if (op.needsAck()) {
            pending.add(op);
            republisher.arm(c, op);
            writer.send(c, op.packet(false), null, null);
        } else {
            writer.send(c, op.packet(false), () -> {
                synchronized (lock) {
                    finish(op, null, null);
                }
            }, () -> {
                synchronized (lock) {
                    // Not written before the link failed: publish again after reconnection (§4.2).
                    if (!op.done && !session.closed()) {
                        requeue(op);
                        pump();
                    }
                }
            });
        }
    }

    /** PUBACK, SUBACK ({@code subAck} non-null) or UNSUBACK for {@code id} on the current connection. */
    void acknowledged(int id, SubAck subAck) {
        Operation op = pending.get(id);
        boolean kindMatches = op != null && (subAck != null ? op.kind == Operation.Kind.SUBSCRIBE
                : op.kind != Operation.Kind.SUBSCRIBE);
        if (!kindMatches) {
            // B6: e.g. the second PUBACK after a DUP re-send. Harmless; never a reconnect.
            LOG.debug("{}: ignoring acknowledgement for unknown packet id {}", name, id);
            return;
        }
        pending.remove(id);
        op.cancelTimers();
        forget(op);
        if (subAck != null && subAck.returnCodes().get(0) == SubAck.FAILURE) {
            LOG.warn("{}: broker rejected the subscription to {} (SUBACK 0x80)", name, op.topic);
            finish(op, null, new MqttRejectedException(SubAck.FAILURE, "broker rejected the subscription to " + op.topic + " (SUBACK 0x80)"));
        } else {
            finish(op, subAck != null ? subAck.returnCodes().get(0) : null, null);
        }
        pump();
    }

    /** The connection is gone: its unacknowledged operations wait again, to be re-sent with new ids. */
    void connectionLost() {
        for (Operation op : pending.drain()) {
            if (!op.done) {
                requeue(op);
            }
        }
    }

    /** Fails every waiting and pending operation with {@link MqttClosedException} (disconnect, close). */
    void failAll(String why) {
        List<Operation> all = new ArrayList<>(waitingOthers.values());
        all.addAll(waitingPublishes.values());
        all.addAll(pending.drain());
        waitingOthers.clear();
        waitingPublishes.clear();
        for (Operation op : all) {
            finish(op, null, new MqttClosedException(why));
        }
    }

    /** Completes {@code op} once, off the client's threads. */
    private void finish(Operation op, Object value, Throwable error) {
        if (op.done) {
            return;
        }
        op.done = true;
        op.cancelTimers();
        if (op.deadline != null) {
            op.deadline.cancel();
        }
        Runnable completion = () -> {
            if (error != null) {
                op.future.completeExceptionally(error);
            } else {
                op.future.complete(value);
            }
        };
        if (session.onReaderThread()) {
            // The reader batches the completions of one read (e.g. many PUBACKs) into one hand-off.
            completionBatch.add(completion);
        } else {
            scheduler.complete(completion);
        }
    }

    /** Hands the reader's batched completions to the completion threads (before it blocks in a read). */
    void flushCompletions() {
        List<Runnable> batch;
        synchronized (lock) {
            if (completionBatch.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(completionBatch);
            completionBatch.clear();
        }
        scheduler.complete(() -> batch.forEach(Runnable::run));
    }
}
