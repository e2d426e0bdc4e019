/* spec/mqtt_as.md §5.2: the up/down events latch until the application clears them. */
package io.mqttas.session.internal;

import io.mqttas.session.Event;

import java.time.Duration;

/** A latched event: set stays set until {@link #clear()}; waiters wake on set. */
final class LatchedEvent implements Event {
    private boolean set;

    synchronized void set() {
        set = true;
        notifyAll();
    }

    @Override
    public synchronized void await() throws InterruptedException {
        while (!set) {
            wait();
        }
    }

    @Override
    public synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!set) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return true;
    }

    @Override
    public synchronized boolean isSet() {
        return set;
    }

    @Override
    public synchronized void clear() {
        set = false;
    }
}
