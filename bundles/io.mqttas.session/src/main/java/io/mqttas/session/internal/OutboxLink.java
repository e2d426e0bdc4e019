/* DESIGN.md §7, robustness.md P7 and issue 9 item 8 (the session's side): QoS 1 publications journaled until acknowledged. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The session's use of the {@link Outbox}: a QoS 1 publication is journaled when submitted and is
 * sent only once its record is durable (the outbox's group commit completes {@code durable} off the
 * caller's and the loop's threads; the event comes back through the loop); its PUBACK removes it; a
 * publication given up (timeout, {@code max_attempts}) is removed too, so it is not replayed after a
 * restart; one failed by {@code close()}/{@code disconnect()} stays, which is the point of the
 * outbox. A journal write that fails (disk full) is logged and the publication still goes out, held
 * in memory only. At start, what an earlier client left is replayed and sent as new publications
 * whose futures belong to nobody. Under the session lock.
 */
final class OutboxLink {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxLink.class);

    private final ClientContext ctx;
    private final Outbox outbox;
    private final RateLimitedLog writeFailures;
    private Runnable pump = () -> { };

    private OutboxLink(ClientContext ctx, Outbox outbox) {
        this.ctx = ctx;
        this.outbox = outbox;
        this.writeFailures = new RateLimitedLog(LOG, 10_000);
    }

    /** Opens the configured outbox, or returns null when {@code outbox} is empty. */
    static OutboxLink open(ClientContext ctx) {
        MqttConfig c = ctx.config;
        if (c.outbox().isEmpty()) {
            return null;
        }
        try {
            return new OutboxLink(ctx, Outbox.open(Path.of(c.outbox()), c.clientId(), c.outboxMaxBytes(), c.outboxOverflow()));
        } catch (IOException e) {
            throw new MqttException("cannot open the outbox in " + c.outbox() + ": " + e.getMessage(), e);
        }
    }

    /** What to run when a record became durable (sends what waited for it). */
    void onDurable(Runnable pumpAction) {
        this.pump = pumpAction;
    }

    /** Streams what an earlier client left, oldest first, as (topic, payload, retain, id). */
    void replay(Consumer<Outbox.Entry> sink) {
        try {
            outbox.replay(sink);
        } catch (IOException e) {
            throw new MqttException("cannot read the outbox " + ctx.config.outbox() + ": " + e.getMessage(), e);
        }
    }

    /** Journals {@code op}; it waits until the record is durable. Throws MqttException for a full outbox with reject. */
    void journal(Operation op, byte[] payload, boolean retain) {
        Outbox.Append a = outbox.append(op.topic, payload, retain);
        op.outboxId = a.id();
        op.durable = false;
        a.durable().whenComplete((v, e) -> ctx.onLoop(() -> {
            if (e != null) {
                writeFailures.warn("{}: could not journal {} ({}); it is sent, held in memory only", ctx.name, op, e.toString());
            }
            op.durable = true;
            pump.run();
        }));
    }

    void acknowledged(Operation op) {
        remove(op);
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
        outbox.remove(id).whenComplete((v, e) -> {
            if (e != null) {
                writeFailures.warn("{}: could not record the end of outbox entry {} ({}); it may be sent again after a restart",
                        ctx.name, id, e.toString());
            }
        });
    }

    void close() {
        outbox.close();
    }
}
