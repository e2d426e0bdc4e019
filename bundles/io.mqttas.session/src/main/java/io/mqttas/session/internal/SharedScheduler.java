/* DESIGN.md §6: one timer thread shared by every client, gone when the last client closes. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real scheduler: one daemon thread ({@code mqttas-timer}) for all clients, reference counted
 * so that it ends when the last client releases it. A throwing task is logged, never fatal.
 */
public final class SharedScheduler implements Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SharedScheduler.class);
    private static final Object LOCK = new Object();
    private static ScheduledThreadPoolExecutor executor;
    private static int users;
    private static java.util.concurrent.ThreadPoolExecutor completer;
    private static final java.util.concurrent.atomic.AtomicInteger COMPLETER_THREADS = new java.util.concurrent.atomic.AtomicInteger();

    private final ScheduledThreadPoolExecutor mine;
    private final java.util.concurrent.ThreadPoolExecutor myCompleter;
    private boolean released;

    private SharedScheduler(ScheduledThreadPoolExecutor mine, java.util.concurrent.ThreadPoolExecutor myCompleter) {
        this.mine = mine;
        this.myCompleter = myCompleter;
    }

    @Override
    public void complete(Runnable completion) {
        try {
            myCompleter.execute(completion);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            completion.run();
        }
    }

    /** A handle on the shared timer thread (started on first use). */
    public static SharedScheduler acquire() {
        synchronized (LOCK) {
            if (executor == null) {
                executor = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "mqttas-timer");
                    t.setDaemon(true);
                    return t;
                });
                executor.setRemoveOnCancelPolicy(true);
                executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            }
            if (completer == null) {
                // Completion threads come and go with demand (idle ones end after 5 s), at most 8.
                completer = new java.util.concurrent.ThreadPoolExecutor(0, 8, 5, TimeUnit.SECONDS,
                        new java.util.concurrent.SynchronousQueue<>(), r -> {
                            Thread t = new Thread(r, "mqttas-complete-" + COMPLETER_THREADS.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
            }
            users++;
            return new SharedScheduler(executor, completer);
        }
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000L;
    }

    @Override
    public Task schedule(long delayMillis, Runnable task) {
        try {
            ScheduledFuture<?> f = mine.schedule(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.warn("timer task failed (ignored)", t);
                }
            }, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return () -> { };
        }
    }

    @Override
    public void release() {
        ScheduledThreadPoolExecutor toStop = null;
        java.util.concurrent.ThreadPoolExecutor completerToStop = null;
        synchronized (LOCK) {
            if (released) {
                return;
            }
            released = true;
            users--;
            if (users == 0 && executor == mine) {
                toStop = executor;
                executor = null;
                completerToStop = completer;
                completer = null;
            }
        }
        if (toStop != null) {
            toStop.shutdownNow();
            completerToStop.shutdown();
            try {
                toStop.awaitTermination(2, TimeUnit.SECONDS);
                completerToStop.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
