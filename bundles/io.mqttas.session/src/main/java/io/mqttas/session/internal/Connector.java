/* spec/mqtt_as.md §8.1, §8.3, §8.4, B1, B4 and robustness.md P1: one connection attempt — link, transport, CONNECT, CONNACK, clean_init — each step with a deadline. */
package io.mqttas.session.internal;

import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Connect;
import io.mqttas.session.MqttConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * A connection attempt, a chain of asynchronous steps on the client's loop:
 * <ol>
 * <li>unless {@code quick}: the link must be stable ({@link LinkStability});</li>
 * <li>the transport opens: DNS, TCP, TLS, within {@code response_time} ({@link Transport.Factory});</li>
 * <li>CONNECT goes out; the CONNACK must come within {@code response_time} of that;</li>
 * <li>CONNACK refused (return code 1–5) fails the attempt with the code (B4: the supervisor backs
 * off, never loops); accepted with session present is success (B1);</li>
 * <li>the clean_init "dance" (§8.3): on the first connection with clean_init and not clean, connect
 * with clean=1, DISCONNECT, pause 2 s, connect again with clean=0.</li>
 * </ol>
 * Every step can be cancelled ({@link Attempt#cancel}: disconnect, close) without waiting for anything.
 */
final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    /** How an attempt ends (called once, under the lock, unless cancelled). */
    interface Outcome {
        void connected(Attempt attempt, Connection c);

        void failed(Attempt attempt, Throwable cause);
    }

    /** The broker refused a CONNECT (return code 1–5 or reserved). */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        final int code;

        Refused(int code, String server) {
            this(code, server, io.mqttas.codec.MqttVersion.MQTT_3_1_1, io.mqttas.codec.MqttProperties.EMPTY);
        }

        Refused(int code, String server, io.mqttas.codec.MqttVersion version, io.mqttas.codec.MqttProperties props) {
            super("broker " + server + " refused the connection: CONNACK " + (version == io.mqttas.codec.MqttVersion.MQTT_5
                    ? "reason code 0x" + Integer.toHexString(code) : "return code " + code) + " (" + ConnAck.describe(code, version) + ")"
                    + props.reasonString().map(r -> ": " + r).orElse("")
                    + props.serverReference().map(r -> "; server reference " + r).orElse(""));
            this.code = code;
        }
    }

    private final ClientContext ctx;
    private final Transport.Factory transports;
    private final LinkStability stability;
    private final Connection.Events events;

    Connector(ClientContext ctx, Transport.Factory transports, Connection.Events events) {
        this.ctx = ctx;
        this.transports = transports;
        this.stability = new LinkStability(ctx);
        this.events = events;
    }

    /** Starts an attempt on {@code server}; {@code first} = the first connection of this run (clean_init applies). */
    Attempt start(MqttConfig.Server server, boolean first, boolean quick, Outcome outcome) {
        Attempt a = new Attempt(server, CleanInitSequence.flags(first, ctx.config.cleanInit(), ctx.config.clean()), outcome);
        a.begin(quick);
        return a;
    }

    static Connect connectPacket(MqttConfig config, boolean clean) {
        return connectPacket(config, clean, config.clientId());
    }

    static Connect connectPacket(MqttConfig config, boolean clean, String clientId) {
        Connect.Will will = null;
        MqttConfig.Will w = config.will();
        if (w != null) {
            will = config.mqttv5() ? new Connect.Will(w.topic(), w.message(), w.qos(), w.retain(), config.mqttv5WillProps())
                    : new Connect.Will(w.topic(), w.message(), w.qos(), w.retain());
        }
        boolean creds = !config.user().isEmpty();
        if (config.mqttv5()) {
            return new Connect(clientId, clean, config.keepalive(), will, creds ? config.user() : null,
                    creds ? config.password() : null, V5Session.connectProperties(config));
        }
        return new Connect(clientId, clean, config.keepalive(), will, creds ? config.user() : null,
                creds ? config.password() : null);
    }

    /** One attempt in progress. All methods run under the session lock. */
    final class Attempt {
        final MqttConfig.Server server;
        private final List<Boolean> flags;
        private final Outcome outcome;
        private final long startedAt = ctx.clock.nowMillis();
        private int step;
        private boolean over;
        private LinkStability.Wait waiting;
        private Transport.Attempt opening;
        private Connection conn;
        private Scheduler.Task pause = Scheduler.NONE;

        private Attempt(MqttConfig.Server server, List<Boolean> flags, Outcome outcome) {
            this.server = server;
            this.flags = flags;
            this.outcome = outcome;
        }

        private void begin(boolean quick) {
            ctx.events.emit(l -> l.connectStart(server.toString()));
            if (quick) {
                open();
            } else {
                waiting = stability.await(this::open, this::fail);
            }
        }

        /** The link changed while this attempt may wait for it to be stable. */
        void linkChanged() {
            if (waiting != null && !over) {
                waiting.ask();
            }
        }

        private void open() {
            if (over) {
                return;
            }
            LOG.debug("{}: connecting to {} (clean={})", ctx.name, server, flags.get(step));
            opening = transports.open(server, ctx.config.responseTimeMillis(), new Transport.Callback() {
                @Override
                public void opened(Transport t) {
                    ctx.onLoop(() -> transportOpened(t));
                }

                @Override
                public void failed(Throwable cause) {
                    ctx.onLoop(() -> fail(cause));
                }
            });
        }

        private void transportOpened(Transport t) {
            opening = null;
            if (over) {
                t.close();
                return;
            }
            Connection c = new Connection(ctx.nextGeneration(), t, server.toString(), ctx, events);
            conn = c;
            t.start(c);
            String id = ctx.assignedClientId != null ? ctx.assignedClientId : ctx.config.clientId();
            c.writer.control(Frames.encode(connectPacket(ctx.config, flags.get(step), id), ctx.config.maxPacketSize(), ctx.version));
            long rt = ctx.config.responseTimeMillis();
            c.connackDeadline = ctx.later(rt, () -> {
                if (conn == c && !c.lost) {
                    fail(new SocketTimeoutException("no CONNACK from " + server + " within " + rt + " ms (response_time)"));
                }
            });
            try {
                c.writer.flush();
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }

        /** Whether {@code c} is this attempt's connection (still in its handshake). */
        boolean owns(Connection c) {
            return conn == c && !over;
        }

        /** The CONNACK of this attempt's connection arrived. */
        void connack(ConnAck ack) {
            Connection c = conn;
            c.connackDeadline.cancel();
            ctx.events.emit(l -> l.connAck(server.toString(), ack.returnCode(), ack.sessionPresent(), ack.properties()));
            if (ack.returnCode() != ConnAck.ACCEPTED) {
                fail(new Refused(ack.returnCode(), server.toString(), ctx.version, ack.properties()));
                return;
            }
            c.connAck = ack.properties();
            if (ctx.v5) {
                c.v5 = new V5Session.Limits(ack.properties(), V5Session.connectProperties(ctx.config));
                V5Session.applyConnAck(ctx, c, ack.properties());
            }
            if (step < flags.size() - 1) {
                // The dance: discard the stale session, then pause before the persistent connect.
                LOG.info("{}: clean_init: discarded any old session; reconnecting with clean=0", ctx.name);
                c.writer.control(Frames.DISCONNECT);
                try {
                    c.writer.flush();
                } catch (IOException | RuntimeException e) {
                    LOG.debug("{}: DISCONNECT of the clean_init sequence failed (ignored): {}", ctx.name, e.toString());
                }
                close(c);
                conn = null;
                step++;
                pause = ctx.later(CleanInitSequence.DANCE_PAUSE_MILLIS, this::open);
                return;
            }
            over = true;
            c.sessionPresent = ack.sessionPresent(); // B1: session present is success, and exposed
            long took = ctx.clock.nowMillis() - startedAt;
            ctx.events.emit(l -> l.connectEnd(server.toString(), ack.sessionPresent(), Duration.ofMillis(took)));
            outcome.connected(this, c);
        }

        /** The attempt failed (a step's error or deadline, or the handshake connection was lost). */
        void fail(Throwable cause) {
            if (over) {
                return;
            }
            cleanUp();
            ctx.events.emit(l -> l.connectFailed(server.toString(), cause));
            outcome.failed(this, cause);
        }

        /** Abandons the attempt without a callback (disconnect, close). */
        void cancel() {
            if (!over) {
                cleanUp();
            }
        }

        private void cleanUp() {
            over = true;
            if (waiting != null) {
                waiting.cancel();
            }
            if (opening != null) {
                opening.cancel();
            }
            pause.cancel();
            if (conn != null) {
                close(conn);
            }
        }

        private void close(Connection c) {
            c.lost = true;
            c.cancelTimers();
            c.transport.close();
        }
    }
}
