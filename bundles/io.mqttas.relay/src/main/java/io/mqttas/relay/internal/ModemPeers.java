/*
 * spec/relay.md §2 and issue 11 item 1: the modem's ESP-NOW peer table, kept by the gateway as a
 * cache of the least-recently-heard kind (PeerTable): a node is registered when first needed
 * (ADD_PEER), the peer heard longest ago is unregistered (DEL_PEER) to make room, and after a
 * modem reboot the same peers are registered again. One lock serialises the table and the
 * requests that change it; sends themselves run outside it.
 */
package io.mqttas.relay.internal;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The modem's peers. Thread-safe. */
final class ModemPeers {
    private static final Logger LOG = LoggerFactory.getLogger(ModemPeers.class);

    private final PeerTable table = new PeerTable();
    private final Duration timeout;

    ModemPeers(Duration timeout) {
        this.timeout = timeout;
    }

    synchronized void capacity(int peers) {
        table.capacity(peers);
    }

    synchronized int capacity() {
        return table.capacity();
    }

    synchronized int used() {
        return table.size();
    }

    /** A frame came from {@code node}, or a send to it was acknowledged: it is the most recent. */
    synchronized void heard(NodeId node) {
        if (table.contains(node)) {
            table.touch(node);
        }
    }

    synchronized void forget(NodeId node) {
        table.remove(node);
    }

    /** Registers {@code node} unless it is, unregistering the least recently heard peers to make room. */
    synchronized void ensure(ModemConnection c, NodeId node) throws IOException {
        if (table.contains(node)) {
            table.touch(node);
            return;
        }
        while (table.isFull()) {
            NodeId eldest = table.evictEldest();
            try {
                c.request(ModemFrame.DEL_PEER, eldest.mac(), timeout);
            } catch (IOException e) {
                LOG.debug("relay: unregistering peer {}: {}", eldest, e.getMessage());
            }
        }
        register(c, node);
    }

    /** Registers {@code node} if there is a free slot (a hint at first contact; sends register anyway). */
    synchronized void addIfRoom(ModemConnection c, NodeId node) throws IOException {
        if (table.contains(node)) {
            table.touch(node);
        } else if (!table.isFull()) {
            register(c, node);
        }
    }

    /** The modem rebooted with an empty table: register the peers it had again, eldest first. */
    synchronized void registerAgain(ModemConnection c) {
        for (NodeId n : table.forgetAll()) {
            try {
                register(c, n);
            } catch (IOException e) {
                LOG.warn("relay: peer {} not registered again: {}", n, e.getMessage());
            }
        }
    }

    /** ADD_PEER; a modem that says FULL although we count room gets its eldest removed once. */
    private void register(ModemConnection c, NodeId node) throws IOException {
        ModemConnection.Result r = c.request(ModemFrame.ADD_PEER, node.mac(), timeout);
        if (r.status() == ModemFrame.ERROR && r.text().contains("FULL") && table.size() > 0) {
            NodeId eldest = table.evictEldest();
            c.request(ModemFrame.DEL_PEER, eldest.mac(), timeout);
            r = c.request(ModemFrame.ADD_PEER, node.mac(), timeout);
        }
        if (r.status() != ModemFrame.OK) {
            throw new IOException(r.text().isEmpty() ? "status " + r.status() : r.text());
        }
        table.add(node);
    }
}
