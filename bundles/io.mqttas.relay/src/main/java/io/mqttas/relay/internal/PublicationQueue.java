/*
 * spec/relay.md §4.3 and §6.1: the bounded queue of node publications, with the reply decided at
 * once: BAD when full, NAK when more than pubq_nak are pending after adding (the broker is
 * probably unreachable), else ACK. The one being published has already left the queue.
 * Fairness (issue 11 item 5, beyond the original): each node may hold at most pubq_node_max of the
 * queue's places, so one flooding node cannot make every other node get BAD. With a single node and
 * the defaults (pubq_node_max 9, pubq_nak 5) the replies are the original's: ACK up to 5 queued, NAK
 * up to 9, then BAD, with one more in flight.
 */
package io.mqttas.relay.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Thread-safe: frame handling offers, the {@link Publisher} takes. */
public final class PublicationQueue {

    /** A publication and the node it came from (null for one restored from an older state file). */
    public record Pending(NodeId from, NodeRequest.Publication publication) {
    }

    private final int capacity;
    private final int nakAbove;
    private final int perNode;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Map<NodeId, Integer> held = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private Pending inFlight;

    /**
     * {@code capacity} entries in all, NAK when more than {@code nakAbove} are queued, at most
     * {@code perNode} held by one node.
     */
    public PublicationQueue(int capacity, int nakAbove, int perNode) {
        if (capacity < 1 || nakAbove < 0 || nakAbove > capacity || perNode < 1) {
            throw new IllegalArgumentException("publication queue capacity " + capacity + " / NAK threshold "
                    + nakAbove + " / per node " + perNode
                    + ": need 1 <= capacity, 0 <= threshold <= capacity, 1 <= per node");
        }
        this.capacity = capacity;
        this.nakAbove = nakAbove;
        this.perNode = perNode;
    }

    /** Enqueues {@code p} from {@code from} unless the queue or the node's share is full; the reply. Never blocks. */
    public Reply offer(NodeId from, NodeRequest.Publication p) {
        lock.lock();
        try {
            if (queue.size() >= capacity || held.getOrDefault(from, 0) >= perNode) {
                return Reply.BAD;
            }
            queue.addLast(new Pending(from, p));
            held.merge(from, 1, Integer::sum);
            notEmpty.signal();
            return queue.size() > nakAbove ? Reply.NAK : Reply.ACK;
        } finally {
            lock.unlock();
        }
    }

    /** Puts back publications restored from disk, oldest first, beyond the capacity if need be (nothing is lost). */
    public void restore(List<Pending> saved) {
        lock.lock();
        try {
            for (Pending p : saved) {
                queue.addLast(p);
                if (p.from() != null) {
                    held.merge(p.from(), 1, Integer::sum);
                }
            }
            if (!queue.isEmpty()) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes the oldest publication, which becomes the one in flight; null after {@code timeout}. */
    public Pending take(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            inFlight = queue.pollFirst();
            release(inFlight);
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** The publication in flight is done (published, or rejected for good): its place is free again. */
    public void done(Pending p) {
        lock.lock();
        try {
            if (inFlight == p) {
                inFlight = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Pending publications, the one in flight first: what must survive a restart. */
    public List<Pending> pending() {
        lock.lock();
        try {
            List<Pending> all = new ArrayList<>(queue.size() + 1);
            if (inFlight != null) {
                all.add(inFlight);
            }
            all.addAll(queue);
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Queued plus in flight. */
    public int depth() {
        lock.lock();
        try {
            return queue.size() + (inFlight == null ? 0 : 1);
        } finally {
            lock.unlock();
        }
    }

    private void release(Pending p) {
        if (p.from() != null) {
            held.computeIfPresent(p.from(), (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Places held by {@code node} in the queue (the one in flight not counted). */
    public int heldBy(NodeId node) {
        lock.lock();
        try {
            return held.getOrDefault(node, 0);
        } finally {
            lock.unlock();
        }
    }
}
