/* spec/mqtt_as.md §8.4, B10 and issue 9 item 12: DNS, TCP connect and TLS handshake, each step bounded, none blocking a loop. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

/**
 * Opens {@link NioTransport}s on one {@link IoLoop}. An attempt resolves the host name again every
 * time (B10) on the work pool — the JDK's resolver blocks, so it never runs on a loop — then tries
 * each address with a non-blocking connect, then runs the TLS handshake when configured. The whole
 * attempt has one deadline ({@code timeoutMillis}, the client's {@code response_time}) on the real
 * timer: a DNS server that never answers fails the attempt at the deadline (the lookup thread is
 * left to finish on its own; the work pool has at most 4).
 */
final class NioTransports implements Transport.Factory {
    private static final Logger LOG = LoggerFactory.getLogger(NioTransports.class);

    /** Host name resolution (the JDK's by default; tests give a slow one). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    static final Resolver JDK_RESOLVER = InetAddress::getAllByName;

    private final IoLoop loop;
    private final Executor work;
    private final Scheduler timer;
    private final Resolver resolver;
    private final TlsContext tls;
    private final int sendBuffer;

    NioTransports(IoLoop loop, Executor work, Scheduler timer, Resolver resolver, TlsContext tls, int sendBuffer) {
        this.loop = loop;
        this.work = work;
        this.timer = timer;
        this.resolver = resolver;
        this.tls = tls;
        this.sendBuffer = sendBuffer;
    }

    @Override
    public Transport.Attempt open(String host, int port, long timeoutMillis, Transport.Callback callback) {
        ConnectAttempt a = new ConnectAttempt(host, port, timeoutMillis, callback);
        loop.execute(a::start);
        return a;
    }

    /** Literal IPv4/IPv6 addresses need no lookup. */
    static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private final class ConnectAttempt implements Transport.Attempt, IoLoop.Handler {
        private final String host;
        private final int port;
        private final long timeoutMillis;
        private final Transport.Callback callback;
        private volatile boolean done;
        private Scheduler.Task deadline = Scheduler.NONE;
        private InetAddress[] addresses;
        private int next;
        private IOException last;
        private volatile SocketChannel channel;
        private SelectionKey key;
        private TlsSession session;
        private String stage = "DNS resolution";

        ConnectAttempt(String host, int port, long timeoutMillis, Transport.Callback callback) {
            this.host = host;
            this.port = port;
            this.timeoutMillis = timeoutMillis;
            this.callback = callback;
        }

        void start() {
            if (done) {
                return;
            }
            deadline = timer.schedule(timeoutMillis, () -> loop.execute(() -> fail(new SocketTimeoutException(stage + " for "
                    + host + ":" + port + " did not finish within " + timeoutMillis + " ms (response_time)"))));
            if (isLiteral(host)) {
                try {
                    resolved(new InetAddress[] {InetAddress.getByName(host)});
                } catch (UnknownHostException e) {
                    fail(e);
                }
                return;
            }
            work.execute(() -> {
                try {
                    InetAddress[] a = resolver.resolve(host);
                    loop.execute(() -> resolved(a));
                } catch (UnknownHostException | RuntimeException e) {
                    loop.execute(() -> fail(new UnknownHostException("cannot resolve broker host " + host + ": " + e.getMessage())));
                }
            });
        }

        private void resolved(InetAddress[] a) {
            if (done) {
                return;
            }
            addresses = a;
            stage = "TCP connect";
            connectNext();
        }

        private void connectNext() {
            while (!done) {
                if (next >= addresses.length) {
                    fail(last != null ? last : new IOException("no address for " + host));
                    return;
                }
                InetSocketAddress to = new InetSocketAddress(addresses[next++], port);
                SocketChannel ch = null;
                try {
                    ch = SocketChannel.open();
                    channel = ch;
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                    if (sendBuffer > 0) {
                        ch.setOption(StandardSocketOptions.SO_SNDBUF, sendBuffer);
                    }
                    key = loop.register(ch, 0, this);
                    if (ch.connect(to)) {
                        connected();
                    } else {
                        key.interestOps(SelectionKey.OP_CONNECT);
                    }
                    return;
                } catch (IOException e) {
                    last = e;
                    closeQuietly(ch);
                }
            }
        }

        @Override
        public void ready(int readyOps) throws IOException {
            if (done) {
                return;
            }
            if (session != null) {
                handshake();
                return;
            }
            try {
                if (channel.finishConnect()) {
                    connected();
                }
            } catch (IOException e) {
                last = e;
                closeQuietly(channel);
                connectNext();
            }
        }

        private void connected() throws IOException {
            key.interestOps(0);
            if (tls == null) {
                succeed("tcp://" + host + ":" + port);
                return;
            }
            stage = "TLS handshake";
            session = new TlsSession(tls.newEngine(host, port));
            session.begin();
            handshake();
        }

        private void handshake() throws IOException {
            switch (session.handshake(channel, loop)) {
                case READ -> key.interestOps(SelectionKey.OP_READ);
                case WRITE -> key.interestOps(SelectionKey.OP_WRITE);
                case DONE -> succeed("ssl://" + host + ":" + port);
            }
        }

        private void succeed(String scheme) throws IOException {
            done = true;
            deadline.cancel();
            String address = channel.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
            String sni = session != null ? ", SNI " + tls.sniName(host) : "";
            callback.opened(new NioTransport(loop, channel, key, session, scheme + " (" + address + sni + ")"));
        }

        @Override
        public void failed(Throwable t) {
            fail(t);
        }

        private void fail(Throwable t) {
            if (done) {
                return;
            }
            done = true;
            deadline.cancel();
            closeQuietly(channel);
            callback.failed(t);
        }

        @Override
        public void cancel() {
            done = true;
            deadline.cancel();
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.trace("close: {}", e.toString());
            }
        }
    }
}
