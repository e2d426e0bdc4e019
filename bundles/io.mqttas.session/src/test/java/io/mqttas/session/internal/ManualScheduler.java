/* DESIGN.md §6: a fake clock for the session's timing rules; timers run when the test advances time. */
package io.mqttas.session.internal;

import java.util.PriorityQueue;

/** Time stands still until {@link #advance}; due timers then run on the test's thread, in time order. */
final class ManualScheduler implements Scheduler {
    private record Timer(long due, long seq, Runnable task, boolean[] cancelled) {
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now = 1_000_000;
    private long seq;

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized Task schedule(long delayMillis, Runnable task) {
        boolean[] cancelled = {false};
        timers.add(new Timer(now + Math.max(0, delayMillis), seq++, task, cancelled));
        return () -> {
            synchronized (ManualScheduler.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Moves the clock forward by {@code millis}, running every timer that falls due. */
    void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Timer t;
            synchronized (this) {
                t = timers.peek();
                if (t == null || t.due > target) {
                    now = target;
                    return;
                }
                timers.poll();
                now = Math.max(now, t.due);
                if (t.cancelled[0]) {
                    continue;
                }
            }
            t.task.run();
        }
    }

    /** When the next live timer is due, or Long.MAX_VALUE. */
    synchronized long nextDue() {
        while (!timers.isEmpty() && timers.peek().cancelled[0]) {
            timers.poll();
        }
        return timers.isEmpty() ? Long.MAX_VALUE : timers.peek().due;
    }

    /** Advances in steps so threads woken by a timer get to act between steps. */
    void advanceSlowly(long millis, long step) throws InterruptedException {
        for (long done = 0; done < millis; done += step) {
            advance(Math.min(step, millis - done));
            Thread.sleep(2);
        }
    }
}
