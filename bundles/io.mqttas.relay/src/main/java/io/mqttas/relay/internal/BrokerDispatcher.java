/*
 * spec/relay.md §6.3 and §6.5: broker messages to nodes, on the client's ordered delivery thread.
 * A message on the status-request topic gets a status report. Others are matched to subscribed
 * nodes (exact topic, or MQTT wildcards with wildcards=true) and queued in each node's ring; with
 * lpmode=false a node whose queue is empty gets it pushed at once instead (the original's
 * try_send), falling back to its queue when the push fails. Beyond the original (issue 11):
 *  - at most one push per node is in flight; messages arriving meanwhile queue behind it, so the
 *    pending pushes are bounded by the node table (item 7; before, an unbounded executor queue);
 *  - a radio that cannot report delivery (UDP) pushes only to a node heard within awake_window_ms
 *    and queues otherwise, since a datagram to a sleeping node is silently lost (item 11). The
 *    ESP-NOW modem reports the node radio's acknowledgement, so there every push is tried.
 */
package io.mqttas.relay.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Broker messages → node queues and pushes. */
final class BrokerDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerDispatcher.class);

    private final RelayConfig config;
    private final NodeTable table;
    private final Reports reports;
    private final Counters counters;
    private final NodeSender sender;
    private final RadioTransport radio;
    private final Persistence persistence;
    private final Executor worker;
    private final Clock clock;
    private final Supplier<String> statusText;
    private volatile boolean closed;

    BrokerDispatcher(RelayConfig config, NodeTable table, Reports reports, Counters counters, NodeSender sender,
            RadioTransport radio, Persistence persistence, Executor worker, Clock clock, Supplier<String> statusText) {
        this.config = config;
        this.table = table;
        this.reports = reports;
        this.counters = counters;
        this.sender = sender;
        this.radio = radio;
        this.persistence = persistence;
        this.worker = worker;
        this.clock = clock;
        this.statusText = statusText;
    }

    /** Called on the client's delivery thread. */
    void onMessage(String topic, byte[] payload, boolean retained) {
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
            reports.status(statusText.get());
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
            counters.oversized.incrementAndGet();
            reports.error("Message on topic " + FrameParser.show(topic) + " makes a frame of " + size
                    + " bytes, over the " + config.maxFrame() + "-byte limit: dropped");
            return;
        }
        List<NodeId> push = new ArrayList<>();
        List<NodeId> full = new ArrayList<>();
        List<NodeId> all = new ArrayList<>();
        boolean any;
        long now = clock.millis();
        synchronized (table) {
            Set<NodeTable.Node> to = table.recipients(topic, config.wildcards());
            any = !to.isEmpty();
            for (NodeTable.Node n : to) {
                if (config.debug()) {
                    all.add(n.id);
                }
                if (pushNow(n, now)) {
                    n.pushing = true;
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
        persistence.markDirty();
        for (NodeId id : full) {
            overflow(id);
        }
        for (NodeId id : all) {
            reports.debug("Sending or queueing message " + json + " to node " + id);
        }
        for (NodeId id : push) {
            try {
                worker.execute(() -> push(id, json));
            } catch (RejectedExecutionException e) {
                requeue(id, json); // closing: keep it for the next run
            }
        }
    }

    /** lpmode=false, nothing queued, no push in flight, and (without delivery reports) heard recently. */
    private boolean pushNow(NodeTable.Node n, long now) {
        if (config.lpmode() || !n.queue.isEmpty() || n.pushing) {
            return false;
        }
        return radio.acknowledgesDelivery() || (n.lastSeen > 0 && now - n.lastSeen <= config.awakeWindowMs());
    }

    /**
     * On the worker: sends {@code json}; on failure puts it back in front of the node's queue. After a
     * success, whatever queued meanwhile follows while the node keeps acknowledging (qsend).
     */
    private void push(NodeId id, String json) {
        String next = json;
        while (next != null && !closed) {
            if (!sender.send(id, NodeMessage.bytes(next))) {
                if (next == json) {
                    requeue(id, json);
                }
                break;
            }
            counters.pushes.incrementAndGet();
            synchronized (table) {
                NodeTable.Node n = table.get(id);
                if (n != null && next != json) {
                    n.queue.removeHead(next);
                }
                next = n == null || !radio.acknowledgesDelivery() ? null : n.queue.peek();
            }
        }
        synchronized (table) {
            NodeTable.Node n = table.get(id);
            if (n != null) {
                n.pushing = false;
            }
        }
        persistence.markDirty();
    }

    private void requeue(NodeId id, String json) {
        boolean dropped;
        synchronized (table) {
            NodeTable.Node n = table.get(id);
            if (n == null) {
                return;
            }
            dropped = n.queue.addFirst(json);
            n.pushing = false;
        }
        persistence.markDirty();
        if (dropped) {
            overflow(id);
        }
    }

    private void overflow(NodeId id) {
        counters.overflows.incrementAndGet();
        reports.status("Gateway:  node " + id + " queue full");
    }

    void close() {
        closed = true;
    }
}
