/*
 * spec/relay.md §4.3 and §13: the single drainer of the publication queue, publishing in FIFO
 * order and waiting for each (through outages, as the original). Unlike the original it never
 * dies: a publication the broker or client rejects is reported and dropped; anything else thrown
 * is logged and the loop carries on.
 */
package io.mqttas.relay.internal;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttClosedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns the thread {@code mqttas-relay-publisher}. */
public final class Publisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration CLOSED_RETRY = Duration.ofSeconds(1);

    private final PublicationQueue queue;
    private final MqttClient client;
    private final Reports reports;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code onChange} runs after each publication leaves the queue (to mark persisted state dirty). */
    public Publisher(PublicationQueue queue, MqttClient client, Reports reports, Runnable onChange) {
        this.queue = queue;
        this.client = client;
        this.reports = reports;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "mqttas-relay-publisher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                PublicationQueue.Pending p = queue.take(POLL);
                if (p != null && publish(p.publication())) {
                    queue.done(p);
                    onChange.run();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (Throwable t) { // the drainer must never die (spec §13)
                LOG.error("publication drainer: unexpected failure, carrying on", t);
            }
        }
    }

    /** True when {@code p} is finished with (published or dropped), false when stopping with it still pending. */
    private boolean publish(NodeRequest.Publication p) throws InterruptedException {
        while (running) {
            CompletableFuture<Void> f;
            try {
                f = client.publish(p.topic(), p.payload().getBytes(StandardCharsets.UTF_8), p.retain(), p.qos());
            } catch (RuntimeException e) {
                return drop(p, e);
            }
            while (running) {
                try {
                    f.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    return true;
                } catch (TimeoutException e) {
                    // still waiting for the broker (outage or PUBACK); check for stop and wait on
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
                    if (cause instanceof MqttClosedException) {
                        break; // client closed under us: keep the publication and try again later
                    }
                    return drop(p, cause);
                }
            }
            if (running) {
                Thread.sleep(CLOSED_RETRY.toMillis());
            }
        }
        return false;
    }

    private boolean drop(NodeRequest.Publication p, Throwable cause) {
        reports.error("Publication to " + FrameParser.show(p.topic()) + " dropped: " + cause);
        return true;
    }

    /** Stops the drainer; the publication in flight stays pending (and is persisted). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within 2 s", thread.getName());
        }
    }
}
