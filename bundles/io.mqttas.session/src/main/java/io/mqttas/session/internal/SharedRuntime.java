/* DESIGN.md §6 and issue 9 item 16: the few threads every client shares, started with the first client and ended with the last. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of all clients in this JVM (a client has none of its own):
 * <ul>
 * <li>{@code mqttas-io-N}: {@value #IO_THREADS_PROPERTY} selector loops ({@link IoLoop}), default 1
 * on up to 2 cores, else cores/2 up to 4; clients are spread over them round-robin;</li>
 * <li>{@code mqttas-timer}: the shared {@link SharedScheduler};</li>
 * <li>{@code mqttas-complete-N}: completions and listeners ({@link CompletionPool}), on demand, idle
 * ones end after 10 s, at most {@value #COMPLETION_THREADS_PROPERTY} (default 256);</li>
 * <li>{@code mqttas-work-N}: DNS lookups and TLS handshake computations, on demand, at most 4.</li>
 * </ul>
 * Reference counted: {@link #acquire()} per client, {@link Handle#close()} when it closes; the last
 * one stops every thread (joined with a deadline).
 */
public final class SharedRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(SharedRuntime.class);
    static final String IO_THREADS_PROPERTY = "mqttas.io.threads";
    static final String COMPLETION_THREADS_PROPERTY = "mqttas.completion.threads";
    private static final long STOP_MILLIS = 2000;
    private static final Object LOCK = new Object();
    private static SharedRuntime instance;
    private static int users;

    private final IoLoop[] loops;
    private final SharedScheduler timer = new SharedScheduler();
    private final CompletionPool completions;
    private final CompletionPool work = new CompletionPool("mqttas-work", 4, 10_000);
    private final AtomicInteger next = new AtomicInteger();

    private SharedRuntime() {
        int cores = Runtime.getRuntime().availableProcessors();
        int n = Integer.getInteger(IO_THREADS_PROPERTY, cores <= 2 ? 1 : Math.min(4, cores / 2));
        loops = new IoLoop[Math.max(1, Math.min(64, n))];
        try {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new IoLoop("mqttas-io-" + (i + 1));
            }
        } catch (IOException e) {
            for (IoLoop l : loops) {
                if (l != null) {
                    l.stop(STOP_MILLIS);
                }
            }
            timer.stop(STOP_MILLIS);
            throw new UncheckedIOException("cannot open a selector", e);
        }
        completions = new CompletionPool("mqttas-complete", Integer.getInteger(COMPLETION_THREADS_PROPERTY, 256), 10_000);
        completions.watchBlocking(timer);
    }

    /** A handle on the shared threads (started with the first). */
    public static Handle acquire() {
        synchronized (LOCK) {
            if (instance == null) {
                instance = new SharedRuntime();
            }
            users++;
            return new Handle(instance);
        }
    }

    private static void release(SharedRuntime rt) {
        synchronized (LOCK) {
            if (rt != instance || --users > 0) {
                return;
            }
            instance = null;
        }
        for (IoLoop l : rt.loops) {
            l.stop(STOP_MILLIS);
        }
        rt.timer.stop(STOP_MILLIS);
        rt.completions.stop(STOP_MILLIS);
        rt.work.stop(STOP_MILLIS);
        LOG.debug("shared client threads stopped");
    }

    /** One client's (or one test's) use of the shared threads. */
    public static final class Handle implements AutoCloseable {
        private final SharedRuntime rt;
        private boolean closed;

        private Handle(SharedRuntime rt) {
            this.rt = rt;
        }

        /** The next selector loop, round-robin. */
        IoLoop nextLoop() {
            return rt.loops[Math.floorMod(rt.next.getAndIncrement(), rt.loops.length)];
        }

        SharedScheduler timer() {
            return rt.timer;
        }

        CompletionPool completions() {
            return rt.completions;
        }

        CompletionPool work() {
            return rt.work;
        }

        /** Gives the threads back (idempotent); the last handle stops them. */
        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(rt);
        }
    }
}
