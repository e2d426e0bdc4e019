/*
 * spec/relay.md §4–§8: the gateway. Frames from nodes are handled on the transport's receive
 * thread and never wait for the broker (§16; the original blocks on subscribe during outages):
 * publications go to the bounded PublicationQueue drained by the Publisher, subscriptions are
 * sent without waiting, replies go out at once. Broker messages are matched to nodes and queued
 * (lpmode) or pushed by the worker thread. All table state is guarded by one lock held only for
 * in-memory work, never across radio sends or broker calls.
 */
package io.mqttas.relay.internal;

import io.mqttas.relay.NodeInfo;
import io.mqttas.relay.Relay;
import io.mqttas.relay.RelayStats;
import io.mqttas.session.MqttClient;
import io.mqttas.session.Registration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The relay gateway core: plain Java, constructed directly by tests and by the DS component. */
public final class Gateway implements Relay, RadioTransport.FrameSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** Error reports caused by node frames allowed per second; the rest are only counted (flood protection). */
    private static final int MALFORMED_REPORTS_PER_SECOND = 10;
    private static final long TABLE_FULL_REPORT_MILLIS = 60_000;

    private final RelayConfig config;
    private final MqttClient client;
    private final RadioTransport radio;
    private final Clock clock;
    private final Reports reports;
    private final FrameParser parser;
    private final PublicationQueue pubq;
    private final Publisher publisher;
    private final StateStore store;
    private final NodeTable table;
    private final Object lock = new Object();
    private final ScheduledExecutorService worker;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final List<Registration> registrations = new ArrayList<>();
    private volatile boolean closed;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private long reportWindow;
    private int reportsInWindow;
    private long tableFullReported = Long.MIN_VALUE / 2;

    public Gateway(RelayConfig config, MqttClient client, RadioTransport radio, Clock clock) {
        this.config = config;
        this.client = client;
        this.radio = radio;
        this.clock = clock;
        this.reports = new Reports(client, config.status(), config.errors(), clock, config.ntpOffset(),
                config.maxReports(), config.debug());
        this.parser = new FrameParser(config.maxFrame());
        this.pubq = new PublicationQueue(config.pubqLen() - 1, config.pubqNak());
        this.publisher = new Publisher(pubq, client, reports, this::markDirty);
        this.store = config.persistDir().isEmpty() ? null : new StateStore(Path.of(config.persistDir()));
        this.table = new NodeTable(config.maxNodes(), config.qlen() - 1, config.pubAll());
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mqttas-relay-worker");
            t.setDaemon(true);
            return t;
        });
        w.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        w.setRemoveOnCancelPolicy(true);
        this.worker = w;
    }

    /** {@code start(null)}. */
    public void start() throws IOException {
        start(null);
    }

    /**
     * Restores state (from {@code persist_dir} if set, else from {@code carried}, the state of the
     * gateway this one replaces), hooks into the client, starts the drainer and the radio.
     */
    public void start(StateStore.Snapshot carried) throws IOException {
        StateStore.Snapshot s = store != null ? store.load() : carried;
        if (s != null) {
            synchronized (lock) {
                table.restore(s);
            }
            pubq.restore(s.pubq());
            LOG.info("relay state restored: {} nodes, {} topics, {} publications pending", s.nodes().size(),
                    s.topics().size(), s.pubq().size());
        }
        if (store != null) {
            long every = config.persistIntervalMs();
            worker.scheduleWithFixedDelay(this::saveIfDirty, every, every, TimeUnit.MILLISECONDS);
        }
        registrations.add(client.addMessageListener(this::onMessage));
        registrations.add(client.addLinkListener(this::onLink));
        registrations.add(client.addConnectListener(c -> subscribeAll()));
        publisher.start();
        if (s != null) {
            List<NodeId> peers = new ArrayList<>();
            synchronized (lock) {
                table.nodes().forEach(n -> peers.add(n.id));
            }
            peers.forEach(this::addPeer);
        }
        radio.start(this);
        if (client.isConnected()) {
            subscribeAll();
        }
        LOG.info("relay gateway {} started (lpmode={}, qlen={}, max_nodes={})", radio.gatewayId(), config.lpmode(),
                config.qlen(), config.maxNodes());
    }

    // ---- node frames (spec §4, §6.2) -------------------------------------------------------------

    @Override
    public void onFrame(NodeId from, byte[] frame) {
        try {
            handle(from, frame);
        } catch (RuntimeException e) { // a frame must never cost the receive thread
            LOG.error("frame from node {} not handled", from, e);
        }
    }

    private void handle(NodeId from, byte[] frame) {
        received.incrementAndGet();
        if (!config.allowedNodes().isEmpty() && !config.allowedNodes().contains(from)) {
            ignored.incrementAndGet();
            return;
        }
        NodeRequest request;
        try {
            request = parser.parse(frame);
        } catch (MalformedFrameException e) {
            malformed.incrementAndGet();
            if (e.createsNode()) {
                node(from);
            }
            nodeError("Malformed message " + e.frame() + " from node " + from + ": " + e.getMessage());
            return;
        }
        NodeTable.Node node = node(from);
        if (node == null) {
            return;
        }
        if (request instanceof NodeRequest.Command c) {
            command(node, c.name());
        } else if (request instanceof NodeRequest.Subscription s) {
            subscribe(node, s);
        } else if (request instanceof NodeRequest.Publication p) {
            Reply r = pubq.offer(p);
            if (r == Reply.BAD) {
                rejected.incrementAndGet();
            } else {
                markDirty();
            }
            send(node.id, r.bytes());
        }
    }

    /** The sender's entry, created on first contact; null (counted, reported once a minute) when the table is full. */
    private NodeTable.Node node(NodeId id) {
        NodeTable.Node n;
        boolean created;
        boolean full = false;
        synchronized (lock) {
            n = table.get(id);
            created = n == null;
            if (created) {
                n = table.getOrCreate(id);
                if (n == null) {
                    long now = clock.millis();
                    full = now - tableFullReported >= TABLE_FULL_REPORT_MILLIS;
                    if (full) {
                        tableFullReported = now;
                    }
                }
            }
            if (n != null) {
                n.lastSeen = clock.millis();
            }
        }
        if (n == null) {
            ignored.incrementAndGet();
            if (full) {
                reports.error("Node table full (max_nodes=" + config.maxNodes() + "): frames from new node " + id
                        + " and others ignored");
            }
            return null;
        }
        if (created) {
            markDirty();
            addPeer(id);
        }
        return n;
    }

    private void addPeer(NodeId id) {
        try {
            radio.addPeer(id);
        } catch (IOException | RuntimeException e) {
            reports.error("ESPNow add_peer: " + id + " raised " + e.getMessage());
        }
    }

    private void command(NodeTable.Node node, String name) {
        switch (name) {
            case "ping" -> send(node.id, upOrDown());
            case "get" -> sendQueued(node);
            case "aget" -> {
                send(node.id, upOrDown());
                sendQueued(node);
            }
            case "chan" -> send(node.id, Integer.toString(radio.channel()).getBytes(StandardCharsets.US_ASCII));
            default -> nodeError("Warning: unknown command " + FrameParser.show(name) + " from node " + node.id);
        }
    }

    private byte[] upOrDown() {
        return (client.isConnected() ? Reply.UP : Reply.DOWN).bytes();
    }

    private void subscribe(NodeTable.Node node, NodeRequest.Subscription s) {
        boolean created;
        int storedQos;
        synchronized (lock) {
            created = table.subscription(s.topic()) == null;
            NodeTable.Subscription sub = table.subscribe(node, s.topic(), s.qos());
            storedQos = sub.qos;
        }
        markDirty();
        if (!created && storedQos != s.qos()) {
            nodeError("Warning: attempt to change qos of existing subscription: " + s.topic());
        }
        // Never wait for the broker here. While disconnected, the connect listener subscribes the whole table.
        if (created && client.isConnected()) {
            brokerSubscribe(s.topic(), storedQos);
        }
    }

    /** qsend (spec §6.3): oldest first; a failed send stops and leaves the message at the head. */
    private void sendQueued(NodeTable.Node node) {
        while (true) {
            String head;
            synchronized (lock) {
                head = node.queue.peek();
            }
            if (head == null) {
                return;
            }
            reports.debug("Sending to " + node.id + " message " + head);
            if (!send(node.id, NodeMessage.bytes(head))) {
                reports.error("Peer " + node.id + " not responding");
                return;
            }
            synchronized (lock) {
                node.queue.removeHead(head);
            }
            markDirty();
        }
    }

    /** Sends one frame; oversized frames are reported and dropped (spec §13: never block a queue). */
    private boolean send(NodeId to, byte[] frame) {
        if (frame.length > config.maxFrame()) {
            oversized.incrementAndGet();
            reports.error("Frame of " + frame.length + " bytes to node " + to + " exceeds " + config.maxFrame()
                    + " bytes: dropped");
            return true; // handled: dropping it is the outcome, the queue moves on
        }
        try {
            return radio.send(to, frame);
        } catch (IOException | RuntimeException e) {
            reports.error("ESPNow send to " + to + " raised " + e.getMessage());
            return false;
        }
    }

    // ---- broker messages (spec §6.3, §6.5) -------------------------------------------------------

    /** Called on the client's delivery thread. */
    public void onMessage(String topic, byte[] payload, boolean retained) {
        if (closed) {
            return;
        }
        try {
            dispatch(topic, payload, retained);
        } catch (RuntimeException e) {
            LOG.error("broker message on {} not dispatched", topic, e);
        }
    }

    private void dispatch(String topic, byte[] payload, boolean retained) {
        if (config.statreq() != null && topic.equals(config.statreq().topic())) {
            reports.status(statusText());
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            reports.error("Payload on topic " + FrameParser.show(topic) + " is not UTF-8 (" + payload.length
                    + " bytes): not forwarded");
            return;
        }
        String json = NodeMessage.encode(topic, text, retained);
        int size = NodeMessage.bytes(json).length;
        if (size > config.maxFrame()) {
            oversized.incrementAndGet();
            reports.error("Message on topic " + FrameParser.show(topic) + " makes a frame of " + size
                    + " bytes, over the " + config.maxFrame() + "-byte limit: dropped");
            return;
        }
        List<NodeId> push = new ArrayList<>();
        List<NodeId> full = new ArrayList<>();
        List<NodeId> all = new ArrayList<>();
        boolean any;
        synchronized (lock) {
            Set<NodeTable.Node> to = table.recipients(topic, config.wildcards());
            any = !to.isEmpty();
            for (NodeTable.Node n : to) {
                if (config.debug()) {
                    all.add(n.id);
                }
                if (!config.lpmode() && n.queue.isEmpty()) {
                    push.add(n.id);
                } else if (n.queue.add(json)) {
                    full.add(n.id);
                }
            }
        }
        if (!any) {
            reports.error("No nodes subscribed to topic " + FrameParser.show(topic));
            return;
        }
        markDirty();
        overflows.addAndGet(full.size());
        for (NodeId id : full) {
            reports.status("Gateway:  node " + id + " queue full");
        }
        for (NodeId id : all) {
            reports.debug("Sending or queueing message " + json + " to node " + id);
        }
        for (NodeId id : push) {
            try {
                worker.execute(() -> pushOrQueue(id, json));
            } catch (RejectedExecutionException e) {
                queue(id, json); // closing: keep it for the next run
            }
        }
    }

    /** lpmode=false: try an immediate send, queue on failure (spec §6.3 try_send). */
    private void pushOrQueue(NodeId id, String json) {
        if (!send(id, NodeMessage.bytes(json))) {
            queue(id, json);
        }
    }

    private void queue(NodeId id, String json) {
        boolean dropped;
        synchronized (lock) {
            NodeTable.Node n = table.get(id);
            if (n == null) {
                return;
            }
            dropped = n.queue.add(json);
        }
        markDirty();
        if (dropped) {
            overflows.incrementAndGet();
            reports.status("Gateway:  node " + id + " queue full");
        }
    }

    // ---- broker connection (spec §7) -------------------------------------------------------------

    private void onLink(boolean up) {
        if (up) {
            String server;
            try {
                server = client.status().server();
            } catch (RuntimeException e) {
                server = "?";
            }
            reports.status("Gateway " + radio.gatewayId() + " connected to broker " + server + ".");
        } else {
            reports.status("WiFi or broker is down.");
        }
    }

    /** After every (re)connection: the all-nodes topic, the status-request topic and every node topic. */
    private void subscribeAll() {
        List<NodeTable.Subscription> subs;
        synchronized (lock) {
            subs = new ArrayList<>(table.subscriptions());
        }
        if (config.statreq() != null) {
            brokerSubscribe(config.statreq().topic(), config.statreq().qos());
        }
        for (NodeTable.Subscription s : subs) {
            brokerSubscribe(s.topic, s.qos);
        }
    }

    private void brokerSubscribe(String topic, int qos) {
        try {
            client.subscribe(topic, qos).whenComplete((granted, e) -> {
                if (e != null && !closed) {
                    reports.error("Subscription to " + FrameParser.show(topic) + " failed: " + e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            reports.error("Subscription to " + FrameParser.show(topic) + " failed: " + e.getMessage());
        }
    }

    // ---- status, persistence, API ----------------------------------------------------------------

    /** The answer to a status request (the original only says "not yet implemented"). */
    String statusText() {
        RelayStats s = stats();
        return "Status: gateway " + radio.gatewayId() + ", broker " + (s.connected() ? "up" : "down") + ", "
                + s.nodes() + " nodes, " + s.subscriptions() + " topics, " + s.messagesQueued()
                + " messages queued for nodes, " + s.publicationsPending() + " publications pending, frames "
                + s.received() + " received / " + s.malformed() + " malformed / " + s.ignored() + " ignored, "
                + s.overflows() + " node queue overflows, " + s.rejected() + " publications rejected, "
                + s.oversized() + " oversized frames dropped";
    }

    /** An error caused by a node's frame: rate-limited, since any device on the channel can send frames. */
    private void nodeError(String text) {
        if (reportAllowed()) {
            reports.error(text);
        }
    }

    private boolean reportAllowed() {
        long second = clock.millis() / 1000;
        synchronized (lock) {
            if (second != reportWindow) {
                reportWindow = second;
                reportsInWindow = 0;
            }
            return ++reportsInWindow <= MALFORMED_REPORTS_PER_SECOND;
        }
    }

    private void markDirty() {
        dirty.set(true);
    }

    private void saveIfDirty() {
        if (store == null || !dirty.getAndSet(false)) {
            return;
        }
        StateStore.Snapshot s;
        synchronized (lock) {
            s = table.snapshot(pubq.pending());
        }
        try {
            store.save(s);
        } catch (IOException | RuntimeException e) {
            dirty.set(true);
            LOG.error("relay state not saved to {}: {}", store.file(), e.toString());
        }
    }

    @Override
    public String gatewayId() {
        return radio.gatewayId().toString();
    }

    @Override
    public List<NodeInfo> nodes() {
        synchronized (lock) {
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
        synchronized (lock) {
            NodeTable.Node n = table.get(id);
            return n == null ? Optional.empty() : Optional.of(n.queue.snapshot());
        }
    }

    @Override
    public RelayStats stats() {
        int nodes;
        int subs;
        int queued;
        synchronized (lock) {
            nodes = table.size();
            subs = table.subscriptions().size();
            queued = table.queuedMessages();
        }
        return new RelayStats(nodes, subs, pubq.depth(), queued, client.isConnected(), received.get(),
                malformed.get(), ignored.get(), overflows.get(), rejected.get(), oversized.get());
    }

    /** Closes this gateway and returns its final state (for a gateway that replaces it). */
    public StateStore.Snapshot closeAndSnapshot() {
        close();
        synchronized (lock) {
            return table.snapshot(pubq.pending());
        }
    }

    /** Stops the radio, the drainer and the worker, and saves the state. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        radio.close();
        registrations.forEach(Registration::close);
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
        dirty.set(true);
        saveIfDirty();
        LOG.info("relay gateway {} stopped", radio.gatewayId());
    }
}
