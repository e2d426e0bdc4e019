/*
 * spec/relay.md §4.3 and §6.1: the bounded queue of node publications. The reply is decided at
 * once from the queue depth: full (9) → BAD, more than 5 after adding → NAK, else ACK. The one
 * being published has already left the queue, so up to 10 can be pending.
 */
package io.mqttas.relay.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Thread-safe: frame handling offers, the {@link Publisher} takes. */
public final class PublicationQueue {
    private final int capacity;
    private final int nakAbove;
    private final ArrayDeque<NodeRequest.Publication> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private NodeRequest.Publication inFlight;

    /** {@code capacity} entries (the original's 10 − 1 = 9); NAK when more than {@code nakAbove} (5). */
    public PublicationQueue(int capacity, int nakAbove) {
        if (capacity < 1 || nakAbove < 0 || nakAbove > capacity) {
            throw new IllegalArgumentException("publication queue capacity " + capacity + " / NAK threshold "
                    + nakAbove + ": need 1 <= capacity and 0 <= threshold <= capacity");
        }
        this.capacity = capacity;
        this.nakAbove = nakAbove;
    }

    /** Enqueues {@code p} unless full; the reply the node gets. Never blocks. */
    public Reply offer(NodeRequest.Publication p) {
        lock.lock();
        try {
            if (queue.size() >= capacity) {
                return Reply.BAD;
            }
            queue.addLast(p);
            notEmpty.signal();
            return queue.size() > nakAbove ? Reply.NAK : Reply.ACK;
        } finally {
            lock.unlock();
        }
    }

    /** Puts back publications restored from disk, oldest first, beyond the capacity if need be (nothing is lost). */
    public void restore(List<NodeRequest.Publication> saved) {
        lock.lock();
        try {
            queue.addAll(saved);
            if (!queue.isEmpty()) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes the oldest publication, which becomes the one in flight; null after {@code timeout}. */
    public NodeRequest.Publication take(Duration timeout) throws InterruptedException {
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
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** The publication in flight is done (published, or rejected for good). */
    public void done(NodeRequest.Publication p) {
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
    public List<NodeRequest.Publication> pending() {
        lock.lock();
        try {
            List<NodeRequest.Publication> all = new ArrayList<>(queue.size() + 1);
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
}
