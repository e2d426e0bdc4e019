/*
 * spec/relay.md §4–§8: the relay gateway, assembled from one part per behaviour: FrameHandler
 * (node frames, on the radio's thread), BrokerDispatcher (broker messages, on the client's
 * delivery thread), BrokerLink (link reports, subscriptions), Publisher (drains node publications),
 * Persistence, Reports and ReportLimiter, Counters. The tables (NodeTable) are guarded by their own
 * monitor, held only for in-memory work. This class wires them and is what Relay users see.
 */
package io.mqttas.relay.internal;

import io.mqttas.relay.NodeInfo;
import io.mqttas.relay.RadioState;
import io.mqttas.relay.Relay;
import io.mqttas.relay.RelayStats;
import io.mqttas.session.MqttClient;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The relay gateway core: plain Java, constructed directly by tests and by the DS component. */
public final class Gateway implements Relay, RadioTransport.FrameSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** Error reports caused by node frames allowed per second; the rest are only counted (flood protection). */
    private static final int NODE_REPORTS_PER_SECOND = 10;

    private final RelayConfig config;
    private final MqttClient client;
    private final RadioTransport radio;
    private final Reports reports;
    private final Counters counters = new Counters();
    private final NodeTable table;
    private final PublicationQueue pubq;
    private final Publisher publisher;
    private final Persistence persistence;
    private final ScheduledThreadPoolExecutor worker;
    private final BrokerLink broker;
    private final BrokerDispatcher dispatcher;
    private final FrameHandler frames;
    private volatile boolean closed;

    public Gateway(RelayConfig config, MqttClient client, RadioTransport radio, Clock clock) {
        this.config = config;
        this.client = client;
        this.radio = radio;
        this.reports = new Reports(client, config.status(), config.errors(), clock, config.ntpOffset(),
                config.maxReports(), config.debug());
        this.table = new NodeTable(config.maxNodes(), config.maxTopics(), config.qlen() - 1, config.pubAll());
        this.pubq = new PublicationQueue(config.pubqLen() - 1, config.pubqNak(), config.pubqNodeMax());
        this.persistence = new Persistence(config.persistDir(), table, pubq);
        this.publisher = new Publisher(pubq, client, reports, persistence::markDirty);
        this.worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mqttas-relay-worker");
            t.setDaemon(true);
            return t;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker.setRemoveOnCancelPolicy(true);
        ReportLimiter limiter = new ReportLimiter(clock, NODE_REPORTS_PER_SECOND);
        NodeSender sender = new NodeSender(radio, reports, counters, config.maxFrame());
        this.broker = new BrokerLink(client, reports, table, config.statreq(), this::gatewayName);
        this.dispatcher = new BrokerDispatcher(config, table, reports, counters, sender, radio, persistence, worker,
                clock, this::statusText);
        this.frames = new FrameHandler(config, table, pubq, reports, limiter, counters, sender, radio, broker,
                persistence, clock);
    }

    /** {@code start(null)}. */
    public void start() throws IOException {
        start(null);
    }

    /**
     * Restores state (from {@code persist_dir} if set, else from {@code carried}, the state of the
     * gateway this one replaces), starts the drainer, the radio and the client hooks.
     */
    public void start(StateStore.Snapshot carried) throws IOException {
        StateStore.Snapshot s = persistence.load(carried);
        List<NodeId> restored = new ArrayList<>();
        if (s != null) {
            synchronized (table) {
                table.restore(s);
                table.nodes().forEach(n -> restored.add(n.id));
            }
            pubq.restore(s.pubq());
            LOG.info("relay state restored: {} nodes, {} topics, {} publications pending", s.nodes().size(),
                    s.topics().size(), s.pubq().size());
        }
        persistence.schedule(worker, config.persistIntervalMs());
        publisher.start();
        radio.start(this);
        restored.forEach(frames::addPeer);
        broker.start(dispatcher::onMessage);
        LOG.info("relay gateway {} started (lpmode={}, qlen={}, max_nodes={}, radio {})", gatewayName(),
                config.lpmode(), config.qlen(), config.maxNodes(), radio.state().port());
    }

    @Override
    public void onFrame(NodeId from, byte[] frame) {
        try {
            frames.handle(from, frame);
        } catch (RuntimeException e) { // a frame must never cost the receive thread
            LOG.error("frame from node {} not handled", from, e);
        }
    }

    @Override
    public void radioStatus(String text) {
        if (!closed) {
            reports.status(text);
        }
    }

    @Override
    public void radioError(String text) {
        if (!closed) {
            reports.error(text);
        }
    }

    /** Called on the client's delivery thread (also registered as the client's message listener). */
    public void onMessage(String topic, byte[] payload, boolean retained) {
        dispatcher.onMessage(topic, payload, retained);
    }

    private String gatewayName() {
        NodeId id = radio.gatewayId();
        return id == null ? "(radio not ready)" : id.toString();
    }

    /** The answer to a status request (the original only says "not yet implemented"). */
    String statusText() {
        RelayStats s = stats();
        RadioState r = s.radio();
        return "Status: gateway " + gatewayName() + ", broker " + (s.connected() ? "up" : "down") + ", "
                + s.nodes() + " nodes, " + s.subscriptions() + " topics, " + s.messagesQueued()
                + " messages queued for nodes, " + s.publicationsPending() + " publications pending, frames "
                + s.received() + " received / " + s.malformed() + " malformed / " + s.ignored() + " ignored / "
                + s.rateLimited() + " over rate, " + s.overflows() + " node queue overflows, " + s.rejected()
                + " publications rejected, " + s.oversized() + " oversized frames dropped, " + s.topicsRefused()
                + " subscriptions refused; radio " + RadioStates.describe(r);
    }

    @Override
    public String gatewayId() {
        NodeId id = radio.gatewayId();
        return id == null ? "" : id.toString();
    }

    @Override
    public List<NodeInfo> nodes() {
        synchronized (table) {
            List<NodeInfo> out = new ArrayList<>(table.size());
            for (NodeTable.Node n : table.nodes()) {
                out.add(new NodeInfo(n.id.toString(), n.queue.size(), List.copyOf(n.topics), n.lastSeen));
            }
            return out;
        }
    }

    @Override
    public Optional<List<String>> queue(String nodeId) {
        NodeId id;
        try {
            id = NodeId.parse(nodeId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        synchronized (table) {
            NodeTable.Node n = table.get(id);
            return n == null ? Optional.empty() : Optional.of(n.queue.snapshot());
        }
    }

    @Override
    public RelayStats stats() {
        int nodes;
        int subs;
        int queued;
        synchronized (table) {
            nodes = table.size();
            subs = table.subscriptions().size();
            queued = table.queuedMessages();
        }
        Counters c = counters;
        return new RelayStats(nodes, subs, pubq.depth(), queued, client.isConnected(), c.received.get(),
                c.malformed.get(), c.ignored.get(), c.overflows.get(), c.rejected.get(), c.oversized.get(),
                c.rateLimited.get(), c.topicsRefused.get(), c.pushes.get(), radio.state());
    }

    /** Closes this gateway and returns its final state (for a gateway that replaces it). */
    public StateStore.Snapshot closeAndSnapshot() {
        close();
        return persistence.snapshot();
    }

    /** Stops the radio, the drainer and the worker, and saves the state. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        radio.close();
        broker.close();
        dispatcher.close();
        publisher.close();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(2, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        persistence.saveNow();
        LOG.info("relay gateway {} stopped", gatewayName());
    }
}
