/* DESIGN.md §6: one timer thread shared by every client. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock and timer: one daemon thread ({@code mqttas-timer}) for all clients, owned by the
 * {@link SharedRuntime}. Tasks must be short and non-blocking (they post events); one that throws
 * is logged, never fatal.
 */
public final class SharedScheduler implements Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SharedScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    SharedScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mqttas-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000L;
    }

    @Override
    public Task schedule(long delayMillis, Runnable task) {
        try {
            ScheduledFuture<?> f = executor.schedule(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.error("timer task failed (ignored)", t);
                }
            }, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return NONE; // shutting down
        }
    }

    void stop(long millis) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
