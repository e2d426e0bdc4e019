/*
 * spec/relay.md §6.1: the gateway's tables — nodes (each with its message ring) and topics (each
 * with its qos and subscribed nodes). Bounded by max_nodes and max_topics (§16: bounded memory
 * under floods; the original grows both without limit). Not thread-safe: every user holds the
 * table's own monitor (synchronized (table)) for in-memory work only, never across a radio send
 * or a broker call.
 */
package io.mqttas.relay.internal;

import io.mqttas.codec.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Nodes and subscriptions. */
public final class NodeTable {

    /** A known node. */
    public static final class Node {
        final NodeId id;
        final NodeQueue queue;
        final Set<String> topics = new LinkedHashSet<>();
        /** Epoch ms of the last frame from the node (0 = restored, not heard since). */
        long lastSeen;
        /** A push (lpmode=false) is in flight: further messages queue behind it (one push per node). */
        boolean pushing;
        /** Token bucket of the node's frame rate (node_rate, node_burst). */
        double tokens = Double.NaN;
        long tokensAt;

        Node(NodeId id, int queueCapacity) {
            this.id = id;
            this.queue = new NodeQueue(queueCapacity);
        }

        /** Takes one token of {@code rate} per second (burst {@code burst}); false when the node is over its rate. */
        boolean admit(long now, int rate, int burst) {
            if (rate <= 0) {
                return true;
            }
            if (Double.isNaN(tokens)) {
                tokens = burst;
            } else {
                tokens = Math.min(burst, tokens + (now - tokensAt) * rate / 1000.0);
            }
            tokensAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** A topic (or filter) the gateway subscribed to on behalf of nodes. */
    public static final class Subscription {
        final String topic;
        final int qos;
        final Set<NodeId> nodes = new LinkedHashSet<>();

        Subscription(String topic, int qos) {
            this.topic = topic;
            this.qos = qos;
        }
    }

    private final Map<NodeId, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Subscription> topics = new LinkedHashMap<>();
    private final int maxNodes;
    private final int maxTopics;
    private final int queueCapacity;
    private final String allNodesTopic;

    /**
     * {@code allNodes}: the "all nodes" topic every node is subscribed to on first contact; it counts
     * towards {@code maxTopics}.
     */
    public NodeTable(int maxNodes, int maxTopics, int queueCapacity, Destination allNodes) {
        this.maxNodes = maxNodes;
        this.maxTopics = maxTopics;
        this.queueCapacity = queueCapacity;
        this.allNodesTopic = allNodes.topic();
        topics.put(allNodesTopic, new Subscription(allNodesTopic, allNodes.qos()));
    }

    public Node get(NodeId id) {
        return nodes.get(id);
    }

    /** The node, created (and added to the all-nodes topic) on first contact; null if the table is full. */
    public Node getOrCreate(NodeId id) {
        Node n = nodes.get(id);
        if (n == null) {
            if (nodes.size() >= maxNodes) {
                return null;
            }
            n = new Node(id, queueCapacity);
            nodes.put(id, n);
            subscribe(n, allNodesTopic, topics.get(allNodesTopic).qos);
        }
        return n;
    }

    public boolean isFull() {
        return nodes.size() >= maxNodes;
    }

    /**
     * Adds {@code node} to {@code topic}'s set, creating the entry (first requester's qos) unless the
     * table already holds max_topics entries. Returns the entry, or null when refused.
     */
    public Subscription subscribe(Node node, String topic, int qos) {
        Subscription s = topics.get(topic);
        if (s == null) {
            if (topics.size() >= maxTopics) {
                return null;
            }
            s = new Subscription(topic, qos);
            topics.put(topic, s);
        }
        s.nodes.add(node.id);
        node.topics.add(topic);
        return s;
    }

    public int maxTopics() {
        return maxTopics;
    }

    public Subscription subscription(String topic) {
        return topics.get(topic);
    }

    /** The nodes a broker message on {@code topic} goes to: exact key, plus matching filters if {@code wildcards}. */
    public Set<Node> recipients(String topic, boolean wildcards) {
        Set<Node> out = new LinkedHashSet<>();
        if (wildcards) {
            for (Subscription s : topics.values()) {
                if (s.topic.equals(topic) || Topics.matches(s.topic, topic)) {
                    addAll(out, s.nodes);
                }
            }
        } else {
            Subscription s = topics.get(topic);
            if (s != null) {
                addAll(out, s.nodes);
            }
        }
        return out;
    }

    private void addAll(Set<Node> out, Collection<NodeId> ids) {
        for (NodeId id : ids) {
            Node n = nodes.get(id);
            if (n != null) {
                out.add(n);
            }
        }
    }

    public Collection<Node> nodes() {
        return nodes.values();
    }

    public Collection<Subscription> subscriptions() {
        return topics.values();
    }

    public int size() {
        return nodes.size();
    }

    public int queuedMessages() {
        int n = 0;
        for (Node node : nodes.values()) {
            n += node.queue.size();
        }
        return n;
    }

    /** A copy for persistence. */
    public StateStore.Snapshot snapshot(List<PublicationQueue.Pending> pubq) {
        List<StateStore.SavedNode> ns = new ArrayList<>(nodes.size());
        for (Node n : nodes.values()) {
            ns.add(new StateStore.SavedNode(n.id, n.queue.snapshot()));
        }
        List<StateStore.SavedTopic> ts = new ArrayList<>(topics.size());
        for (Subscription s : topics.values()) {
            ts.add(new StateStore.SavedTopic(s.topic, s.qos, List.copyOf(s.nodes)));
        }
        return new StateStore.Snapshot(ns, ts, pubq);
    }

    /** Restores saved nodes, queues and topics (up to max_nodes; queues trimmed to the ring size). */
    public void restore(StateStore.Snapshot s) {
        for (StateStore.SavedNode sn : s.nodes()) {
            Node n = getOrCreate(sn.id());
            if (n != null) {
                sn.queue().forEach(n.queue::add);
            }
        }
        for (StateStore.SavedTopic st : s.topics()) {
            Subscription sub = topics.get(st.topic());
            if (sub == null) {
                if (topics.size() >= maxTopics) {
                    continue; // a smaller max_topics than before: the excess is not restored
                }
                sub = new Subscription(st.topic(), st.qos());
                topics.put(st.topic(), sub);
            }
            for (NodeId id : st.nodes()) {
                Node n = nodes.get(id);
                if (n != null) {
                    sub.nodes.add(id);
                    n.topics.add(sub.topic);
                }
            }
        }
    }
}
