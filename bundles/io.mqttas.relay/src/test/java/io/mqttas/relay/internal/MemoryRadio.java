/* A radio for unit tests of the gateway: frames injected by the test, frames sent recorded per node. */
package io.mqttas.relay.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

final class MemoryRadio implements RadioTransport {
    static final NodeId GATEWAY = NodeId.parse("02006d717474");
    final Map<NodeId, List<String>> sent = new ConcurrentHashMap<>();
    final Set<NodeId> unreachable = ConcurrentHashMap.newKeySet();
    final List<NodeId> peers = new CopyOnWriteArrayList<>();
    volatile FrameSink sink;
    volatile boolean closed;

    @Override
    public void start(FrameSink s) {
        this.sink = s;
    }

    /** A node sends {@code json}; returns what the gateway sent it in reply (synchronous handling). */
    List<String> frame(NodeId from, String json) {
        return frame(from, json.getBytes(StandardCharsets.UTF_8));
    }

    List<String> frame(NodeId from, byte[] bytes) {
        int before = sent(from).size();
        sink.onFrame(from, bytes);
        List<String> all = sent(from);
        return new ArrayList<>(all.subList(before, all.size()));
    }

    List<String> sent(NodeId node) {
        return sent.computeIfAbsent(node, k -> new CopyOnWriteArrayList<>());
    }

    @Override
    public boolean send(NodeId node, byte[] frame) {
        if (unreachable.contains(node)) {
            return false;
        }
        sent(node).add(new String(frame, StandardCharsets.UTF_8));
        return true;
    }

    @Override
    public void addPeer(NodeId node) {
        peers.add(node);
    }

    @Override
    public int channel() {
        return 6;
    }

    @Override
    public NodeId gatewayId() {
        return GATEWAY;
    }

    @Override
    public void close() {
        closed = true;
    }
}
