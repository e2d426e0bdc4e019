/* Issue 9 item 8: group commit — one thread writes and forces the journals of every outbox in this JVM. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared committer: one thread ({@code mqttas-outbox}) takes each outbox with work, writes all
 * the records that outbox gathered since its last commit and forces them with one fsync, so a busy
 * client gets many records per fsync instead of one fsync per message. Callers never wait for it:
 * they only add records to their outbox and wake the committer. The queue holds each outbox at most
 * once (the outbox remembers that it is queued), so it is bounded by the number of open outboxes.
 *
 * <p>It also owns the default completion pool ({@code mqttas-outbox-done-N}, up to 4 threads that
 * end when idle) for outboxes opened without an executor: futures are never completed on the
 * committer thread, whose dependents would otherwise run there. Both are reference counted: they
 * start with the first open outbox and end when the last one closes.
 */
final class OutboxCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxCommitter.class);
    private static final Object LOCK = new Object();
    private static final AtomicInteger DONE_THREADS = new AtomicInteger();
    private static OutboxCommitter shared;

    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ThreadPoolExecutor completions;
    private java.nio.ByteBuffer writeBuffer;
    private int users;
    private volatile boolean running = true;

    private OutboxCommitter() {
        thread = new Thread(this::run, "mqttas-outbox");
        thread.setDaemon(true);
        completions = new ThreadPoolExecutor(4, 4, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new DoneThread(r, "mqttas-outbox-done-" + DONE_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        completions.allowCoreThreadTimeOut(true);
        thread.start();
    }

    /** The shared committer, started if none runs. Pair with {@link #release()}. */
    static OutboxCommitter retain() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = new OutboxCommitter();
            }
            shared.users++;
            return shared;
        }
    }

    /** Gives back a handle; the last one stops the thread and the completion pool, waiting up to {@code joinMillis} for each. */
    void release(long joinMillis) {
        synchronized (LOCK) {
            if (--users > 0) {
                return;
            }
            if (shared == this) {
                shared = null;
            }
        }
        running = false;
        work.offer(() -> { });
        completions.shutdown();
        try {
            thread.join(joinMillis);
            // An outbox closed from one of its own completion stages must not wait for itself.
            boolean self = Thread.currentThread() instanceof DoneThread;
            if (!self && !completions.awaitTermination(joinMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("outbox completion threads still busy {} ms after the last outbox closed (a dependent stage blocks)", joinMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("mqttas-outbox did not end within {} ms (a write or fsync is stuck in the kernel)", joinMillis);
        }
    }

    /** Runs {@code commit} on the committer thread (the caller makes sure each outbox is queued once). */
    void schedule(Runnable commit) {
        work.offer(commit);
    }

    /** The default executor for completions of outboxes opened without one. */
    ExecutorService defaultCompletions() {
        return completions;
    }

    /** The one write buffer of the committer thread (direct, so the JDK does not copy it again). */
    java.nio.ByteBuffer writeBuffer() {
        if (writeBuffer == null) {
            writeBuffer = java.nio.ByteBuffer.allocateDirect(OutboxJournal.WRITE_BUFFER);
        }
        return writeBuffer;
    }

    private void run() {
        while (running || !work.isEmpty()) {
            try {
                Runnable r = work.poll(1, TimeUnit.SECONDS);
                if (r != null) {
                    r.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                // Never die: the outbox's own handler fails the batch; this catches what escapes it.
                LOG.error("mqttas-outbox: a commit failed unexpectedly (the committer carries on)", t);
            }
        }
    }

    /** Marks the default completion threads. */
    private static final class DoneThread extends Thread {
        DoneThread(Runnable r, String name) {
            super(r, name);
        }
    }
}
