/*
 * DESIGN.md §6 and issue 10 item 1: Kura's DataTransportListeners are told of every event by one thread
 * of the transport, in order, never on a client or timer thread. Listener code may call back into the
 * transport (DataServiceImpl disconnects from onConfigurationUpdating and connects from
 * onConfigurationUpdated): events raised on this thread are delivered at once, inline, which keeps
 * Kura's order (updating → disconnecting → disconnected → updated).
 */
package io.mqttas.kura.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.eclipse.kura.data.DataTransportToken;
import org.eclipse.kura.data.transport.listener.DataTransportListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners and the thread that calls them. Incoming messages wait in a bounded queue ({@code
 * maxArrivals}; when full the oldest waiting message is dropped and counted); connection events are
 * never dropped; confirmations are taken from the {@link ConfirmationGate} when it releases them.
 */
final class ListenerDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);
    private static final long HOLD_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** A listener call, or a task of the transport's own to run in order ({@code task != null}). */
    private record Event(Consumer<DataTransportListener> call, Runnable task, boolean arrival, String what) {
    }

    private final List<DataTransportListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final ConfirmationGate gate;
    private final int maxArrivals;
    private final Thread thread;
    private final LogLimiter listenerErrors = new LogLimiter(60_000);
    private final LogLimiter drops = new LogLimiter(60_000);
    private int arrivals;
    private long dropped;
    private volatile boolean closed;
    private volatile boolean holding;

    ListenerDispatcher(String name, ConfirmationGate gate, int maxArrivals) {
        this.gate = gate;
        this.maxArrivals = maxArrivals;
        this.thread = new Thread(this::run, "mqttas-kura-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void add(DataTransportListener l) {
        listeners.add(l);
    }

    void remove(DataTransportListener l) {
        listeners.remove(l);
    }

    boolean onDispatcherThread() {
        return Thread.currentThread() == thread;
    }

    /** Delivers {@code call} to every listener: inline on the dispatcher thread, else queued in order. */
    void event(String what, Consumer<DataTransportListener> call) {
        if (onDispatcherThread()) {
            deliver(new Event(call, null, false, what));
            return;
        }
        enqueue(new Event(call, null, false, what));
    }

    /** As {@link #event}, waiting (bounded) until the listeners had it: Kura calls some events synchronously. */
    void eventAndWait(String what, Consumer<DataTransportListener> call, long maxMillis) {
        if (onDispatcherThread()) {
            deliver(new Event(call, null, false, what));
            return;
        }
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        enqueue(new Event(null, () -> {
            try {
                deliver(new Event(call, null, false, what));
            } finally {
                done.countDown();
            }
        }, false, what));
        try {
            if (!done.await(maxMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: listeners did not take '{}' within {} ms; going on", thread.getName(), what, maxMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An incoming message; the oldest waiting one is dropped when {@code maxArrivals} wait already. */
    void arrival(String topic, byte[] payload, int qos, boolean retained) {
        Event e = new Event(l -> l.onMessageArrived(topic, payload, qos, retained), null, true, "message on " + topic);
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (arrivals >= maxArrivals) {
                dropOldestArrival();
            }
            arrivals++;
            queue.addLast(e);
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code task} on the dispatcher thread after the events queued before it (e.g. a reconfiguration). */
    void run(String what, Runnable task) {
        if (onDispatcherThread()) {
            runTask(task, what);
            return;
        }
        enqueue(new Event(null, task, false, what));
    }

    /** The gate may have a confirmation to release (an acknowledgement arrived, or a publisher came back). */
    void poke() {
        lock.lock();
        try {
            holding = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Cheap check for the publish path: wake the dispatcher only if it holds confirmations. */
    boolean isHolding() {
        return holding;
    }

    long droppedArrivals() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Event e) {
        lock.lock();
        try {
            if (!closed) {
                queue.addLast(e);
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void dropOldestArrival() {
        for (var it = queue.iterator(); it.hasNext();) {
            if (it.next().arrival()) {
                it.remove();
                arrivals--;
                dropped++;
                if (drops.allow()) {
                    LOG.warn("{}: Kura's listeners are slower than the broker: {} incoming messages dropped so far "
                            + "(oldest first; at most {} wait)", thread.getName(), dropped, maxArrivals);
                }
                return;
            }
        }
    }

    private void run() {
        while (true) {
            Event next = null;
            lock.lock();
            try {
                while (!closed && queue.isEmpty() && !holding) {
                    wake.await(1, TimeUnit.SECONDS);
                }
                if (closed) {
                    return;
                }
                if (!queue.isEmpty()) {
                    next = queue.pollFirst();
                    if (next.arrival()) {
                        arrivals--;
                    }
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (next != null && next.task() != null) {
                runTask(next.task(), next.what());
            } else if (next != null) {
                deliver(next);
            }
            releaseConfirmations();
        }
    }

    private void releaseConfirmations() {
        for (DataTransportToken t : gate.release(System.nanoTime())) {
            deliver(new Event(l -> l.onMessageConfirmed(t), null, false, "confirmation of message " + t.getMessageId()));
        }
        boolean still = gate.holding();
        if (still) {
            lock.lock();
            try {
                if (queue.isEmpty() && !closed) {
                    wake.awaitNanos(HOLD_POLL_NANOS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            } finally {
                lock.unlock();
            }
        }
        holding = still;
    }

    private void runTask(Runnable task, String what) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("{}: {} failed", thread.getName(), what, e);
        }
    }

    private void deliver(Event e) {
        for (DataTransportListener l : listeners) {
            try {
                e.call().accept(l);
            } catch (RuntimeException | Error x) {
                if (listenerErrors.allow()) {
                    LOG.warn("{}: a DataTransportListener failed on {} (logged once a minute): {}", thread.getName(),
                            e.what(), x.toString(), x);
                }
            }
        }
    }

    /** Stops the thread (joined for up to 2 s); events still queued are not delivered. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (!onDispatcherThread()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
