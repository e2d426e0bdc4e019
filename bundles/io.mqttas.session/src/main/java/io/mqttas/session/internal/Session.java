/* spec/mqtt_as.md §4, §8, §10, §11 and DESIGN.md §4, §6: the resilient client's connection state machine and operations. */
package io.mqttas.session.internal;

import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Disconnect;
import io.mqttas.codec.MqttCodecException;
import io.mqttas.codec.MqttEncoder;
import io.mqttas.codec.MqttPacket;
import io.mqttas.codec.PingReq;
import io.mqttas.codec.PingResp;
import io.mqttas.codec.PubAck;
import io.mqttas.codec.Publish;
import io.mqttas.codec.SubAck;
import io.mqttas.codec.Topics;
import io.mqttas.codec.UnsubAck;
import io.mqttas.session.ClientStatus;
import io.mqttas.session.ConnectListener;
import io.mqttas.session.Event;
import io.mqttas.session.LinkListener;
import io.mqttas.session.Message;
import io.mqttas.session.MessageListener;
import io.mqttas.session.MessageQueue;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttConnectException;
import io.mqttas.session.MqttException;
import io.mqttas.session.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The engine behind {@link MqttClient}. Threads (DESIGN §6): one supervisor/reader thread
 * ({@code mqttas-<id>-io}) that connects, reads and reconnects; one writer ({@link FrameWriter});
 * one ordered delivery thread ({@link DeliveryQueue}); timers on the shared {@link Scheduler}.
 *
 * <p>State machine ({@link State}): IDLE → CONNECTING (TCP, TLS, CONNACK, each with a deadline) →
 * CONNECTED → (outage) BACKOFF → CONNECTING … ; DISCONNECTED after {@link #disconnect()}, CLOSED
 * after {@link #close()}. Every connection has a generation; whatever belongs to a lost one (timers,
 * acks, frames, deliveries) is ignored. All mutable state is guarded by {@link #lock}.
 */
public final class Session implements MqttClient {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final long JOIN_MILLIS = 2000;

    /** The connection state machine's states. */
    enum State { IDLE, CONNECTING, CONNECTED, BACKOFF, DISCONNECTED, CLOSED }

    private final MqttConfig config;
    private final Transport.Factory transports;
    private final Scheduler scheduler;
    private final String name;
    private final Object lock = new Object();
    private final ReconnectPolicy policy;
    private final Operations ops;
    private final Outbox outbox;

    private final ApplicationInterface app;

    // Guarded by lock.
    private State state = State.IDLE;
    private Connection current;
    private long generation;
    private boolean hasConnected;
    private boolean stopRequested;
    /** Number of the current supervisor run; an older run that is still unwinding sees it changed and stops. */
    private long run;
    private boolean closed;
    private boolean linkUp = true;
    private boolean wakeUp;
    private Thread ioThread;
    private CompletableFuture<Boolean> firstConnect;
    private CompletableFuture<Void> ioExit = CompletableFuture.completedFuture(null);
    private Closeable attempt;
    private FrameWriter writer;
    private Registration linkRegistration;
    private long reconnects;
    private boolean sessionPresent;
    private int serverIndex;

    public Session(MqttConfig config, Transport.Factory transports, Scheduler scheduler, java.util.function.DoubleSupplier random) {
        this.config = config;
        this.transports = transports;
        this.scheduler = scheduler;
        this.name = threadName(config.clientId());
        this.policy = new ReconnectPolicy(Math.round(config.reconnectDelayMin() * 1000), Math.round(config.reconnectDelayMax() * 1000),
                config.reconnectJitter(), random);
        this.app = new ApplicationInterface(config, name);
        Outbox box = null;
        if (!config.outbox().isEmpty()) {
            try {
                box = Outbox.open(java.nio.file.Path.of(config.outbox()), config.clientId(), config.outboxMaxBytes(), config.outboxOverflow());
            } catch (IOException e) {
                throw new MqttException("cannot open the outbox in " + config.outbox() + ": " + e.getMessage(), e);
            }
            if (box.size() > 0) {
                LOG.info("{}: {} unacknowledged publications recovered from the outbox; they are sent after connecting", name,
                        box.size());
            }
        }
        this.outbox = box;
        this.ops = operations(box);
    }

    private Operations operations(Outbox box) {
        try {
            return newOperations(box);
        } catch (RuntimeException e) {
            if (box != null) {
                box.close(); // release the journal's lock: a retry must not find it "in use"
            }
            throw e;
        }
    }

    private Operations newOperations(Outbox box) {
        return new Operations(lock, config, name, scheduler, box, new Operations.Session() {
            @Override
            public Connection connected() {
                Connection c = current;
                return c != null && c.connected && !c.lost ? c : null;
            }

            @Override
            public void lost(Connection conn, String reason) {
                connectionLost(conn, reason);
            }

            @Override
            public boolean closed() {
                return closed;
            }

            @Override
            public boolean onReaderThread() {
                return Thread.currentThread() == ioThread;
            }
        });
    }

    static String threadName(String clientId) {
        String s = clientId.replaceAll("[^A-Za-z0-9_.-]", "_");
        return "mqttas-" + (s.length() > 40 ? s.substring(0, 40) : s);
    }

    // ------------------------------------------------------------------ connect / supervisor

    @Override
    public CompletableFuture<Boolean> connect() {
        return connect(false);
    }

    @Override
    public CompletableFuture<Boolean> connect(boolean quick) {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new MqttClosedException("client is closed"));
            }
            if (!stopRequested && ioThread != null && ioThread.isAlive()) {
                return firstConnect; // already connecting or connected: "call once"
            }
            stopRequested = false;
            wakeUp = false;
            if (writer == null) {
                writer = new FrameWriter(name + "-write", config.maxPacketSize(), this::writeFailed);
                ops.start(writer);
                app.start();
                linkRegistration = config.linkMonitor().onChange(this::linkChanged);
            }
            CompletableFuture<Boolean> result = new CompletableFuture<>();
            firstConnect = result;
            long myRun = ++run;
            Thread previous = ioThread;
            CompletableFuture<Void> exit = new CompletableFuture<>();
            ioExit = exit;
            ioThread = new Thread(() -> {
                try {
                    if (previous != null) {
                        previous.join(JOIN_MILLIS * 3);
                    }
                    supervise(myRun, quick, result);
                } catch (Throwable t) {
                    LOG.error("{}: supervisor ended unexpectedly", name, t);
                    failFirst(result, new MqttConnectException("supervisor failed: " + t, t));
                } finally {
                    ops.flushCompletions();
                    exit.complete(null);
                }
            }, name + "-io");
            ioThread.setDaemon(true);
            state = State.CONNECTING;
            ioThread.start();
            return result;
        }
    }

    private void failFirst(CompletableFuture<Boolean> f, Throwable t) {
        scheduler.complete(() -> f.completeExceptionally(t));
    }

    /** The supervisor loop (§10.2), catching everything (B5). */
    private void supervise(long myRun, boolean quick, CompletableFuture<Boolean> first) {
        boolean isFirst = true;
        while (true) {
            synchronized (lock) {
                if (stopping(myRun)) {
                    break;
                }
            }
            if (!isFirst) {
                try {
                    // §10.2: the original cycled WiFi on every outage; here only if the link enables it.
                    config.linkMonitor().cycle();
                } catch (RuntimeException e) {
                    LOG.warn("{}: link cycle failed (ignored): {}", name, e.toString());
                }
                long delay = policy.nextDelayMillis();
                LOG.info("{}: reconnecting in {} ms (attempt {})", name, delay, policy.attempts());
                setState(State.BACKOFF);
                if (!pause(myRun, delay)) {
                    break;
                }
            }
            MqttConfig.Server server = config.servers().get(Math.floorMod(serverIndex, config.servers().size()));
            Connection conn = null;
            try {
                if (!(isFirst && quick)) {
                    long stable = Math.round(config.stabilityTime() * 1000);
                    if (!config.linkMonitor().awaitStable(Duration.ofMillis(stable), Duration.ofMillis(stable + 60_000))) {
                        throw new IOException("network link not up (or not stable for " + stable + " ms)");
                    }
                }
                conn = attempt(myRun, server, isFirst);
                if (conn == null) {
                    break;
                }
                if (!connected(myRun, conn, isFirst, first)) {
                    break;
                }
                isFirst = false;
                policy.reset();
                readLoop(conn);
            } catch (Handshake.Refused e) {
                if (conn != null) {
                    conn.transport.close();
                }
                serverIndex++;
                if (isFirst) {
                    failFirst(first, new MqttConnectException(e.code, e.getMessage()));
                    break;
                }
                // B4: surfaced in the log and backed off, never retried in a hot loop.
                LOG.warn("{}: {}; retrying after back-off", name, e.getMessage());
            } catch (Throwable e) {
                if (conn != null) {
                    connectionLost(conn, e.toString());
                }
                serverIndex++;
                if (isFirst) {
                    failFirst(first, e instanceof MqttConnectException m ? m
                            : new MqttConnectException("cannot connect to " + server + ": " + e.getMessage(), e));
                    break;
                }
                LOG.warn("{}: connection attempt to {} failed: {}", name, server, e.toString());
            }
        }
        synchronized (lock) {
            if (run == myRun) {
                if (state != State.CLOSED) {
                    state = State.DISCONNECTED;
                }
                attempt = null;
                stopRequested = true;
            }
        }
    }

    /** Sleeps on the scheduler's clock; false if the client is stopping. A link coming up cuts the pause short. */
    private boolean pause(long myRun, long millis) {
        final boolean[] due = {false};
        Scheduler.Task t = scheduler.schedule(millis, () -> {
            synchronized (lock) {
                due[0] = true;
                lock.notifyAll();
            }
        });
        synchronized (lock) {
            try {
                while (!due[0] && !stopping(myRun) && !wakeUp) {
                    lock.wait(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                t.cancel();
            }
            wakeUp = false;
            return !stopping(myRun);
        }
    }

    private void setState(State s) {
        synchronized (lock) {
            if (state != State.CLOSED) {
                state = s;
            }
        }
    }

    /** One connection attempt including the clean_init dance (§8.3); null if the client is stopping. */
    private Connection attempt(long myRun, MqttConfig.Server server, boolean isFirst) throws IOException, InterruptedException {
        List<Boolean> flags = CleanInitSequence.flags(isFirst, config.cleanInit(), config.clean());
        for (int i = 0; i < flags.size(); i++) {
            Connection c = open(myRun, server, flags.get(i));
            if (c == null) {
                return null;
            }
            if (i == flags.size() - 1) {
                return c;
            }
            // The dance: discard the stale session, then pause before the persistent connect.
            LOG.info("{}: clean_init: discarded any old session; reconnecting with clean=0", name);
            try {
                Handshake.write(c, Disconnect.INSTANCE, config.maxPacketSize());
            } catch (IOException e) {
                LOG.debug("{}: DISCONNECT of the clean_init sequence failed (ignored): {}", name, e.toString());
            }
            c.transport.close();
            if (!pause(myRun, CleanInitSequence.DANCE_PAUSE_MILLIS)) {
                return null;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** TCP (+TLS) connect, CONNECT, CONNACK: each step has a deadline of response_time. */
    private Connection open(long myRun, MqttConfig.Server server, boolean clean) throws IOException {
        long gen;
        synchronized (lock) {
            if (stopping(myRun)) {
                return null;
            }
            gen = ++generation;
            state = State.CONNECTING;
        }
        long rt = config.responseTimeMillis();
        LOG.debug("{}: connecting to {} (clean={}, generation {})", name, server, clean, gen);
        Transport t = transports.open(server.host(), server.port(), rt, c -> {
            synchronized (lock) {
                attempt = c;
                if (stopping(myRun)) {
                    closeQuietly(c);
                }
            }
        });
        Connection conn;
        synchronized (lock) {
            attempt = t;
            if (stopping(myRun)) {
                t.close();
                return null;
            }
        }
        try {
            conn = new Connection(gen, t, server.toString(), config.maxPacketSize(),
                    new KeepAlive(config.pingIntervalMillis(), rt, scheduler.nowMillis()), scheduler);
        } catch (IOException e) {
            t.close();
            throw e;
        }
        Scheduler.Task deadline = scheduler.schedule(rt, () -> {
            synchronized (lock) {
                if (!conn.connected) {
                    LOG.warn("{}: no CONNACK from {} within {} ms", name, server, rt);
                    conn.transport.close();
                }
            }
        });
        try {
            Handshake.write(conn, Handshake.connect(config, clean), config.maxPacketSize());
            MqttPacket p = conn.read(() -> conn.keepAlive.received(scheduler.nowMillis()));
            if (!(p instanceof ConnAck ack)) {
                throw new IOException("protocol violation: expected CONNACK, got " + p);
            }
            if (ack.returnCode() != ConnAck.ACCEPTED) {
                throw new Handshake.Refused(ack.returnCode(), server.toString());
            }
            conn.sessionPresent = ack.sessionPresent(); // B1: session present is success, and exposed
            return conn;
        } catch (IOException | RuntimeException e) {
            conn.transport.close();
            if (e instanceof Handshake.Refused) {
                throw e;
            }
            synchronized (lock) {
                if (stopping(myRun)) {
                    return null;
                }
            }
            throw e instanceof IOException io ? io : new IOException("protocol violation during connect: " + e.getMessage(), e);
        } finally {
            deadline.cancel();
        }
    }

    /** Whether supervisor run {@code myRun} must end (the client stops, or a newer run replaced it). Under lock. */
    private boolean stopping(long myRun) {
        return stopRequested || run != myRun;
    }

    /** The connection is up: make it current, resume the operations, tell the application. */
    private boolean connected(long myRun, Connection c, boolean isFirst, CompletableFuture<Boolean> first) {
        synchronized (lock) {
            if (stopping(myRun)) {
                c.transport.close();
                return false;
            }
            attempt = null;
            c.connected = true;
            current = c;
            state = State.CONNECTED;
            sessionPresent = c.sessionPresent;
            ops.startGeneration(c.generation);
            if (hasConnected && !isFirst) {
                reconnects++;
            }
            hasConnected = true;
            LOG.info("{}: connected to {} (session present: {}, generation {})", name, c.server, c.sessionPresent, c.generation);
            scheduleKeepAlive(c);
            ops.pump();
            app.connected(this);
        }
        if (isFirst) {
            boolean sp = c.sessionPresent;
            scheduler.complete(() -> first.complete(sp));
        }
        return true;
    }

    /** Reads and dispatches packets until the connection fails; any failure costs this connection only. */
    private void readLoop(Connection c) {
        Runnable onBytes = () -> c.keepAlive.received(scheduler.nowMillis());
        try {
            while (true) {
                MqttPacket p = c.read(onBytes, ops::flushCompletions);
                handle(c, p);
            }
        } catch (MqttCodecException e) {
            connectionLost(c, "protocol violation by the broker: " + e.getMessage());
        } catch (Throwable e) {
            connectionLost(c, e instanceof java.io.EOFException ? "connection closed by the broker" : e.toString());
        } finally {
            ops.flushCompletions();
        }
    }

    private void handle(Connection c, MqttPacket p) {
        if (p instanceof Publish pub) {
            incoming(c, pub);
        } else if (p instanceof PubAck ack) {
            acknowledged(c, ack.packetId(), null);
        } else if (p instanceof SubAck ack) {
            acknowledged(c, ack.packetId(), ack);
        } else if (p instanceof UnsubAck ack) {
            acknowledged(c, ack.packetId(), null);
        } else if (p instanceof PingResp) {
            LOG.trace("{}: PINGRESP", name);
        } else if (p instanceof ConnAck) {
            throw new MqttCodecException("MQTT-3.2.0-1", "a second CONNACK on one connection", p);
        } else {
            // B7: the codec consumed the body by its length, so the stream is still in step.
            LOG.warn("{}: ignoring unexpected packet from the broker: {}", name, p);
        }
    }

    private void incoming(Connection c, Publish pub) {
        Message m = new Message(pub.topic(), pub.payload(), pub.retain(), pub.qos());
        if (pub.qos() == 2) {
            // We never subscribe with QoS 2; a broker that sends one broke the protocol.
            throw new MqttCodecException("MQTT-3.8.4-6", "QoS 2 PUBLISH although no subscription granted QoS 2", pub.topic());
        }
        int id = pub.packetId();
        // PUBACK only after the application has the message (B15: not under any lock, not on the I/O thread).
        app.message(m, () -> {
            if (pub.qos() == 1) {
                synchronized (lock) {
                    if (!c.lost) {
                        writer.send(c, new PubAck(id), null, null);
                    }
                }
            }
        });
    }

    private void acknowledged(Connection c, int id, SubAck subAck) {
        synchronized (lock) {
            if (c == current && !c.lost) {
                ops.acknowledged(id, subAck);
            }
        }
    }

    // ------------------------------------------------------------------ outage

    private void writeFailed(Connection c, Throwable e) {
        connectionLost(c, "write failed: " + e);
    }

    /** The outage procedure (§10.1): idempotent per connection; one down notification per outage. */
    void connectionLost(Connection c, String reason) {
        synchronized (lock) {
            if (c.lost) {
                return;
            }
            c.lost = true;
            c.transport.close();
            if (c.keepAliveTimer != null) {
                c.keepAliveTimer.cancel();
            }
            if (c != current) {
                return;
            }
            current = null;
            ops.connectionLost();
            if (state != State.CLOSED) {
                state = stopRequested ? State.DISCONNECTED : State.BACKOFF;
            }
            if (stopRequested) {
                LOG.info("{}: connection to {} closed ({})", name, c.server, reason);
            } else {
                LOG.warn("{}: connection to {} lost: {}", name, c.server, reason);
            }
            app.lost();
            lock.notifyAll();
        }
    }

    private void linkChanged(boolean isUp) {
        synchronized (lock) {
            linkUp = isUp;
            if (!isUp && current != null) {
                connectionLost(current, "network link went down");
            } else if (isUp) {
                wakeUp = true; // reconnect without waiting out the back-off
                lock.notifyAll();
            }
        }
    }

    private void scheduleKeepAlive(Connection c) {
        c.keepAliveTimer = scheduler.schedule(c.keepAlive.tickMillis(), () -> keepAliveTick(c));
    }

    private void keepAliveTick(Connection c) {
        synchronized (lock) {
            if (c.lost || c != current) {
                return;
            }
            long now = scheduler.nowMillis();
            switch (c.keepAlive.check(now, c.writeStartedAt)) {
                case SEND_PING -> {
                    c.keepAlive.pingSent(now);
                    writer.send(c, PingReq.INSTANCE, null, null);
                }
                case DEAD_SILENT -> {
                    connectionLost(c, "broker silent for 4 ping intervals (" + 4 * config.pingIntervalMillis() + " ms)");
                    return;
                }
                case DEAD_NO_PINGRESP -> {
                    connectionLost(c, "no answer to PINGREQ within response_time (" + config.responseTimeMillis() + " ms): half-open link");
                    return;
                }
                case DEAD_WRITE_STALLED -> {
                    connectionLost(c, "write stalled for response_time (" + config.responseTimeMillis() + " ms)");
                    return;
                }
                default -> { }
            }
            scheduleKeepAlive(c);
        }
    }

    // ------------------------------------------------------------------ operations

    private CompletableFuture<Object> submit(Operation.Kind kind, String topic, byte[] payload, boolean retain, int qos,
            Duration timeout) {
        synchronized (lock) {
            return ops.submit(new Operation(kind, topic, payload, retain, qos, ops.nextSeq()), timeout);
        }
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos) {
        return publish(topic, payload, retain, qos, null);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos, Duration timeout) {
        if (qos != 0 && qos != 1) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("qos must be 0 or 1 (Only qos 0 and 1 are supported.): " + qos));
        }
        byte[] copy = payload == null ? new byte[0] : payload.clone();
        try {
            Publish probe = new Publish(topic, copy, qos, retain, false, qos > 0 ? 1 : 0);
            int len = MqttEncoder.encodedLength(probe);
            if (len > config.maxPacketSize()) {
                throw new IllegalArgumentException("PUBLISH of " + len + " bytes exceeds max_packet_size " + config.maxPacketSize());
            }
        } catch (MqttCodecException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(e.getMessage(), e));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submit(Operation.Kind.PUBLISH, topic, copy, retain, qos, timeout).thenApply(x -> null);
    }

    @Override
    public CompletableFuture<Integer> subscribe(String filter, int qos) {
        return subscribe(filter, qos, null);
    }

    @Override
    public CompletableFuture<Integer> subscribe(String filter, int qos, Duration timeout) {
        if (qos != 0 && qos != 1) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("qos must be 0 or 1 (Only qos 0 and 1 are supported.): " + qos));
        }
        if (!Topics.isValidFilter(filter)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("invalid topic filter: " + filter));
        }
        return submit(Operation.Kind.SUBSCRIBE, filter, null, false, qos, timeout).thenApply(x -> (Integer) x);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        return unsubscribe(filter, null);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter, Duration timeout) {
        if (!Topics.isValidFilter(filter)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("invalid topic filter: " + filter));
        }
        return submit(Operation.Kind.UNSUBSCRIBE, filter, null, false, 0, timeout).thenApply(x -> null);
    }

    // ------------------------------------------------------------------ disconnect / close

    @Override
    public CompletableFuture<Void> disconnect() {
        CompletableFuture<Void> exit;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.completedFuture(null);
            }
            stopRequested = true;
            hasConnected = false;
            exit = ioExit;
            Connection c = current;
            if (c != null && c.connected && !c.lost) {
                // DISCONNECT: the broker discards the Will. Close once it is written (or dropped).
                Runnable closeIt = () -> connectionLost(c, "disconnect() by the application");
                writer.send(c, Disconnect.INSTANCE, closeIt, closeIt);
            }
            closeQuietly(attempt);
            if (firstConnect != null && !firstConnect.isDone()) {
                failFirst(firstConnect, new MqttClosedException("disconnect() called while connecting"));
            }
            ops.failAll("client disconnected");
            lock.notifyAll();
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        exit.whenComplete((v, t) -> scheduler.complete(() -> result.complete(null)));
        return result;
    }

    @Override
    public void close() {
        Thread io;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stopRequested = true;
            hasConnected = false;
            state = State.CLOSED;
            if (current != null) {
                connectionLost(current, "close() by the application");
            }
            closeQuietly(attempt);
            if (firstConnect != null && !firstConnect.isDone()) {
                failFirst(firstConnect, new MqttClosedException("client closed while connecting"));
            }
            ops.failAll("client closed");
            io = ioThread;
            lock.notifyAll();
        }
        if (io != null && io != Thread.currentThread()) {
            try {
                io.join(JOIN_MILLIS);
                if (io.isAlive()) {
                    io.interrupt();
                    io.join(JOIN_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (io.isAlive()) {
                LOG.warn("{}: I/O thread did not end within {} ms", name, 2 * JOIN_MILLIS);
            }
        }
        if (linkRegistration != null) {
            linkRegistration.close();
        }
        if (writer != null) {
            writer.stop(JOIN_MILLIS);
        }
        app.stop(JOIN_MILLIS);
        if (outbox != null) {
            outbox.close();
        }
        scheduler.release();
        LOG.info("{}: closed", name);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // closing to abort: nothing more to do
            }
        }
    }

    // ------------------------------------------------------------------ queries

    @Override
    public boolean isConnected() {
        synchronized (lock) {
            if (current != null && !linkUp) {
                connectionLost(current, "network link is down");
            }
            return current != null && current.connected && !current.lost;
        }
    }

    @Override
    public CompletableFuture<Boolean> brokerUp() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        synchronized (lock) {
            Connection c = current;
            if (c == null || c.lost || !c.connected) {
                return CompletableFuture.completedFuture(false);
            }
            long now = scheduler.nowMillis();
            long before = c.keepAlive.lastRx();
            if (now - before < 1000) {
                return CompletableFuture.completedFuture(true);
            }
            c.keepAlive.pingSent(now);
            writer.send(c, PingReq.INSTANCE, null, null);
            pollBrokerUp(c, before, now + config.responseTimeMillis(), result);
        }
        return result;
    }

    private void pollBrokerUp(Connection c, long before, long deadline, CompletableFuture<Boolean> result) {
        scheduler.schedule(100, () -> {
            boolean answered = c.keepAlive.lastRx() != before;
            if (answered || c.lost || scheduler.nowMillis() >= deadline) {
                scheduler.complete(() -> result.complete(answered && !c.lost));
            } else {
                pollBrokerUp(c, before, deadline, result);
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> wanOk() {
        if (!isConnected()) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        scheduler.complete(() -> result.complete(WanCheck.dnsAnswers(config.wanOkServer(), config.responseTimeMillis())));
        return result;
    }

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
    public Registration addLinkListener(LinkListener listener) {
        return app.addLinkListener(listener);
    }

    @Override
    public Registration addConnectListener(ConnectListener listener) {
        return app.addConnectListener(listener);
    }

    @Override
    public ClientStatus status() {
        synchronized (lock) {
            Connection c = current;
            return new ClientStatus(config.clientId(), state.name(), c != null ? c.server : config.servers().get(0).toString(),
                    generation, ops.publishesInFlight(), app.queueSize(), reconnects, sessionPresent);
        }
    }

    /** DUP re-sends so far (the original's REPUB_COUNT). */
    public long repubCount() {
        return ops.repubCount();
    }

    /** Publications waiting for the in-flight window or a connection. */
    public int waitingCount() {
        synchronized (lock) {
            return ops.waitingCount();
        }
    }

    @Override
    public MqttConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "MqttClient[" + config.clientId() + " " + status().state() + "]";
    }

    /** For tests on a manual clock: no write is in progress (a jump of the fake clock mid-write would look like a stall). */
    boolean writerIdle() {
        synchronized (lock) {
            return current == null || current.writeStartedAt < 0;
        }
    }
}
