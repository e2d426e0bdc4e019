/* DESIGN.md §6 and issue 9 items 2, 3: every future completes, on the client's ordered executor, never under the lock. */
package io.mqttas.session.internal;

import java.util.concurrent.CompletableFuture;

/**
 * Completes callers' futures. The completion is handed to the client's {@link OrderedExecutor}, so
 * dependent stages never run on the loop, the timer or a publisher's thread, and never under the
 * session lock — calling from under the lock is safe (it only enqueues). Each future is its own task:
 * a dependent stage that blocks holds back no other completion (no head-of-line blocking across a
 * batch); the executor wakes one pool thread for a burst.
 */
final class Completions {
    private final OrderedExecutor executor;

    Completions(OrderedExecutor executor) {
        this.executor = executor;
    }

    /** Completes an operation's future with its outcome. */
    void complete(Operation op, Object value, Throwable error) {
        executor.execute(op.outcome(value, error));
    }

    <T> void complete(CompletableFuture<T> f, T value) {
        executor.execute(() -> f.complete(value));
    }

    void fail(CompletableFuture<?> f, Throwable error) {
        executor.execute(() -> f.completeExceptionally(error));
    }

    /** Runs {@code task} (application code: a listener) on the executor. */
    void run(Runnable task) {
        executor.execute(task);
    }
}
