/* spec/mqtt_as.md B3, B15 and DESIGN.md §6: listeners run in order on their own thread, off the I/O thread. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One ordered delivery thread per client ({@code mqttas-<client>-deliver}). Tasks run one after the
 * other in submission order; a task that throws is logged and the next one runs (B3, B15). Incoming
 * messages are bounded: when listeners fall behind, {@link #submitMessage} blocks the reader (TCP
 * back-pressure to the broker) instead of growing without limit, and gives up when the queue is
 * stopped. Link and connect notifications ({@link #submit}) never block, so they may be posted while
 * the session lock is held without risking a deadlock with a listener that calls the client.
 */
final class DeliveryQueue {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Semaphore messageRoom;
    private final Thread thread;
    private volatile boolean stopped;

    DeliveryQueue(String name, int capacity) {
        this.messageRoom = new Semaphore(capacity);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a notification; never blocks. False if stopped. */
    boolean submit(Runnable task) {
        if (stopped) {
            return false;
        }
        return tasks.add(task);
    }

    /** Queues a message delivery, waiting for room; false if stopped (or interrupted while waiting). */
    boolean submitMessage(Runnable task) {
        try {
            while (!stopped) {
                if (messageRoom.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    return tasks.add(() -> {
                        try {
                            task.run();
                        } finally {
                            messageRoom.release();
                        }
                    });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    boolean isDeliveryThread() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        while (true) {
            Runnable r;
            try {
                r = tasks.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                if (stopped) {
                    return;
                }
                continue;
            }
            if (r == STOP || (r == null && stopped)) {
                return;
            }
            if (r != null) {
                try {
                    r.run();
                } catch (Throwable t) {
                    LOG.warn("listener threw (ignored, delivery continues): {}", t.toString(), t);
                }
            }
        }
    }

    /** Stops after the queued tasks (or at once if they do not finish within {@code millis}); joins. */
    void stop(long millis) {
        stopped = true;
        tasks.offer(STOP);
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(millis);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("delivery thread {} did not stop within {} ms (a listener is blocked)", thread.getName(), 2 * millis);
        }
    }
}
