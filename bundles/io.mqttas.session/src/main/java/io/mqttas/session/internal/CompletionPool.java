/* DESIGN.md §6 and issue 9 item 3: the shared threads that run completions and listeners, growing under blocking up to a cap. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads {@code <prefix>-N} shared by every client. They start on demand, end after
 * {@code idleMillis} without work, and number at most {@code cap}. A task never runs on the
 * submitting thread: when all threads are busy and the cap is reached, it waits in the queue, and
 * the situation is logged (rate-limited) — something the application runs on the client's threads
 * is blocking.
 *
 * <p>The queue holds drainers of {@link OrderedExecutor}s (at most one per client at a time, plus
 * one per detached drainer), and short side jobs (DNS lookups, TLS handshake tasks) for the work
 * pool, so its length is bounded by the number of clients.
 *
 * <p>A monitor on the shared timer ({@link #watchBlocking}) looks at the running tasks every
 * {@link OrderedExecutor#BLOCKED_MILLIS}/2 ms while any runs, and lets a client's executor hand
 * its queue to another thread when one of its tasks has been running too long.
 */
final class CompletionPool implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionPool.class);

    private final String prefix;
    private final int cap;
    private final long idleMillis;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger numbers = new AtomicInteger();
    private final RateLimitedLog capLog = new RateLimitedLog(LOG, 10_000);
    private int threads; // guarded by this
    private int idle;    // guarded by this
    private boolean stopped;
    private Scheduler monitorClock;
    private boolean monitorScheduled; // guarded by this

    CompletionPool(String prefix, int cap, long idleMillis) {
        this.prefix = prefix;
        this.cap = Math.max(1, cap);
        this.idleMillis = idleMillis;
    }

    /** Enables the blocked-task monitor on {@code clock} (the shared timer). */
    synchronized void watchBlocking(Scheduler clock) {
        this.monitorClock = clock;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (idle == 0) {
                if (threads < cap) {
                    spawn();
                } else {
                    capLog.warn("{}: all {} threads are busy (an application callback or dependent stage is blocking); "
                            + "{} tasks wait", prefix, cap, queue.size());
                }
            }
        }
    }

    private void spawn() {
        threads++;
        Worker w = new Worker();
        Thread t = new Thread(w, prefix + "-" + numbers.incrementAndGet());
        t.setDaemon(true);
        w.thread = t;
        workers.add(w);
        t.start();
    }

    /** One pool thread: takes tasks until idle for {@code idleMillis}. */
    private final class Worker implements Runnable {
        Thread thread;
        volatile OrderedExecutor.Drainer current;

        @Override
        public void run() {
            try {
                while (true) {
                    Runnable r;
                    synchronized (CompletionPool.this) {
                        idle++;
                    }
                    try {
                        r = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        r = null;
                    } finally {
                        synchronized (CompletionPool.this) {
                            idle--;
                        }
                    }
                    if (r == null) {
                        synchronized (CompletionPool.this) {
                            if (stopped || queue.isEmpty()) {
                                threads--;
                                return;
                            }
                        }
                        continue;
                    }
                    runOne(r);
                }
            } finally {
                workers.remove(this);
            }
        }

        private void runOne(Runnable r) {
            if (r instanceof OrderedExecutor.Drainer d) {
                current = d;
                startMonitor();
            }
            try {
                r.run();
            } catch (Throwable t) {
                LOG.error("{}: task failed (ignored, the thread carries on)", thread.getName(), t);
            } finally {
                current = null;
            }
        }
    }

    private void startMonitor() {
        Scheduler clock;
        synchronized (this) {
            if (monitorScheduled || monitorClock == null || stopped) {
                return;
            }
            monitorScheduled = true;
            clock = monitorClock;
        }
        clock.schedule(OrderedExecutor.BLOCKED_MILLIS / 2, this::monitor);
    }

    /** On the timer thread: only reads, compares and enqueues. */
    private void monitor() {
        long now = System.nanoTime();
        boolean busy = false;
        for (Worker w : workers) {
            OrderedExecutor.Drainer d = w.current;
            if (d != null) {
                busy = true;
                d.detachIfBlocked(now);
            }
        }
        Scheduler clock;
        synchronized (this) {
            if (!queue.isEmpty() && idle == 0 && threads < cap && !stopped) {
                spawn(); // covers a task that raced a thread ending on its idle timeout
            }
            if (!busy || stopped) {
                monitorScheduled = false;
                return;
            }
            clock = monitorClock;
        }
        clock.schedule(OrderedExecutor.BLOCKED_MILLIS / 2, this::monitor);
    }

    /** Threads alive now (for tests and the status display). */
    synchronized int threads() {
        return threads;
    }

    /**
     * Ends idle threads at once (joined up to {@code millis}); a thread still running an application
     * callback is not waited for — it ends when the callback returns (daemon threads either way).
     */
    void stop(long millis) {
        synchronized (this) {
            stopped = true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Worker w : workers) {
            if (w.current == null) {
                w.thread.interrupt(); // wakes idle threads; a running listener is left alone
            }
        }
        for (Worker w : workers) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (w.current != null || left <= 0 || w.thread == Thread.currentThread()) {
                if (w.current != null) {
                    LOG.debug("{} still runs an application callback; it ends when that returns", w.thread.getName());
                }
                continue;
            }
            try {
                w.thread.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
