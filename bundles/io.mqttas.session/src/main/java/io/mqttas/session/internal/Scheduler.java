/* DESIGN.md §6: time comes from an injectable clock; timers run on one shared scheduler. */
package io.mqttas.session.internal;

/**
 * The clock and the timers of a client. The real one ({@link SharedScheduler}) is one thread shared
 * by every client; tests use a manual clock that runs due timers when advanced, so timing rules
 * (ping interval, 4 silent intervals, response_time) are tested without sleeping.
 *
 * <p>Timer tasks only hand an event to the client's event loop ({@link java.util.concurrent.Executor#execute}):
 * they never block, never take a client's lock and never run application code, so one client
 * cannot delay another client's timers.
 */
public interface Scheduler {

    /** A scheduled task that can be cancelled (idempotent). */
    interface Task {
        void cancel();
    }

    /** A task that was never scheduled. */
    Task NONE = () -> { };

    /** Milliseconds on a monotonic clock. */
    long nowMillis();

    /** Runs {@code task} once after {@code delayMillis}. */
    Task schedule(long delayMillis, Runnable task);
}
