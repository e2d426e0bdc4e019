/* DESIGN.md §6: time comes from an injectable clock; timers run on one shared scheduler. */
package io.mqttas.session.internal;

/**
 * The clock and the timers of a client. The real one ({@link SharedScheduler}) is backed by one
 * thread shared by every client; tests use a manual clock that runs due timers when advanced, so
 * timing rules (ping interval, 4 silent intervals, response_time) are tested without sleeping.
 * Timer tasks must be short and must not block.
 */
public interface Scheduler {

    /** A scheduled task that can be cancelled (idempotent). */
    interface Task {
        void cancel();
    }

    /** Milliseconds on a monotonic clock. */
    long nowMillis();

    /** Runs {@code task} once after {@code delayMillis}. */
    Task schedule(long delayMillis, Runnable task);

    /**
     * Runs a future's completion off the client's own threads, so a caller that blocks in a
     * dependent stage cannot stall the connection or the listeners.
     */
    default void complete(Runnable completion) {
        completion.run();
    }

    /** Gives back this handle (the shared thread stops when no client holds one). */
    default void release() {
    }
}
