/* Issue 13 item 6 and DESIGN.md §6: the JDK HttpClients behind ws:// and wss:// — few, shared, named mqttas-ws-N, gone with their last user. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Every {@link HttpClient} has one selector thread of its own (the JDK's {@code SelectorManager});
 * its other work runs on the executor it is given — here the shared completion pool, so a
 * WebSocket adds no thread per client. Clients with the same proxy and TLS settings share one
 * HttpClient (one selector thread for all plain ws:// clients of a JVM), reference counted: the
 * last {@link Lease#close()} stops it.
 *
 * <p>JDK 17's HttpClient cannot be closed (it stops when garbage collected). So it is built on a
 * short-lived thread of our thread group, which lets us find its selector thread, name it
 * {@code mqttas-ws-N}, and stop it at the last release: {@code shutdownNow()} where the JDK has it
 * (21+), and an interrupt, which ends the selector loop and closes its connections.
 */
final class WebSocketClients {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketClients.class);
    private static final long STOP_MILLIS = 2000;
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final Map<Key, Shared> CLIENTS = new HashMap<>(); // guarded by itself
    /** Where the HttpClients are built, so their selector threads can be found (one group for the JVM, no leak per build). */
    private static final ThreadGroup GROUP = new ThreadGroup("mqttas-ws");

    /** What makes two clients' HttpClients interchangeable. Managers compare by identity. */
    record Key(String proxy, boolean tls, Map<String, String> sslParams, List<Object> managers) {
    }

    private WebSocketClients() {
    }

    /** "host:port" with a port 1..65535. */
    static boolean validProxy(String v) {
        int colon = v.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        try {
            int p = Integer.parseInt(v.substring(colon + 1));
            return p > 0 && p <= 65_535 && !v.substring(0, colon).isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One user's hold on a shared HttpClient. */
    static final class Lease implements AutoCloseable {
        private final Key key;
        private final Shared shared;
        private boolean closed;

        private Lease(Key key, Shared shared) {
            this.key = key;
            this.shared = shared;
        }

        HttpClient http() {
            return shared.http;
        }

        /** Frames handed to {@code sendBinary} and not yet completed, over all users of this HttpClient. */
        AtomicInteger sending() {
            return shared.sending;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(key, shared);
        }
    }

    private static final class Shared {
        final HttpClient http;
        final Thread selector;
        final AtomicInteger sending = new AtomicInteger();
        int users;

        Shared(HttpClient http, Thread selector) {
            this.http = http;
            this.selector = selector;
        }
    }

    /** The HttpClient for {@code key}, built with {@code tls} and {@code executor} if it is the first. */
    static Lease acquire(Key key, Supplier<SSLContext> tls, Executor executor) {
        synchronized (CLIENTS) {
            Shared s = CLIENTS.get(key);
            if (s == null) {
                s = build(key, tls, executor);
                CLIENTS.put(key, s);
            }
            s.users++;
            return new Lease(key, s);
        }
    }

    private static void release(Key key, Shared s) {
        synchronized (CLIENTS) {
            if (--s.users > 0) {
                return;
            }
            CLIENTS.remove(key, s);
        }
        stop(s);
    }

    private static Shared build(Key key, Supplier<SSLContext> tls, Executor executor) {
        HttpClient.Builder b = HttpClient.newBuilder().executor(executor).followRedirects(HttpClient.Redirect.NEVER);
        if (key.proxy().isEmpty()) {
            b.proxy(HttpClient.Builder.NO_PROXY); // the JVM's proxy settings do not apply unless websocket_proxy says so
        } else {
            int colon = key.proxy().lastIndexOf(':');
            b.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(key.proxy().substring(0, colon),
                    Integer.parseInt(key.proxy().substring(colon + 1)))));
        }
        if (key.tls()) {
            b.sslContext(tls.get());
        }
        String name = "mqttas-ws-" + NUMBERS.incrementAndGet();
        HttpClient[] built = new HttpClient[1];
        RuntimeException[] failed = new RuntimeException[1];
        Thread starter = new Thread(GROUP, () -> {
            try {
                built[0] = b.build();
            } catch (RuntimeException e) {
                failed[0] = e;
            }
        }, name + "-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join(STOP_MILLIS * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        if (built[0] == null) {
            throw new IllegalStateException("the JDK HttpClient for WebSockets did not start");
        }
        // Builds run one at a time (under CLIENTS): the one thread of the group not named by us yet is the new selector.
        Thread selector = null;
        Thread[] threads = new Thread[64];
        int n = GROUP.enumerate(threads);
        for (int i = 0; i < n; i++) {
            if (threads[i] != starter && !threads[i].getName().startsWith("mqttas-ws-")) {
                selector = threads[i];
                selector.setName(name);
            }
        }
        LOG.debug("{}: HttpClient for WebSockets started (proxy '{}', tls {})", name, key.proxy(), key.tls());
        return new Shared(built[0], selector);
    }

    private static void stop(Shared s) {
        // A DISCONNECT just handed over may still be on its way to the socket: let it go out first.
        long end = System.nanoTime() + WebSocketTransport.CLOSE_GRACE_MILLIS * 1_000_000;
        while (s.sending.get() > 0 && System.nanoTime() - end < 0) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(s.http); // JDK 21+
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.trace("HttpClient.shutdownNow: {}", e.toString());
        }
        if (s.selector != null) {
            s.selector.interrupt(); // JDK 17: the selector loop ends on interrupt and closes its channels
            try {
                s.selector.join(STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (s.selector.isAlive()) {
                LOG.warn("{}: the JDK's WebSocket selector thread did not stop within {} ms", s.selector.getName(), STOP_MILLIS);
            }
        }
    }
}
