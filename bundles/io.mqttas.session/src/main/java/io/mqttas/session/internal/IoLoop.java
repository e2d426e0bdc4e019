/* DESIGN.md §6 and issue 9 items 3, 10, 16: a shared selector thread serving many clients' sockets and events. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code mqttas-io-N} thread with a {@link Selector}: it runs the non-blocking channels of many
 * clients (connect, read, write readiness) and the events posted to it ({@link #execute}: timer
 * events, link changes, connection steps). Everything it runs is short and never blocks; application
 * code never runs here (completions and listeners go to each client's {@link OrderedExecutor}).
 *
 * <p>A handler or task that throws — anything, {@link Error}s included — is logged and costs only
 * that handler's channel ({@link Handler#failed}); the loop carries on (issue 9 item 10).
 *
 * <p>The loop owns one read buffer that every channel reads into in turn: an idle connection holds
 * no read buffer of its own (issue 9 item 16, heap per idle client).
 */
final class IoLoop implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);
    /** Size of the shared read buffer: one read takes at most this much from one channel, then the next gets its turn. */
    static final int READ_BUFFER = 64 * 1024;

    /** What a registered channel does when it is ready. */
    interface Handler {
        /** The channel is ready for {@code readyOps}; runs on the loop thread. */
        void ready(int readyOps) throws IOException;

        /** {@link #ready} threw: close the channel and report the failure. Must not throw. */
        void failed(Throwable t);
    }

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private ByteBuffer appBuffer; // TLS plaintext out of unwrap; made on first use
    private volatile boolean stopped;

    IoLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the loop thread after what is already queued (never inline, even from the loop thread). */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The loop's read buffer, cleared; only for the loop thread, only until the handler returns. */
    ByteBuffer readBuffer() {
        readBuffer.clear();
        return readBuffer;
    }

    /** A second buffer for the loop thread: decrypted TLS data, only until the handler returns. */
    ByteBuffer appBuffer() {
        if (appBuffer == null) {
            appBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
        }
        appBuffer.clear();
        return appBuffer;
    }

    /** Registers {@code channel} for {@code ops}; call on the loop thread. */
    SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        return channel.register(selector, ops, handler);
    }

    private void run() {
        while (!stopped) {
            try {
                runTasks();
                if (tasks.isEmpty()) {
                    selector.select();
                } else {
                    selector.selectNow();
                }
                wakeupPending.set(false);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    dispatch(key);
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (Throwable t) {
                // The selector itself failed (e.g. an I/O error from epoll): log, pause briefly, go on.
                LOG.error("{}: selector failure (continuing)", thread.getName(), t);
                pauseAfterFailure();
            }
        }
    }

    private void dispatch(SelectionKey key) {
        Handler h = (Handler) key.attachment();
        try {
            if (key.isValid()) {
                h.ready(key.readyOps());
            }
        } catch (Throwable t) {
            try {
                h.failed(t);
            } catch (Throwable again) {
                LOG.error("{}: handler failure while failing (ignored)", thread.getName(), again);
            }
        }
    }

    private void runTasks() {
        // Only the tasks queued so far: a task that posts another must not starve the selector.
        for (int n = tasks.size(); n > 0; n--) {
            Runnable r = tasks.poll();
            if (r == null) {
                return;
            }
            try {
                r.run();
            } catch (Throwable t) {
                LOG.error("{}: event failed (ignored, the loop carries on)", thread.getName(), t);
            }
        }
    }

    private static void pauseAfterFailure() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the thread (joined up to {@code millis}) and closes the selector; queued tasks are dropped. */
    void stop(long millis) {
        stopped = true;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector: {}", e.toString());
        }
        if (thread.isAlive() && Thread.currentThread() != thread) {
            LOG.warn("{} did not stop within {} ms", thread.getName(), millis);
        }
    }

    String name() {
        return thread.getName();
    }
}
