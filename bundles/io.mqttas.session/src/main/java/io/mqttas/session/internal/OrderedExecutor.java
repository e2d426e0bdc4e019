/* DESIGN.md §6 and issue 9 item 3: each client's completions and listener calls, in order, on the shared pool. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client's serial executor over the shared {@link CompletionPool}: tasks start one after the other
 * in submission order on whichever pool thread drains the queue. At most one drainer owns the queue.
 *
 * <p>Blocking: a task that blocks on one of this client's own futures ({@link ClientFuture#get}) or
 * runs longer than {@link #BLOCKED_MILLIS} is <em>detached</em>: it keeps its thread, and the rest of
 * the queue is handed to a new drainer on another pool thread. So {@code a.thenRun(() -> b.join())},
 * or a listener that calls {@code subscribe(..).join()}, cannot deadlock this client or any other:
 * the completion it waits for is behind it in the queue and now runs. The ordering kept is:
 * <b>tasks start in submission order; they also end in that order unless one blocks or runs over
 * {@value #BLOCKED_MILLIS} ms, after which the tasks behind it run concurrently with it.</b>
 * (A listener can therefore be called again while an earlier call of it is still blocked.)
 */
final class OrderedExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(OrderedExecutor.class);
    /** How long a task may run before the tasks behind it stop waiting for it. */
    static final long BLOCKED_MILLIS = 100;
    private static final ThreadLocal<Drainer> CURRENT = new ThreadLocal<>();

    private final Executor pool;
    private final String name;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Drainer> owner = new AtomicReference<>();

    OrderedExecutor(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (owner.get() == null) {
            Drainer d = new Drainer();
            if (owner.compareAndSet(null, d)) {
                pool.execute(d);
            }
        }
    }

    /** Whether the calling thread is running a task of this executor. */
    boolean onThisExecutor() {
        Drainer d = CURRENT.get();
        return d != null && d.executor() == this;
    }

    /**
     * The calling thread is about to block: if it runs a task of some client's executor, the tasks
     * behind it move to another thread first. Called by {@link ClientFuture} before waiting.
     */
    static void aboutToBlock() {
        Drainer d = CURRENT.get();
        if (d != null) {
            d.detach();
        }
    }

    /** Whether the task running on the calling thread has been detached (the tasks behind it run elsewhere). */
    static boolean currentTaskDetached() {
        Drainer d = CURRENT.get();
        return d != null && d.running.get() == -1;
    }

    /**
     * Waits until every task submitted before this call has started and the ones that did not block
     * have ended (at most {@code millis}); true if so. Returns at once (true) when called from this
     * executor: a task cannot wait for the ones behind it.
     */
    boolean awaitQuiet(long millis) {
        if (onThisExecutor()) {
            return true;
        }
        CountDownLatch reached = new CountDownLatch(1);
        execute(reached::countDown);
        try {
            return reached.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the queue on one pool thread until it is empty or this drainer is detached. */
    final class Drainer implements Runnable {
        /** 0 between tasks, -1 once detached, else the number of the task running now. */
        private final AtomicLong running = new AtomicLong();
        private volatile long startedNanos;
        private long tasks;

        OrderedExecutor executor() {
            return OrderedExecutor.this;
        }

        @Override
        public void run() {
            Drainer outer = CURRENT.get();
            CURRENT.set(this);
            try {
                drain();
            } finally {
                CURRENT.set(outer);
            }
        }

        private void drain() {
            while (true) {
                Runnable r = queue.poll();
                if (r == null) {
                    owner.compareAndSet(this, null);
                    // A task added between the poll and the release must not be stranded.
                    if (queue.isEmpty() || !owner.compareAndSet(null, this)) {
                        return;
                    }
                    continue;
                }
                long n = ++tasks;
                startedNanos = System.nanoTime();
                running.set(n);
                try {
                    r.run();
                } catch (Throwable t) {
                    LOG.warn("{}: a completion or listener threw (ignored, the next one runs)", name, t);
                }
                if (!running.compareAndSet(n, 0)) {
                    return; // detached while running r: the successor owns the queue now
                }
            }
        }

        /** From the pool's monitor: detaches if the current task has run for longer than {@link #BLOCKED_MILLIS}. */
        void detachIfBlocked(long nowNanos) {
            long n = running.get();
            long started = startedNanos;
            if (n > 0 && running.get() == n && nowNanos - started > TimeUnit.MILLISECONDS.toNanos(BLOCKED_MILLIS)) {
                detach(n, "ran for more than " + BLOCKED_MILLIS + " ms");
            }
        }

        /** The task running now is about to block. */
        void detach() {
            long n = running.get();
            if (n > 0) {
                detach(n, "blocks on one of the client's futures");
            }
        }

        private void detach(long n, String why) {
            if (running.compareAndSet(n, -1)) {
                LOG.debug("{}: a task {}; the tasks behind it go on on another thread", name, why);
                Drainer next = new Drainer();
                owner.set(next);
                pool.execute(next);
            }
        }
    }
}
