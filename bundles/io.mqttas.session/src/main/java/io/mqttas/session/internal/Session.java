/* spec/mqtt_as.md §4 and DESIGN.md §4, §6: the engine behind MqttClient — a thin façade over the parts that implement each rule. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttCodecException;
import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.MqttVersion;
import io.mqttas.codec.Subscribe;
import io.mqttas.codec.Topics;
import io.mqttas.session.Ack;
import io.mqttas.session.ClientMetrics;
import io.mqttas.session.ClientStatus;
import io.mqttas.session.ConnectListener;
import io.mqttas.session.Event;
import io.mqttas.session.LinkListener;
import io.mqttas.session.Message;
import io.mqttas.session.MessageHandler;
import io.mqttas.session.MessageListener;
import io.mqttas.session.MessageQueue;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttEventListener;
import io.mqttas.session.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;

/**
 * The client. It owns no thread (DESIGN §6): its sockets and events run on a shared selector loop
 * ({@link IoLoop}), its timers on the shared timer, its completions and listeners on its own
 * {@link OrderedExecutor} over the shared pool. Each rule lives in one part:
 * {@link Supervisor} (life cycle, back-off), {@link Connector} (one attempt), {@link InboundDispatcher}
 * (what arrives), {@link Operations} with {@link AckDeadlines} (what is sent), {@link WireWriter}
 * (the socket), {@link LivenessTimer} with {@link Liveness} (dead links), {@link InboundQueue}
 * (backpressure), {@link Shutdown}, {@link BrokerProbe}. This class validates arguments, encodes each
 * packet once on the caller's thread, and takes the session lock to hand it over.
 */
public final class Session implements MqttClient {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    /** What a client runs on: real sockets and threads, or (in unit tests) a fake transport and clock. */
    record Environment(Transport.Factory transports, Scheduler clock, IoLoop loop, SharedRuntime.Handle runtime, DoubleSupplier random) {
    }

    private final ClientContext ctx;
    private final SharedRuntime.Handle runtime;
    private final Transport.Factory transports;
    private final Completions done;
    private final Subscriptions subscriptions = new Subscriptions();
    private final OutboxLink outbox;
    private final Operations ops;
    private final ApplicationInterface app;
    private final BrokerProbe probe;
    private final InboundQueue inbound;
    private final Supervisor supervisor;
    private final Shutdown shutdown;
    private final Requests requests;
    private boolean closed;

    Session(MqttConfig config, Environment env) {
        String name = threadName(config.clientId());
        this.runtime = env.runtime();
        this.transports = env.transports();
        OrderedExecutor executor = new OrderedExecutor(runtime.completions(), name);
        this.ctx = new ClientContext(config, name, env.clock(), env.loop(), executor, runtime.work());
        this.done = new Completions(executor);
        this.requests = new Requests(ctx);
        this.outbox = OutboxLink.open(ctx);
        try {
            BiConsumer<Connection, String> lost = (c, reason) -> supervisor().lost(c, reason);
            this.ops = new Operations(ctx, done, subscriptions, outbox, lost);
            this.app = new ApplicationInterface(config, name, done);
            this.probe = new BrokerProbe(ctx, done, env.loop(), runtime.timer());
            this.inbound = new InboundQueue(config.inboundQueueLen(), config.inboundQueueBytes());
            InboundDispatcher dispatcher = new InboundDispatcher(ctx, ops, inbound, app, probe);
            this.supervisor = new Supervisor(ctx, new Connector(ctx, env.transports(), dispatcher), Supervisor.policy(config, env.random()), done);
            this.shutdown = new Shutdown(ctx, supervisor, ops, probe, done);
            LivenessTimer liveness = new LivenessTimer(ctx, ops, lost);
            dispatcher.wire(supervisor, shutdown, liveness);
            ops.livenessTimer(liveness);
            supervisor.hooks(new Supervisor.Hooks() {
                @Override
                public void up(Connection c, boolean first) {
                    if (!c.sessionPresent) {
                        dispatcher.sessionLost(); // inbound QoS 2 ids belonged to the old session
                    }
                    liveness.start(c);
                    ops.connected(c, c.sessionPresent);
                    app.connected(Session.this);
                }

                @Override
                public void down(Connection c, String reason) {
                    ops.connectionLost(c);
                    probe.connectionLost(c);
                    app.lost();
                }
            });
            if (outbox != null) {
                recoverOutbox();
            }
            if (ctx.v5 && !config.clean() && config.mqttv5ConProps().sessionExpiryInterval().orElse(0) == 0) {
                LOG.warn("{}: clean=false keeps no session in MQTT 5.0 without a Session Expiry Interval: the broker ends the "
                        + "session with the connection; set mqttv5_con_props.session_expiry_interval", ctx.name);
            }
        } catch (RuntimeException | Error e) {
            if (outbox != null) {
                outbox.close(); // release the journal's lock: a retry must not find it "in use"
            }
            throw e;
        }
    }

    private Supervisor supervisor() {
        return supervisor;
    }

    private void recoverOutbox() {
        int[] n = {0};
        int[] r = {0};
        synchronized (ctx.lock) {
            outbox.replay(e -> {
                byte[] frame;
                try {
                    frame = Frames.publish(e.topic(), e.payload(), e.qos(), e.retain(), MqttProperties.EMPTY, ctx.config.maxPacketSize(), ctx.version);
                } catch (RuntimeException bad) {
                    // e.g. journaled under a larger max_packet_size: it can never be sent by this client
                    LOG.error("{}: outbox publication {} to {} ({} bytes) cannot be sent and is dropped from the journal: {}",
                            ctx.name, e.id(), e.topic(), e.payload().length, bad.getMessage());
                    outbox.discard(e.id());
                    return;
                }
                Operation op = new Operation(Operation.Kind.PUBLISH, e.topic(), e.qos(), frame, ctx.clock.nowMillis());
                op.outboxId = e.id();
                if (e.releasingPacketId() != 0) {
                    if (!ops.recoveredReleasing(op, e.releasingPacketId())) {
                        LOG.warn("{}: outbox publication {} to {} had its PUBREC on packet id {}, which another recovered entry "
                                + "holds; it is ended as delivered (the broker had it)", ctx.name, e.id(), e.topic(), e.releasingPacketId());
                        outbox.discard(e.id());
                        return;
                    }
                    r[0]++;
                } else {
                    ops.recovered(op);
                }
                n[0]++;
            });
        }
        if (n[0] > 0) {
            LOG.info("{}: {} unacknowledged publications recovered from the outbox; they are sent after connecting ({} of them QoS 2 "
                    + "past PUBREC: PUBREL if the broker's session is present, else done)", ctx.name, n[0], r[0]);
        }
    }

    static String threadName(String clientId) {
        String s = clientId.replaceAll("[^A-Za-z0-9_.-]", "_");
        return "mqttas-" + (s.length() > 40 ? s.substring(0, 40) : s);
    }

    @Override
    public CompletableFuture<Boolean> connect() {
        return connect(false);
    }

    @Override
    public CompletableFuture<Boolean> connect(boolean quick) {
        synchronized (ctx.lock) {
            if (!closed) {
                ops.refuse(null);
            }
            return supervisor.connect(quick);
        }
    }

    // ---- operations: validated and encoded on the caller's thread, handed over under the lock ----

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos) {
        return publish(topic, payload, retain, qos, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos, Duration timeout) {
        return (CompletableFuture<Void>) (CompletableFuture<?>) publish(topic, payload, retain, qos, MqttProperties.EMPTY, timeout, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<Ack> publish(String topic, byte[] payload, boolean retain, int qos, MqttProperties properties, Duration timeout) {
        return (CompletableFuture<Ack>) (CompletableFuture<?>) publish(topic, payload, retain, qos,
                properties == null ? MqttProperties.EMPTY : properties, timeout, true);
    }

    private CompletableFuture<Object> publish(String topic, byte[] payload, boolean retain, int qos, MqttProperties props, Duration timeout,
            boolean ackResult) {
        if (qos < 0 || qos > 2) {
            return ClientFuture.failed(new IllegalArgumentException("qos must be 0, 1 or 2: " + qos));
        }
        if (!ctx.v5 && !props.isEmpty()) {
            return ClientFuture.failed(new IllegalArgumentException("publication properties need MQTT 5.0 (mqttv5 is false): " + props));
        }
        byte[] body = payload == null ? new byte[0] : payload;
        byte[] frame;
        try {
            frame = ctx.v5 ? Frames.publish(topic, body, qos, retain, props, ctx.config.maxPacketSize(), ctx.version)
                    : Frames.publish(topic, body, qos, retain, ctx.config.maxPacketSize());
        } catch (MqttCodecException e) {
            String why = e.rule().equals("max-packet-size") ? "PUBLISH exceeds max_packet_size " + ctx.config.maxPacketSize() + ": "
                    + e.getMessage() : e.getMessage();
            return ClientFuture.failed(new IllegalArgumentException(why, e));
        } catch (RuntimeException e) {
            return ClientFuture.failed(new IllegalArgumentException("invalid publication: " + e.getMessage(), e));
        }
        Operation op = new Operation(Operation.Kind.PUBLISH, topic, qos, frame, ctx.clock.nowMillis());
        op.ackResult = ackResult;
        if (ctx.v5) {
            props.messageExpiryInterval().ifPresent(s -> op.expiresAt = op.submittedAt + Math.max(1, s * 1000));
        }
        synchronized (ctx.lock) {
            return ops.submit(op, timeout, body, retain);
        }
    }

    @Override
    public CompletableFuture<Integer> subscribe(String filter, int qos) {
        return subscribe(filter, qos, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<Integer> subscribe(String filter, int qos, Duration timeout) {
        if (filter == null) {
            return ClientFuture.failed(new IllegalArgumentException("invalid topic filter: null"));
        }
        return (CompletableFuture<Integer>) (CompletableFuture<?>) subscribe(filter, qos, null, MqttProperties.EMPTY, timeout, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<Ack> subscribe(Subscribe.Subscription subscription, MqttProperties properties, Duration timeout) {
        if (subscription == null) {
            return ClientFuture.failed(new IllegalArgumentException("subscription is null"));
        }
        MqttProperties props = properties == null ? MqttProperties.EMPTY : properties;
        Subscribe.Subscription plain = new Subscribe.Subscription(subscription.filter(), subscription.qos());
        Subscribe.Subscription s = subscription.equals(plain) ? null : subscription;
        if (!ctx.v5 && (s != null || !props.isEmpty())) {
            return ClientFuture.failed(new IllegalArgumentException("subscription options and properties need MQTT 5.0 (mqttv5 is false): "
                    + subscription + " " + props));
        }
        return (CompletableFuture<Ack>) (CompletableFuture<?>) subscribe(subscription.filter(), subscription.qos(), s, props, timeout, true);
    }

    private CompletableFuture<Object> subscribe(String filter, int qos, Subscribe.Subscription options, MqttProperties props, Duration timeout,
            boolean ackResult) {
        if (qos < 0 || qos > 2) {
            return ClientFuture.failed(new IllegalArgumentException("qos must be 0, 1 or 2: " + qos));
        }
        if (!(ctx.v5 ? isValidFilter5(filter) : Topics.isValidFilter(filter))) {
            return ClientFuture.failed(new IllegalArgumentException("invalid topic filter: " + filter));
        }
        byte[] frame;
        try {
            frame = ctx.v5 ? Frames.subscribe(options != null ? options : new Subscribe.Subscription(filter, qos), props,
                    ctx.config.maxPacketSize(), ctx.version) : Frames.subscribe(filter, qos, ctx.config.maxPacketSize());
        } catch (RuntimeException e) {
            return ClientFuture.failed(new IllegalArgumentException("invalid subscription: " + e.getMessage(), e));
        }
        Operation op = new Operation(Operation.Kind.SUBSCRIBE, filter, qos, frame, ctx.clock.nowMillis());
        op.ackResult = ackResult;
        synchronized (ctx.lock) {
            Operation automatic = options == null && props.isEmpty() ? subscriptions.joinable(filter, qos) : null;
            if (automatic != null) {
                return automatic.future.thenApply(granted -> ackResult ? Ack.granted((Integer) granted) : granted);
            }
            return ops.submit(op, timeout, null, false);
        }
    }

    private static boolean isValidFilter5(String filter) {
        try {
            Topics.validateFilter(filter, MqttVersion.MQTT_5);
            return true;
        } catch (MqttCodecException e) {
            return false;
        }
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        return unsubscribe(filter, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<Void> unsubscribe(String filter, Duration timeout) {
        return (CompletableFuture<Void>) (CompletableFuture<?>) unsubscribe(filter, MqttProperties.EMPTY, timeout, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<Ack> unsubscribe(String filter, MqttProperties properties, Duration timeout) {
        MqttProperties props = properties == null ? MqttProperties.EMPTY : properties;
        if (!ctx.v5 && !props.isEmpty()) {
            return ClientFuture.failed(new IllegalArgumentException("unsubscribe properties need MQTT 5.0 (mqttv5 is false): " + props));
        }
        return (CompletableFuture<Ack>) (CompletableFuture<?>) unsubscribe(filter, props, timeout, true);
    }

    private CompletableFuture<Object> unsubscribe(String filter, MqttProperties props, Duration timeout, boolean ackResult) {
        if (filter == null || !(ctx.v5 ? isValidFilter5(filter) : Topics.isValidFilter(filter))) {
            return ClientFuture.failed(new IllegalArgumentException("invalid topic filter: " + filter));
        }
        byte[] frame;
        try {
            frame = ctx.v5 ? Frames.unsubscribe(filter, props, ctx.config.maxPacketSize(), ctx.version)
                    : Frames.unsubscribe(filter, ctx.config.maxPacketSize());
        } catch (RuntimeException e) {
            return ClientFuture.failed(new IllegalArgumentException("invalid unsubscribe: " + e.getMessage(), e));
        }
        Operation op = new Operation(Operation.Kind.UNSUBSCRIBE, filter, 0, frame, ctx.clock.nowMillis());
        op.ackResult = ackResult;
        synchronized (ctx.lock) {
            return ops.submit(op, timeout, null, false);
        }
    }

    // ---- MQTT 5.0 request/response (§4.10) ----

    @Override
    public CompletableFuture<Message> request(String topic, byte[] payload, int qos, String responseTopic, Duration timeout) {
        if (!ctx.v5) {
            return ClientFuture.failed(new IllegalArgumentException("request/response needs MQTT 5.0 (mqttv5 is false)"));
        }
        return requests.request(this, topic, payload, qos, responseTopic, timeout);
    }

    @Override
    public MqttProperties connAckProperties() {
        synchronized (ctx.lock) {
            Connection c = supervisor.current();
            return c != null && c.open() ? c.connAck : MqttProperties.EMPTY;
        }
    }

    // ---- life cycle ----

    @Override
    public CompletableFuture<Void> disconnect() {
        synchronized (ctx.lock) {
            return shutdown.disconnect();
        }
    }

    @Override
    public void close() {
        synchronized (ctx.lock) {
            if (closed) {
                return;
            }
            closed = true;
            shutdown.closeLocked();
        }
        shutdown.awaitCompletions();
        if (outbox != null) {
            outbox.close();
        }
        if (transports instanceof AutoCloseable t) {
            closeQuietly(t); // the shared WebSocket clients (issue 13 item 6), before the pools they run on
        }
        runtime.close();
        LOG.info("{}: closed", ctx.name);
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("{}: closing the transports: {}", ctx.name, e.toString());
        }
    }

    @Override
    public boolean isConnected() {
        synchronized (ctx.lock) {
            Connection c = supervisor.current();
            if (c != null && c.open() && !ctx.config.linkMonitor().isUp()) {
                supervisor.lost(c, "network link is down"); // §4.5: asking can start the outage procedure
            }
            return c != null && c.open();
        }
    }

    @Override
    public CompletableFuture<Boolean> brokerUp() {
        synchronized (ctx.lock) {
            return probe.brokerUp(supervisor.current(), ops);
        }
    }

    @Override
    public CompletableFuture<Boolean> wanOk() {
        return probe.wanOk(isConnected());
    }

    // ---- the application interfaces ----

    @Override
    public Event up() {
        return app.up();
    }

    @Override
    public Event down() {
        return app.down();
    }

    @Override
    public MessageQueue queue() {
        return app.queue();
    }

    @Override
    public Registration addMessageListener(MessageListener listener) {
        return app.addMessageListener(listener);
    }

    @Override
    public Registration addMessageHandler(MessageHandler handler) {
        return app.addMessageHandler(handler);
    }

    @Override
    public Registration addLinkListener(LinkListener listener) {
        return app.addLinkListener(listener);
    }

    @Override
    public Registration addConnectListener(ConnectListener listener) {
        return app.addConnectListener(listener);
    }

    @Override
    public Registration addEventListener(MqttEventListener listener) {
        return ctx.events.add(listener);
    }

    // ---- what a user asks of a running client ----

    @Override
    public ClientStatus status() {
        synchronized (ctx.lock) {
            Connection c = supervisor.current();
            return new ClientStatus(ctx.config.clientId(), supervisor.state.name(), c != null ? c.server : supervisor.nextServer().toString(),
                    ctx.generations(), ops.inFlight(), app.queueSize(), ctx.metrics.reconnects.get(), supervisor.sessionPresent());
        }
    }

    @Override
    public ClientMetrics metrics() {
        synchronized (ctx.lock) {
            Connection c = supervisor.current();
            Metrics m = ctx.metrics;
            return new ClientMetrics(ops.held(), ops.heldBytes(), ops.inFlight(), m.reconnects.get(), m.lastRtt.get(),
                    m.oversizeInbound.get(), ops.oldestAge(ctx.clock.nowMillis()), inbound.size(),
                    c != null && c.readsPaused, m.dupResends.get(), m.givenUp.get());
        }
    }

    @Override
    public MqttConfig config() {
        return ctx.config;
    }

    @Override
    public String toString() {
        return "MqttClient[" + ctx.config.clientId() + " " + status().state() + "]";
    }
}
