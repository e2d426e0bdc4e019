/*
 * spec/relay.md §4 and §6.2: one node frame at a time, on the radio's receive thread, never
 * waiting for the broker (§16; the original blocks on subscribe during outages). Beyond the
 * original (issue 11): a malformed publication is answered BAD, since a node's synchronous
 * publish() takes silence for success (item 4); each node has a frame rate limit, a publication
 * over it is answered BAD (item 5); the topic table is bounded (item 6).
 */
package io.mqttas.relay.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Node frames → replies, publications, subscriptions. */
final class FrameHandler {
    private static final long CONDITION_REPORT_MILLIS = 60_000;

    private final RelayConfig config;
    private final NodeTable table;
    private final PublicationQueue pubq;
    private final FrameParser parser;
    private final Reports reports;
    private final ReportLimiter limiter;
    private final Counters counters;
    private final NodeSender sender;
    private final RadioTransport radio;
    private final BrokerLink broker;
    private final Persistence persistence;
    private final Clock clock;

    FrameHandler(RelayConfig config, NodeTable table, PublicationQueue pubq, Reports reports, ReportLimiter limiter,
            Counters counters, NodeSender sender, RadioTransport radio, BrokerLink broker, Persistence persistence,
            Clock clock) {
        this.config = config;
        this.table = table;
        this.pubq = pubq;
        this.parser = new FrameParser(config.maxFrame());
        this.reports = reports;
        this.limiter = limiter;
        this.counters = counters;
        this.sender = sender;
        this.radio = radio;
        this.broker = broker;
        this.persistence = persistence;
        this.clock = clock;
    }

    void handle(NodeId from, byte[] frame) {
        counters.received.incrementAndGet();
        if (!config.allowedNodes().isEmpty() && !config.allowedNodes().contains(from)) {
            counters.ignored.incrementAndGet();
            return;
        }
        NodeRequest request;
        try {
            request = parser.parse(frame);
        } catch (MalformedFrameException e) {
            malformed(from, e);
            return;
        }
        Admission a = admit(from);
        if (a.node == null) {
            return;
        }
        if (!a.withinRate) {
            counters.rateLimited.incrementAndGet();
            if (request instanceof NodeRequest.Publication) {
                counters.rejected.incrementAndGet();
                sender.send(from, Reply.BAD.bytes()); // the node learns its publication is lost
            }
            if (limiter.once("rate " + from, CONDITION_REPORT_MILLIS)) {
                reports.error("Node " + from + " exceeds node_rate=" + config.nodeRate() + " frames/s: frames dropped"
                        + " (publications answered BAD)");
            }
            return;
        }
        if (request instanceof NodeRequest.Command c) {
            command(a.node, c.name());
        } else if (request instanceof NodeRequest.Subscription s) {
            subscribe(a.node, s);
        } else if (request instanceof NodeRequest.Publication p) {
            Reply r = pubq.offer(from, p);
            if (r == Reply.BAD) {
                counters.rejected.incrementAndGet();
            } else {
                persistence.markDirty();
            }
            sender.send(from, r.bytes());
        }
    }

    private void malformed(NodeId from, MalformedFrameException e) {
        counters.malformed.incrementAndGet();
        Admission a = e.createsNode() ? admit(from) : null;
        if (e.isPublication() && a != null && a.node != null) {
            counters.rejected.incrementAndGet();
            sender.send(from, Reply.BAD.bytes());
        }
        if (limiter.nodeReport()) {
            reports.error("Malformed message " + e.frame() + " from node " + from + ": " + e.getMessage());
        }
    }

    /** The sender's entry (created on first contact) and whether this frame is within its rate. */
    private record Admission(NodeTable.Node node, boolean withinRate) {
    }

    private Admission admit(NodeId id) {
        NodeTable.Node n;
        boolean created = false;
        boolean within = true;
        long now = clock.millis();
        synchronized (table) {
            n = table.get(id);
            if (n == null) {
                n = table.getOrCreate(id);
                created = n != null;
            }
            if (n != null) {
                n.lastSeen = now;
                within = n.admit(now, config.nodeRate(), config.nodeBurst());
            }
        }
        if (n == null) {
            counters.ignored.incrementAndGet();
            if (limiter.once("node table full", CONDITION_REPORT_MILLIS)) {
                reports.error("Node table full (max_nodes=" + config.maxNodes() + "): frames from new node " + id
                        + " and others ignored");
            }
            return new Admission(null, false);
        }
        if (created) {
            persistence.markDirty();
            addPeer(id);
        }
        return new Admission(n, within);
    }

    void addPeer(NodeId id) {
        try {
            radio.addPeer(id);
        } catch (java.io.IOException | RuntimeException e) {
            reports.error("ESPNow add_peer: " + id + " raised " + e.getMessage());
        }
    }

    private void command(NodeTable.Node node, String name) {
        switch (name) {
            case "ping" -> sender.send(node.id, upOrDown());
            case "get" -> sendQueued(node);
            case "aget" -> {
                sender.send(node.id, upOrDown());
                sendQueued(node);
            }
            case "chan" -> sender.send(node.id, Integer.toString(radio.channel()).getBytes(StandardCharsets.US_ASCII));
            default -> {
                if (limiter.nodeReport()) {
                    reports.error("Warning: unknown command " + FrameParser.show(name) + " from node " + node.id);
                }
            }
        }
    }

    private byte[] upOrDown() {
        return (broker.isConnected() ? Reply.UP : Reply.DOWN).bytes();
    }

    private void subscribe(NodeTable.Node node, NodeRequest.Subscription s) {
        boolean created;
        NodeTable.Subscription sub;
        synchronized (table) {
            created = table.subscription(s.topic()) == null;
            sub = table.subscribe(node, s.topic(), s.qos());
        }
        if (sub == null) {
            counters.topicsRefused.incrementAndGet();
            if (limiter.once("topic table full", CONDITION_REPORT_MILLIS)) {
                reports.error("Topic table full (max_topics=" + table.maxTopics() + "): subscription to "
                        + FrameParser.show(s.topic()) + " from node " + node.id + " and others refused");
            }
            return;
        }
        persistence.markDirty();
        if (!created && sub.qos != s.qos() && limiter.nodeReport()) {
            reports.error("Warning: attempt to change qos of existing subscription: " + s.topic());
        }
        if (created) {
            broker.subscribeIfConnected(s.topic(), sub.qos); // never waits; renewed on every connect
        }
    }

    /** qsend (spec §6.3): oldest first; a failed send stops and leaves the message at the head. */
    void sendQueued(NodeTable.Node node) {
        while (true) {
            String head;
            synchronized (table) {
                head = node.queue.peek();
            }
            if (head == null) {
                return;
            }
            reports.debug("Sending to " + node.id + " message " + head);
            if (!sender.send(node.id, NodeMessage.bytes(head))) {
                reports.error("Peer " + node.id + " not responding");
                return;
            }
            synchronized (table) {
                node.queue.removeHead(head);
            }
            persistence.markDirty();
        }
    }
}
