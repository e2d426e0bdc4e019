/* spec/mqtt_as.md §4.8, §4.9 and issue 9 items 3, 5: brokerUp() answered by a PINGRESP, wanOk() by a DNS answer, neither holding a thread. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code brokerUp()}: true at once if a whole packet arrived in the last second, else a PINGREQ must
 * be answered by a PINGRESP (not by other bytes) within {@code response_time}. {@code wanOk()}: the
 * original's DNS query (id 0x241A, {@code www.google.com} A IN) sent over a non-blocking UDP channel
 * on the client's selector loop, true if an answer of at least 32 bytes comes within
 * {@code response_time} — its own deadline, no lock, no shared buffer (H10), no pool thread.
 */
final class BrokerProbe {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerProbe.class);
    static final byte[] QUERY = {0x24, 0x1a, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x03, 'w', 'w', 'w', 0x06, 'g', 'o', 'o', 'g', 'l', 'e', 0x03, 'c', 'o', 'm', 0x00, 0x00, 0x01, 0x00, 0x01};

    private record Waiter(Connection conn, ClientFuture<Boolean> result, Scheduler.Task[] deadline) {
    }

    private final ClientContext ctx;
    private final Completions done;
    private final IoLoop udpLoop;
    private final Scheduler realTimer;
    private final List<Waiter> waiters = new ArrayList<>();

    BrokerProbe(ClientContext ctx, Completions done, IoLoop udpLoop, Scheduler realTimer) {
        this.ctx = ctx;
        this.done = done;
        this.udpLoop = udpLoop;
        this.realTimer = realTimer;
    }

    /** Under the lock; {@code c} is the open connection or null. */
    ClientFuture<Boolean> brokerUp(Connection c, Operations ops) {
        if (c == null || !c.open()) {
            return ClientFuture.completed(false);
        }
        long now = ctx.clock.nowMillis();
        if (now - c.liveness.lastPacketAt() < 1000) {
            return ClientFuture.completed(true);
        }
        Waiter w = new Waiter(c, new ClientFuture<>(), new Scheduler.Task[1]);
        waiters.add(w);
        w.deadline()[0] = ctx.later(ctx.config.responseTimeMillis(), () -> finish(w, false));
        if (!c.liveness.pingOutstanding()) {
            c.liveness.pingQueued(now);
            c.writer.control(Frames.PINGREQ);
            ops.flush(c);
        }
        return w.result();
    }

    /** A PINGRESP arrived on {@code c}. */
    void pingResp(Connection c) {
        for (Waiter w : new ArrayList<>(waiters)) {
            if (w.conn() == c) {
                finish(w, true);
            }
        }
    }

    /** {@code c} is gone: whoever waits on it hears false. */
    void connectionLost(Connection c) {
        for (Waiter w : new ArrayList<>(waiters)) {
            if (w.conn() == c) {
                finish(w, false);
            }
        }
    }

    private void finish(Waiter w, boolean up) {
        if (waiters.remove(w)) {
            w.deadline()[0].cancel();
            done.complete(w.result(), up);
        }
    }

    /** The DNS probe; {@code connected} as the client sees it now. */
    ClientFuture<Boolean> wanOk(boolean connected) {
        ClientFuture<Boolean> f = new ClientFuture<>();
        if (!connected) {
            f.complete(false);
            return f;
        }
        io.mqttas.session.MqttConfig.Server s = ConfigMap.hostPort("wan_ok_server", ctx.config.wanOkServer());
        int port = s.port() == 0 ? 53 : s.port();
        Runnable ask = () -> {
            InetAddress address;
            try {
                address = InetAddress.getByName(s.host()); // a literal needs no lookup; a name is resolved off the loop
            } catch (IOException e) {
                LOG.debug("wan_ok: cannot resolve {}: {}", s.host(), e.toString());
                done.complete(f, false);
                return;
            }
            udpLoop.execute(() -> new Query(f).send(address, port));
        };
        if (NioTransports.isLiteral(s.host())) {
            ask.run();
        } else {
            ctx.work.execute(ask);
        }
        return f;
    }

    /** One UDP query on the loop. */
    private final class Query implements IoLoop.Handler {
        private final ClientFuture<Boolean> result;
        private DatagramChannel channel;
        private Scheduler.Task deadline = Scheduler.NONE;
        private boolean over;

        Query(ClientFuture<Boolean> result) {
            this.result = result;
        }

        void send(InetAddress host, int port) {
            try {
                channel = DatagramChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress(host, port));
                udpLoop.register(channel, SelectionKey.OP_READ, this);
                deadline = realTimer.schedule(ctx.config.responseTimeMillis(), () -> udpLoop.execute(() -> end(false)));
                channel.write(ByteBuffer.wrap(QUERY));
            } catch (IOException | RuntimeException e) {
                LOG.debug("wan_ok: cannot ask {}:{}: {}", host, port, e.toString());
                end(false);
            }
        }

        @Override
        public void ready(int readyOps) throws IOException {
            int n = channel.read(ByteBuffer.allocate(512));
            if (n >= 0) {
                end(n >= 32);
            }
        }

        @Override
        public void failed(Throwable t) {
            LOG.debug("wan_ok: no answer: {}", t.toString());
            end(false);
        }

        private void end(boolean answered) {
            if (over) {
                return;
            }
            over = true;
            deadline.cancel();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    LOG.trace("close: {}", e.toString());
                }
            }
            done.complete(result, answered);
        }
    }
}
