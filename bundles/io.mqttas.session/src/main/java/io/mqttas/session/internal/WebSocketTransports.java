/* Issue 13 item 6: opening a WebSocket to a broker — connect and upgrade within response_time, subprotocol mqtt, clear errors for a refused upgrade. */
package io.mqttas.session.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Opens {@link WebSocketTransport}s for {@code ws://} (or, with a TLS lease, {@code wss://})
 * servers. The JDK client resolves the host name (again on every attempt), connects, runs TLS and
 * the HTTP upgrade offering subprotocol {@code mqtt}; {@code buildAsync} is called on the work pool
 * (the JDK may resolve on the calling thread) and the whole attempt has one deadline,
 * {@code response_time}, on the shared timer, besides the JDK's own connect timeout. An upgrade the
 * server refuses fails with its HTTP status; a server that accepts the WebSocket without choosing
 * {@code mqtt} is refused by us (MQTT-6.0.0-3/4 make it the server's duty), naming what it chose.
 */
final class WebSocketTransports implements Transport.Factory {
    static final String SUBPROTOCOL = "mqtt";

    private final IoLoop loop;
    private final Executor work;
    private final Scheduler timer;
    private final WebSocketClients.Lease http;
    private final String scheme;

    WebSocketTransports(IoLoop loop, Executor work, Scheduler timer, WebSocketClients.Lease http, boolean tls) {
        this.loop = loop;
        this.work = work;
        this.timer = timer;
        this.http = http;
        this.scheme = tls ? "wss" : "ws";
    }

    @Override
    public Transport.Attempt open(String host, int port, long timeoutMillis, Transport.Callback callback) {
        return open(new io.mqttas.session.MqttConfig.Server(host, port, scheme, "/mqtt"), timeoutMillis, callback);
    }

    @Override
    public Transport.Attempt open(io.mqttas.session.MqttConfig.Server server, long timeoutMillis, Transport.Callback callback) {
        String host = server.host().indexOf(':') >= 0 ? "[" + server.host() + "]" : server.host();
        URI uri = URI.create(scheme + "://" + host + ":" + server.port() + (server.path() == null ? "/mqtt" : server.path()));
        Upgrade a = new Upgrade(uri, server.toString(), timeoutMillis, callback);
        a.start();
        return a;
    }

    /** Releases this factory's hold on the shared HttpClient. */
    void close() {
        http.close();
    }

    private final class Upgrade implements Transport.Attempt {
        private final URI uri;
        /** The URL for logs and errors (a query redacted). */
        private final String shown;
        private final long timeoutMillis;
        private final Transport.Callback callback;
        private final WebSocketTransport transport;
        private boolean done; // guarded by this
        private Scheduler.Task deadline = Scheduler.NONE;

        Upgrade(URI uri, String shown, long timeoutMillis, Transport.Callback callback) {
            this.uri = uri;
            this.shown = shown;
            this.timeoutMillis = timeoutMillis;
            this.callback = callback;
            this.transport = new WebSocketTransport(loop, timer, shown, http.sending());
        }

        void start() {
            Scheduler.Task t = timer.schedule(timeoutMillis, () -> fail(new SocketTimeoutException("WebSocket connect and upgrade to "
                    + shown + " did not finish within " + timeoutMillis + " ms (response_time)")));
            synchronized (this) {
                deadline = t;
            }
            work.execute(() -> {
                synchronized (this) {
                    if (done) {
                        return;
                    }
                }
                try {
                    http.http().newWebSocketBuilder().subprotocols(SUBPROTOCOL).connectTimeout(Duration.ofMillis(timeoutMillis))
                            .buildAsync(uri, transport).whenComplete((ws, e) -> {
                                if (e != null) {
                                    fail(explain(shown, e, timeoutMillis));
                                } else {
                                    opened(ws);
                                }
                            });
                } catch (RuntimeException e) {
                    fail(new IOException("WebSocket to " + shown + ": " + e.getMessage(), e));
                }
            });
        }

        private void opened(WebSocket ws) {
            String chosen = ws.getSubprotocol();
            if (!SUBPROTOCOL.equals(chosen)) {
                ws.abort();
                fail(new IOException("WebSocket upgrade to " + shown + ": the server did not accept subprotocol '" + SUBPROTOCOL + "' ("
                        + (chosen == null || chosen.isEmpty() ? "it chose none" : "it chose '" + chosen + "'")
                        + "); is this an MQTT WebSocket endpoint?"));
                return;
            }
            synchronized (this) {
                if (done) {
                    ws.abort();
                    return;
                }
                done = true;
                deadline.cancel();
            }
            callback.opened(transport);
        }

        private void fail(Throwable cause) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                deadline.cancel();
            }
            transport.close();
            callback.failed(cause);
        }

        @Override
        public void cancel() {
            synchronized (this) {
                done = true;
                deadline.cancel();
            }
            transport.close();
        }
    }

    /** A failure of the JDK's connect or upgrade, said the way a user can act on it. */
    static Throwable explain(String uri, Throwable e, long timeoutMillis) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            String hint = switch (status) {
                case 404 -> " (nothing at that path: check websocket_path or the URL's path)";
                case 200 -> " (a plain HTTP server, not a WebSocket endpoint)";
                case 400, 426 -> " (the server does not take this WebSocket upgrade)";
                case 401, 403 -> " (the server wants authorisation)";
                default -> "";
            };
            return new IOException("WebSocket upgrade to " + uri + " refused: HTTP " + status + hint, e);
        }
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
            SocketTimeoutException t = new SocketTimeoutException("WebSocket connect and upgrade to " + uri + " did not finish within "
                    + timeoutMillis + " ms (response_time)");
            t.initCause(e);
            return t;
        }
        if (e instanceof ConnectException) {
            String why = e.getMessage() != null ? e.getMessage() : e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : "connection refused";
            ConnectException c = new ConnectException("WebSocket connect to " + uri + ": " + why);
            c.initCause(e);
            return c;
        }
        return new IOException("WebSocket upgrade to " + uri + " failed: " + e, e);
    }
}
