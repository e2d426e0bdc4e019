/*
 * Test helper (issue 9 item 17): how a soak steers a load thread — message n may go out only while
 * the load is not paused and n is below the allowed limit; a pause is complete once the thread is
 * parked at the gate. Shared by Qos1Load (the client under test) and ProducerLoad (the far end).
 */
package io.mqttas.session.it;

import java.time.Duration;

final class LoadGate {
    private boolean paused;
    private boolean parked;
    private boolean stopped;
    private int limit = Integer.MAX_VALUE;

    /** Load thread: waits until message {@code n} may go out; false once stopped. */
    synchronized boolean pass(int n) throws InterruptedException {
        while ((paused || n >= limit) && !stopped) {
            parked = true;
            notifyAll();
            wait(100);
        }
        parked = false;
        return !stopped;
    }

    /** Load thread: it has ended (counts as parked for ever). */
    synchronized void finished() {
        parked = true;
        notifyAll();
    }

    /** Messages numbered below {@code upTo} only, until raised; all by default. */
    synchronized void allow(int upTo) {
        limit = upTo;
        notifyAll();
    }

    /** Pauses and waits until the load thread is parked; false at the deadline. */
    synchronized boolean pauseAndPark(Duration deadline) throws InterruptedException {
        paused = true;
        long end = System.nanoTime() + deadline.toNanos();
        while (!parked) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 20));
        }
        return true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    synchronized boolean stopped() {
        return stopped;
    }
}
