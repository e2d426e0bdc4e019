/*
 * A radio for unit tests of the gateway: frames injected by the test, frames sent recorded per
 * node. It acknowledges delivery (like the ESP-NOW modem) unless told not to (like UDP); nodes in
 * `unreachable` do not acknowledge; a node in `blocked` makes its sends wait until released.
 */
package io.mqttas.relay.internal;

import io.mqttas.relay.RadioState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

final class MemoryRadio implements RadioTransport {
    static final NodeId GATEWAY = NodeId.parse("02006d717474");
    final Map<NodeId, List<String>> sent = new ConcurrentHashMap<>();
    final Set<NodeId> unreachable = ConcurrentHashMap.newKeySet();
    final Set<NodeId> blocked = ConcurrentHashMap.newKeySet();
    final List<NodeId> peers = new CopyOnWriteArrayList<>();
    final AtomicInteger sendsInProgress = new AtomicInteger();
    final AtomicInteger mostSendsAtOnce = new AtomicInteger();
    volatile CountDownLatch release = new CountDownLatch(1);
    volatile FrameSink sink;
    volatile boolean closed;
    volatile boolean acknowledges = true;
    volatile int channel = 6;

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
        int now = sendsInProgress.incrementAndGet();
        mostSendsAtOnce.accumulateAndGet(now, Math::max);
        try {
            if (blocked.contains(node)) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (unreachable.contains(node)) {
                return false;
            }
            sent(node).add(new String(frame, StandardCharsets.UTF_8));
            return true;
        } finally {
            sendsInProgress.decrementAndGet();
        }
    }

    @Override
    public void addPeer(NodeId node) {
        peers.add(node);
    }

    @Override
    public boolean acknowledgesDelivery() {
        return acknowledges;
    }

    @Override
    public int channel() {
        return channel;
    }

    @Override
    public NodeId gatewayId() {
        return GATEWAY;
    }

    @Override
    public RadioState state() {
        return new RadioState("memory", "test", closed ? "closed" : "ready", "", channel, 0, 0, 0, 0, 0, 0, 0, "");
    }

    @Override
    public void close() {
        closed = true;
        release.countDown();
    }
}
