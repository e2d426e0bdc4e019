/* spec/mqtt_as.md §4.1, §10, B4, B5, B16, B18 and issue 9 items 2, 7, 13: the connection life cycle — first connect, outages, back-off, fail-over. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttConnectException;
import io.mqttas.session.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reconnect supervisor as a state machine on the client's loop (no thread of its own):
 * IDLE → CONNECTING → CONNECTED → (outage) BACKOFF → CONNECTING …; DISCONNECTING/DISCONNECTED after
 * {@code disconnect()}, CLOSED after {@code close()}.
 * <ul>
 * <li>The first attempt of a run fails the {@code connect()} future with {@link MqttConnectException}
 * (CONNACK code or I/O cause) and returns to IDLE: no automatic retry of a first connect (§4.1), and a
 * {@code connect()} from the failure handler starts a new attempt (item 2).</li>
 * <li>After an outage it backs off with jitter ({@link ReconnectPolicy}); the back-off is reset only
 * once a connection has stayed up for one ping interval, so a broker that accepts and kicks at once
 * (client-id takeover) is not hammered (item 7). A refusal on a reconnect is logged and backed off
 * (B4). A failed attempt moves on to the next server of {@code servers}; a working server is kept
 * (no flapping back when the first returns).</li>
 * <li>The link monitor going down is an outage at once; going up cuts a back-off short.</li>
 * </ul>
 * All methods run under the session lock.
 */
final class Supervisor implements Connector.Outcome {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    enum State { IDLE, CONNECTING, CONNECTED, BACKOFF, DISCONNECTING, DISCONNECTED, CLOSED }

    /** What the supervisor tells the rest of the client. */
    interface Hooks {
        void up(Connection c, boolean first);

        void down(Connection c, String reason);
    }

    private final ClientContext ctx;
    private final Connector connector;
    private final ReconnectPolicy policy;
    private final Completions done;
    private Hooks hooks;
    State state = State.IDLE;
    private Connection current;
    private Connector.Attempt attempt;
    private ClientFuture<Boolean> firstConnect;
    private boolean firstInRun;
    private int serverIndex;
    private Scheduler.Task backoff = Scheduler.NONE;
    private Registration linkRegistration;
    private boolean sessionPresent;

    Supervisor(ClientContext ctx, Connector connector, ReconnectPolicy policy, Completions done) {
        this.ctx = ctx;
        this.connector = connector;
        this.policy = policy;
        this.done = done;
    }

    void hooks(Hooks h) {
        this.hooks = h;
    }

    Connection current() {
        return current;
    }

    boolean sessionPresent() {
        return sessionPresent;
    }

    /** The server to be tried next. */
    MqttConfig.Server nextServer() {
        return server(serverIndex);
    }

    private MqttConfig.Server server(int i) {
        return ctx.config.servers().get(Math.floorMod(i, ctx.config.servers().size()));
    }

    /** {@code connect(quick)}: starts a run, or returns the running one's future ("call once"). */
    ClientFuture<Boolean> connect(boolean quick) {
        if (state == State.CLOSED) {
            return ClientFuture.failed(new MqttClosedException("client is closed"));
        }
        if (state == State.CONNECTING || state == State.CONNECTED || state == State.BACKOFF) {
            return firstConnect;
        }
        firstConnect = new ClientFuture<>();
        firstInRun = true;
        policy.reset();
        if (linkRegistration == null) {
            linkRegistration = ctx.config.linkMonitor().onChange(up -> ctx.onLoop(() -> linkChanged(up)));
        }
        startAttempt(quick);
        return firstConnect;
    }

    private void startAttempt(boolean quick) {
        state = State.CONNECTING;
        attempt = connector.start(server(serverIndex), firstInRun, quick && firstInRun, this);
    }

    /** The handshake connection of the attempt in progress, for the dispatcher. */
    Connector.Attempt attempt() {
        return attempt;
    }

    @Override
    public void connected(Connector.Attempt a, Connection c) {
        if (a != attempt) {
            return;
        }
        attempt = null;
        boolean first = firstInRun;
        firstInRun = false;
        current = c;
        sessionPresent = c.sessionPresent;
        state = State.CONNECTED;
        c.phase = Connection.Phase.OPEN;
        c.connectedAt = ctx.clock.nowMillis();
        // Back-off resets only after the connection has proved itself for a ping interval (item 7).
        c.uptime = ctx.later(ctx.config.pingIntervalMillis(), () -> {
            if (c == current && !c.lost) {
                policy.reset();
            }
        });
        LOG.info("{}: connected to {} (session present: {}, generation {})", ctx.name, c.server, c.sessionPresent, c.generation);
        if (!first) {
            ctx.metrics.reconnects.incrementAndGet();
        }
        hooks.up(c, first);
        if (first) {
            done.complete(firstConnect, c.sessionPresent);
        }
    }

    @Override
    public void failed(Connector.Attempt a, Throwable cause) {
        if (a != attempt) {
            return;
        }
        attempt = null;
        MqttConfig.Server s = a.server;
        serverIndex++;
        if (firstInRun) {
            state = State.IDLE;
            done.fail(firstConnect, cause instanceof Connector.Refused r ? new MqttConnectException(r.code, r.getMessage())
                    : new MqttConnectException("cannot connect to " + s + ": " + cause.getMessage(), cause));
            return;
        }
        // B4: surfaced in the log and backed off, never retried in a hot loop.
        LOG.warn("{}: connection attempt to {} failed: {}", ctx.name, s, cause.toString());
        backOff();
    }

    /** The outage procedure (§10.1): idempotent per connection, one down notification per outage. */
    void lost(Connection c, String reason) {
        if (c.lost) {
            return;
        }
        if (attempt != null && attempt.owns(c)) {
            attempt.fail(new java.io.IOException(reason));
            return;
        }
        c.lost = true;
        c.cancelTimers();
        c.transport.close();
        if (c != current) {
            return;
        }
        current = null;
        boolean stopping = state == State.DISCONNECTING || state == State.CLOSED;
        if (stopping) {
            LOG.info("{}: connection to {} closed ({})", ctx.name, c.server, reason);
        } else {
            LOG.warn("{}: connection to {} lost: {}", ctx.name, c.server, reason);
        }
        ctx.events.emit(l -> l.connectionLost(c.server, reason));
        hooks.down(c, reason);
        if (state == State.CONNECTED) {
            long floor = 0;
            if (c.disconnectReason != null) {
                floor = afterDisconnect(c.disconnectReason.reasonCode());
            }
            backOff(floor);
        } else if (state == State.DISCONNECTING) {
            state = State.DISCONNECTED;
        }
    }

    /** A takeover (0x8E) waits at least this long before reconnecting: two clients with one client_id must not duel. */
    static final long TAKEOVER_DELAY_MILLIS = 30_000;

    /**
     * MQTT 5.0 §3.14.2.1: what the broker's DISCONNECT reason asks of the next attempt; returns the
     * least back-off delay. 0x9C Use another server / 0x9D Server moved: the next server of
     * {@code servers}. 0x8E Session taken over: another client uses this client_id — wait at least
     * {@link #TAKEOVER_DELAY_MILLIS}, or the two would kick each other off every second.
     */
    private long afterDisconnect(int reason) {
        switch (reason) {
            case 0x9C, 0x9D -> {
                serverIndex++;
                LOG.warn("{}: the broker asked the client to use another server: next attempt to {}", ctx.name, server(serverIndex));
                return 0;
            }
            case 0x8E -> {
                LOG.error("{}: another client connected with client_id {} and took over the session; reconnecting in {} s at the "
                        + "earliest (check that no two clients share the id)", ctx.name, ctx.config.clientId(), TAKEOVER_DELAY_MILLIS / 1000);
                return TAKEOVER_DELAY_MILLIS;
            }
            default -> {
                return 0;
            }
        }
    }

    private void backOff() {
        backOff(0);
    }

    /** The outage procedure (§10.1): idempotent per connection, one down notification per outage. */
    private void backOff(long floorMillis) {
        state = State.BACKOFF;
        ctx.work.execute(() -> {
            try {
                ctx.config.linkMonitor().cycle(); // §10.2: the original cycled WiFi; here only if the link enables it
            } catch (RuntimeException e) {
                LOG.warn("{}: link cycle failed (ignored): {}", ctx.name, e.toString());
            }
        });
        long delay = Math.max(floorMillis, policy.nextDelayMillis());
        int n = policy.attempts();
        LOG.info("{}: reconnecting in {} ms (attempt {})", ctx.name, delay, n);
        ctx.events.emit(l -> l.backoff(Duration.ofMillis(delay), n));
        backoff = ctx.later(delay, () -> {
            if (state == State.BACKOFF) {
                startAttempt(false);
            }
        });
    }

    /** The link monitor reported a transition. */
    void linkChanged(boolean up) {
        if (!up && current != null) {
            lost(current, "network link went down");
        } else if (up && state == State.BACKOFF) {
            backoff.cancel(); // reconnect without waiting out the back-off
            startAttempt(false);
        } else if (attempt != null) {
            attempt.linkChanged();
        }
    }

    /** Stops reconnecting ({@code disconnect()} → DISCONNECTING, {@code close()} → CLOSED); the connection is the caller's to end. */
    void stop(State to, String why) {
        state = to;
        backoff.cancel();
        if (attempt != null) {
            attempt.cancel();
            attempt = null;
        }
        if (firstConnect != null && !firstConnect.isDone()) {
            done.fail(firstConnect, new MqttClosedException(why));
        }
        if (to == State.CLOSED && linkRegistration != null) {
            linkRegistration.close();
            linkRegistration = null;
        }
    }

    /** After a disconnect with no connection left to close. */
    void disconnected() {
        if (state == State.DISCONNECTING) {
            state = State.DISCONNECTED;
        }
    }

    /** The reconnect policy of a client (its jitter from {@code random}). */
    static ReconnectPolicy policy(MqttConfig c, java.util.function.DoubleSupplier random) {
        return new ReconnectPolicy(Math.round(c.reconnectDelayMin() * 1000), Math.round(c.reconnectDelayMax() * 1000), c.reconnectJitter(),
                random != null ? random : () -> ThreadLocalRandom.current().nextDouble());
    }
}
