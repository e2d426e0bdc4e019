/* DESIGN.md §7, robustness.md P7, issue 9 item 8 and issue 13 item 5 (the session's side): QoS 1 and 2 publications journaled until acknowledged. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The session's use of the {@link Outbox}. A QoS 1 publication is journaled when submitted and
 * <b>sent at once</b>, in parallel with its group commit: waiting for {@code durable} would add no
 * guarantee (a crash before the commit loses the record either way — one commit window) and would
 * cap a window of 10 at about 10 records per fsync. Its PUBACK removes it (a PUBACK that beats the
 * commit cancels the ADD: no I/O at all); one given up (timeout, {@code max_attempts}) is removed
 * too, so it is not replayed after a restart; one failed by {@code close()}/{@code disconnect()}
 * stays, which is the point of the outbox. A journal write that fails (disk full) is logged and the
 * publication still goes out, held in memory only. At start, what an earlier client left is replayed
 * and sent as new publications whose futures belong to nobody — except a QoS 2 entry with a
 * RELEASING record (its PUBREC had arrived), which resumes with PUBREL on its old packet id
 * ({@link Operations#recoveredReleasing}).
 *
 * <p>The outbox completes its futures on the client's ordered executor (never on the committer's,
 * the loop's or a caller's thread); nothing here waits for them. Called under the session lock.
 */
final class OutboxLink {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxLink.class);

    private final ClientContext ctx;
    private final Outbox outbox;
    private final RateLimitedLog writeFailures = new RateLimitedLog(LOG, 10_000);

    private OutboxLink(ClientContext ctx, Outbox outbox) {
        this.ctx = ctx;
        this.outbox = outbox;
    }

    /** Opens the configured outbox, or returns null when {@code outbox} is empty. */
    static OutboxLink open(ClientContext ctx) {
        MqttConfig c = ctx.config;
        if (c.outbox().isEmpty()) {
            return null;
        }
        try {
            return new OutboxLink(ctx, Outbox.open(Path.of(c.outbox()), c.clientId(), c.outboxMaxBytes(), c.outboxOverflow(), ctx.executor));
        } catch (IOException e) {
            throw new MqttException("cannot open the outbox in " + c.outbox() + ": " + e.getMessage(), e);
        }
    }

    /** Streams what an earlier client left, oldest first, as (topic, payload, retain, id). */
    void replay(Consumer<Outbox.Entry> sink) {
        try {
            outbox.replay(sink);
        } catch (IOException e) {
            throw new MqttException("cannot read the outbox " + outbox.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Journals {@code op} (its payload is copied: the caller may reuse its array as soon as publish
     * returns, while the record waits for the committer). Throws MqttException for a full outbox with
     * {@code outbox_overflow=reject} or a closed one.
     */
    void journal(Operation op, byte[] payload, boolean retain) {
        Outbox.Append a = outbox.append(op.topic, payload.clone(), retain, op.qos);
        op.outboxId = a.id();
        a.durable().whenComplete((v, e) -> {
            if (e != null) {
                writeFailures.warn("{}: could not journal {} ({}); it is sent, held in memory only", ctx.name, op, e.toString());
            }
        });
    }

    void acknowledged(Operation op) {
        remove(op);
    }

    /**
     * QoS 2: the broker's PUBREC arrived: a RELEASING record (entry, packet id), so that after a restart
     * the next client sends PUBREL with this packet id (session present) or ends the entry as delivered
     * (session lost) instead of publishing it again. Until the record is on disk (one commit window)
     * a restart still publishes it again: at least once.
     */
    void received(Operation op) {
        if (op.outboxId < 0 || op.packetId == 0) {
            return;
        }
        outbox.releasing(op.outboxId, op.packetId).whenComplete((v, e) -> {
            if (e != null && !(e instanceof MqttClosedException)) {
                writeFailures.warn("{}: could not journal the PUBREC of {} ({}); after a restart it would be published again",
                        ctx.name, op, e.toString());
            }
        });
    }

    void abandoned(Operation op) {
        remove(op);
    }

    private void remove(Operation op) {
        if (op.outboxId < 0) {
            return;
        }
        long id = op.outboxId;
        op.outboxId = -1;
        discard(id);
    }

    /** Ends journal entry {@code id} (acknowledged, given up, or unsendable when replayed). */
    void discard(long id) {
        outbox.remove(id).whenComplete((v, e) -> {
            if (e != null && !(e instanceof MqttClosedException)) {
                writeFailures.warn("{}: could not record the end of outbox entry {} ({}); it may be sent again after a restart",
                        ctx.name, id, e.toString());
            }
        });
    }

    /** Flushes what waits for the committer (bounded by {@link Outbox#CLOSE_MILLIS}) and releases the journal. */
    void close() {
        outbox.close();
    }
}
