/* Issue 9 item 8 (and item 3's rule): an outbox's futures complete in order, off the committer thread. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one outbox's completions, in the order the committer produced them, on an executor (the
 * session's own, or the committer's default pool). At most one drain task per outbox is queued at a
 * time, so a client whose dependent stage blocks delays only its own completions and the executor's
 * queue stays bounded by the number of outboxes. If the given executor refuses (shut down), the
 * fallback runs the drain, and if that refuses too, a short-lived thread: every future completes.
 */
final class OutboxCompletions {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxCompletions.class);

    private final Executor executor;
    private final Executor fallback;
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private boolean draining;

    OutboxCompletions(Executor executor, Executor fallback) {
        this.executor = executor;
        this.fallback = fallback;
    }

    void deliver(List<Runnable> completions) {
        if (completions.isEmpty()) {
            return;
        }
        synchronized (ready) {
            ready.addAll(completions);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            try {
                fallback.execute(this::drain);
            } catch (RejectedExecutionException again) {
                // Both shut down (a session closed its executor before its outbox): a future must still complete.
                Thread t = new Thread(this::drain, "mqttas-outbox-done-last");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable r;
            synchronized (ready) {
                r = ready.poll();
                if (r == null) {
                    draining = false;
                    return;
                }
            }
            try {
                r.run();
            } catch (Throwable t) {
                LOG.warn("outbox: a completion stage failed (ignored)", t);
            }
        }
    }
}
