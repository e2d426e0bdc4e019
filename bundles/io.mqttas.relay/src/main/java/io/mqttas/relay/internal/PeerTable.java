/*
 * spec/relay.md §2 and issue 11 item 1: ESP-NOW must register a peer before unicasting to it, and
 * the radio's table is small (20 on ESP32), while the gateway may know max_nodes (1000) nodes. The
 * gateway therefore keeps the modem's table as a cache of the least-recently-heard kind: a node
 * is registered on first need; when the table is full the peer heard longest ago is unregistered
 * first. After a modem reboot (which empties its table) the same peers are registered again, most
 * recent last. Not thread-safe: ModemPeers holds its lock around every use.
 */
package io.mqttas.relay.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which nodes are registered on the modem, in least-recently-heard order. */
final class PeerTable {
    private final Map<NodeId, Boolean> registered = new LinkedHashMap<>(32, 0.75f, true);
    private int capacity;

    /** The modem's capacity (from its HELLO). */
    void capacity(int peers) {
        this.capacity = Math.max(1, peers);
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return registered.size();
    }

    boolean contains(NodeId node) {
        return registered.containsKey(node);
    }

    /** The node was heard or sent to: it becomes the most recent. */
    void touch(NodeId node) {
        registered.get(node);
    }

    boolean isFull() {
        return registered.size() >= capacity;
    }

    /** The peer heard longest ago, removed from the table (null if empty). */
    NodeId evictEldest() {
        Iterator<NodeId> it = registered.keySet().iterator();
        if (!it.hasNext()) {
            return null;
        }
        NodeId eldest = it.next();
        it.remove();
        return eldest;
    }

    void add(NodeId node) {
        registered.put(node, Boolean.TRUE);
    }

    void remove(NodeId node) {
        registered.remove(node);
    }

    /** The modem rebooted: returns the peers to register again (eldest first) and empties the table. */
    List<NodeId> forgetAll() {
        List<NodeId> all = new ArrayList<>(registered.keySet());
        registered.clear();
        return all.size() > capacity ? all.subList(all.size() - capacity, all.size()) : all;
    }
}
