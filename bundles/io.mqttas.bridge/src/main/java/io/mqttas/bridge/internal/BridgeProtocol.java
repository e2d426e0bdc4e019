/* spec/bridge.md §4 (application protocol), §5.2 (initialisation), §5.4 (command processor), §12. */
package io.mqttas.bridge.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.codec.Topics;
import io.mqttas.session.MqttClient;
import io.mqttas.session.Registration;

/**
 * The bridge's half of the application protocol. Host records are handled strictly one at a time
 * on the protocol thread ({@code mqttas-bridge-proto-NAME}) — the host relies on PUBOK order — while
 * MQTT work happens on the client's threads; replies go to the link's transmit queue.
 *
 * <p>Session life cycle: a link restart (reset pulse, stall, stream opened) ends the session —
 * will and subscriptions are forgotten, the own client is closed — and a new one awaits {@code w}
 * records and one {@code init}. A {@code w} or {@code init} arriving later also starts a new session
 * (how a host on a byte stream, which has no reset wire, restarts). INIT → {@code t|2} (when
 * use_default_net) → {@code t|1} → connect → {@code t|0}, {@code t|5}, {@code t|9}; or {@code t|8}
 * and idle until the host resets. Running: {@code p} → publish → {@code t|4} when the client's
 * publish completes; {@code s} → subscribe, remembered and re-subscribed after every reconnect;
 * {@code i} → time; {@code m} → memory; anything else → {@code t|6|Unknown command:|…}. The
 * client's link events become {@code t|9}/{@code t|10}, once per transition.
 */
public final class BridgeProtocol implements Link.Events, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeProtocol.class);
    /** Seconds between the Unix epoch and 2000-01-01 UTC (the MicroPython epoch). */
    static final long Y2K = 946_684_800L;
    /** Times before 2016 are treated as "clock not set" (spec §5.5 step 4). */
    static final long MIN_VALID_Y2K_SECONDS = 16L * 365 * 86_400;

    /** Session states, for status displays. */
    public enum State {
        AWAIT_CONFIG, CONNECTING, RUNNING, FAILED, CLOSED
    }

    /** Configuration of the protocol engine. */
    public record Options(String clientId, int maxMessageLength, int rxQueueLength, Duration connectTimeout,
            Clock clock) {
    }

    private record Restart(String reason) {
    }

    private final String name;
    private final Link link;
    private final ClientProvider clients;
    private final Options options;
    private final BlockingQueue<Object> inbound;
    private final AtomicLong sessionCount = new AtomicLong();
    private final LogLimiter warnings = new LogLimiter(10);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Session session = new Session();

    /** One host session: from a link restart (or a new w/init) to the next. */
    private static final class Session {
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        final Map<String, Integer> subscriptions = new LinkedHashMap<>();
        final List<Registration> registrations = new ArrayList<>();
        volatile State state = State.AWAIT_CONFIG;
        WillRecord will;
        volatile MqttClient client;
        Boolean lastUp; // guarded by this

        synchronized Map<String, Integer> subscriptionsSnapshot() {
            return new LinkedHashMap<>(subscriptions);
        }

        synchronized boolean subscribedTo(String topic) {
            for (String filter : subscriptions.keySet()) {
                if (filter.equals(topic) || Topics.matches(filter, topic)) {
                    return true;
                }
            }
            return false;
        }
    }

    public BridgeProtocol(String name, Link link, ClientProvider clients, Options options) {
        this.name = name;
        this.link = link;
        this.clients = clients;
        this.options = options;
        this.inbound = new ArrayBlockingQueue<>(options.rxQueueLength());
        this.thread = new Thread(this::run, "mqttas-bridge-proto-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts the protocol thread (then start the link with this as its events). */
    public void start() {
        thread.start();
    }

    public State state() {
        return session.state;
    }

    public long sessions() {
        return sessionCount.get();
    }

    public boolean brokerUp() {
        MqttClient c = session.client;
        return c != null && c.isConnected();
    }

    // ---- Link.Events: called on the link's thread, never block ----

    @Override
    public void onRecord(String record) {
        if (!inbound.offer(record)) {
            link.counters().recordsDropped.incrementAndGet();
            link.counters().lastError = "host sends faster than commands complete; record dropped";
            warnings.warn(LOG, name, link.counters().lastError);
        }
    }

    @Override
    public void onRestart(String reason) {
        session.ended.complete(null); // releases a wait for PUBACK, SUBACK or CONNACK at once
        inbound.clear();
        inbound.offer(new Restart(reason));
    }

    @Override
    public void close() {
        running = false;
        session.ended.complete(null);
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("bridge {}: protocol thread did not stop within 5 s", name);
        }
        endSession(session);
        session.state = State.CLOSED;
    }

    // ---- protocol thread ----

    private void run() {
        while (running) {
            try {
                Object item = inbound.poll(500, TimeUnit.MILLISECONDS);
                if (item instanceof Restart r) {
                    newSession(r.reason());
                } else if (item instanceof String record) {
                    handle(record);
                }
            } catch (InterruptedException e) {
                // close(): the loop condition decides
            } catch (Throwable e) { // never let the protocol thread die
                link.counters().lastError = "protocol error: " + e;
                LOG.error("bridge {}: error handling a host record", name, e);
            }
        }
    }

    private void newSession(String reason) {
        Session old = session;
        endSession(old);
        session = new Session();
        LOG.info("bridge {}: new host session ({})", name, reason);
    }

    private void endSession(Session s) {
        s.ended.complete(null);
        List<Registration> regs;
        synchronized (s) {
            regs = new ArrayList<>(s.registrations);
            s.registrations.clear();
        }
        for (Registration r : regs) {
            try {
                r.close();
            } catch (RuntimeException e) {
                LOG.debug("bridge {}: removing a listener: {}", name, e.toString());
            }
        }
        MqttClient c = s.client;
        s.client = null;
        if (c != null) {
            try {
                clients.release(c);
            } catch (RuntimeException e) {
                LOG.warn("bridge {}: releasing the MQTT client: {}", name, e.toString());
            }
        }
    }

    private void handle(String record) {
        List<String> f = Records.split(record);
        String cmd = f.get(0);
        Session s = session;
        if ((cmd.equals("w") || cmd.equals("init")) && s.state != State.AWAIT_CONFIG) {
            newSession("host sent '" + cmd + "' again");
            s = session;
        }
        switch (s.state) {
            case AWAIT_CONFIG -> awaitConfig(s, f, record);
            case RUNNING -> command(s, f, record);
            default -> LOG.warn("bridge {}: ignoring '{}' in state {} (waiting for the host to reset)", name,
                    Records.printable(cmd, 10), s.state);
        }
    }

    /** Spec §5.2 step 1: any number of w records, then one init. */
    private void awaitConfig(Session s, List<String> f, String record) {
        switch (f.get(0)) {
            case "w" -> {
                try {
                    s.will = WillRecord.parse(f);
                    status(Records.WILLOK);
                } catch (InvalidRecordException e) {
                    error(e.getMessage(), "Bad will:", e.getMessage());
                }
            }
            case "init" -> {
                InitRecord init;
                try {
                    init = InitRecord.parse(f);
                } catch (InvalidRecordException e) {
                    error(e.getMessage(), "Bad init:", e.getMessage());
                    return;
                }
                startClient(s, init);
            }
            default -> error("expected init, got " + Records.printable(record, 40), "Expected init, got: ", record);
        }
    }

    /** Spec §5.2 steps 3–6 and §12: t|2, t|1, connect, then t|0, t|5, t|9 or t|8. */
    private void startClient(Session s, InitRecord init) {
        sessionCount.incrementAndGet();
        LOG.info("bridge {}: host session {}: {}", name, sessionCount.get(), init);
        if (init.useDefaultNet()) {
            status(Records.DEFNET); // the gateway's uplink is Kura's business: carry on at once
        }
        status(Records.BROKER_CHECK);
        s.state = State.CONNECTING;
        MqttClient c;
        try {
            c = clients.acquire(ClientSettings.toConfigMap(init, s.will, options.clientId()));
        } catch (RuntimeException e) {
            fail(s, "MQTT client configuration rejected: " + e.getMessage());
            return;
        }
        s.client = c;
        synchronized (s) {
            s.registrations.add(c.addMessageListener((topic, payload, retained) -> onMessage(s, topic, payload,
                    retained)));
            s.registrations.add(c.addLinkListener(up -> onLink(s, up)));
            s.registrations.add(c.addConnectListener(client -> resubscribe(s)));
        }
        if (!clients.shared()) {
            // quick: the gateway's uplink is up already; the original's 5 s WiFi settling pause is for the ESP8266
            Outcome o = await(s, c.connect(true), options.connectTimeout());
            if (o.ended) {
                return;
            }
            if (o.failure != null) {
                fail(s, "first connection to " + init.broker() + ":" + init.effectivePort() + " failed: "
                        + describe(o.failure));
                return;
            }
        }
        synchronized (s) {
            if (s.ended.isDone()) {
                return;
            }
            status(Records.BROKER_OK);
            status(Records.RUNNING);
            s.state = State.RUNNING;
            s.lastUp = c.isConnected();
            status(s.lastUp ? Records.WIFI_UP : Records.WIFI_DOWN);
        }
    }

    private void fail(Session s, String why) {
        link.counters().lastError = why;
        LOG.warn("bridge {}: {}; sending BROKER_FAIL, waiting for the host to reset", name, why);
        status(Records.BROKER_FAIL);
        s.state = State.FAILED;
        endSession(s);
    }

    /** Spec §5.4: the running phase's commands, one at a time. */
    private void command(Session s, List<String> f, String record) {
        MqttClient c = s.client;
        switch (f.get(0)) {
            case "p" -> publish(s, c, f);
            case "s" -> subscribe(s, c, f);
            case "i" -> send(Records.join("i", Long.toString(secondsSince2000())), false);
            case "m" -> {
                Runtime rt = Runtime.getRuntime();
                long free = rt.freeMemory();
                send(Records.join("m", Long.toString(free), Long.toString(rt.totalMemory() - free)), false);
            }
            default -> error("unknown command " + Records.printable(record, 40), "Unknown command:", record);
        }
    }

    private void publish(Session s, MqttClient c, List<String> f) {
        String topic;
        byte[] payload;
        boolean retain;
        int qos;
        try {
            Fields.expectCount(f, "p", 5);
            topic = f.get(1);
            if (!Topics.isValidName(topic)) {
                throw InvalidRecordException.field("topic", topic, "must be a valid MQTT topic name");
            }
            payload = f.get(2).getBytes(StandardCharsets.UTF_8);
            retain = Fields.flag("retain", f.get(3));
            qos = Fields.integer("qos", f.get(4), 0, 1);
        } catch (InvalidRecordException e) {
            error(e.getMessage(), "Bad publish:", e.getMessage());
            return;
        }
        Outcome o = await(s, c.publish(topic, payload, retain, qos), null);
        if (o.ended) {
            return;
        }
        if (o.failure != null) {
            // The host waits for PUBOK with no timeout of its own; an error status makes it reset.
            error("publish to " + topic + " failed: " + describe(o.failure), "Publish failed:",
                    describe(o.failure));
            return;
        }
        status(Records.PUBOK);
    }

    private void subscribe(Session s, MqttClient c, List<String> f) {
        String topic;
        int qos;
        try {
            Fields.expectCount(f, "s", 3);
            topic = f.get(1);
            if (!Topics.isValidFilter(topic)) {
                throw InvalidRecordException.field("topic", topic, "must be a valid MQTT topic filter");
            }
            qos = Fields.integer("qos", f.get(2), 0, 1);
        } catch (InvalidRecordException e) {
            error(e.getMessage(), "Bad subscribe:", e.getMessage());
            return;
        }
        synchronized (s) {
            s.subscriptions.put(topic, qos); // recorded first: re-subscribed after every reconnect
        }
        Outcome o = await(s, c.subscribe(topic, qos), null);
        if (o.failure != null && !o.ended) {
            link.counters().lastError = "subscribe " + topic + " failed: " + describe(o.failure);
            LOG.warn("bridge {}: {}", name, link.counters().lastError);
        }
    }

    // ---- client callbacks (client threads) ----

    /** Spec §5.4 message callback, with the characters the link cannot carry rejected (§11.5). */
    private void onMessage(Session s, String topic, byte[] payload, boolean retained) {
        if (s.ended.isDone() || s.state != State.RUNNING || !s.subscribedTo(topic)) {
            return;
        }
        String text = linkSafe(payload);
        if (text == null || !Records.isFieldSafe(topic)) {
            reject(topic, "characters outside 1..126");
            return;
        }
        String record = Records.join("u", topic, text, retained ? "True" : "False");
        if (record.length() > options.maxMessageLength()) {
            reject(topic, record.length() + " characters exceed max_message_length " + options.maxMessageLength());
            return;
        }
        send(record, true);
    }

    private void reject(String topic, String why) {
        link.counters().recordsDropped.incrementAndGet();
        link.counters().lastError = "message on " + Records.printable(topic, 60) + " not forwarded: " + why;
        warnings.warn(LOG, name, link.counters().lastError);
        send(Records.status(Records.REJECTED, "Rejected message:", topic, why), true);
    }

    /** Spec §5.4 WiFi hook: t|9 / t|10, once per transition, only after RUNNING. */
    private void onLink(Session s, boolean up) {
        synchronized (s) {
            if (s.ended.isDone() || s.state != State.RUNNING || Boolean.valueOf(up).equals(s.lastUp)) {
                return;
            }
            s.lastUp = up;
            status(up ? Records.WIFI_UP : Records.WIFI_DOWN);
        }
    }

    /** Spec §5.4 on-connect hook: re-subscribe every recorded topic. */
    private void resubscribe(Session s) {
        MqttClient c = s.client;
        if (s.ended.isDone() || c == null) {
            return;
        }
        for (Map.Entry<String, Integer> e : s.subscriptionsSnapshot().entrySet()) {
            LOG.debug("bridge {}: re-subscribing {}", name, e.getKey());
            c.subscribe(e.getKey(), e.getValue()).whenComplete((granted, err) -> {
                if (err != null && !s.ended.isDone()) {
                    LOG.warn("bridge {}: re-subscribing {} failed: {}", name, e.getKey(), describe(err));
                }
            });
        }
    }

    // ---- helpers ----

    private record Outcome(boolean ended, Throwable failure) {
    }

    /**
     * Waits for {@code f} or the end of the session (the cancellation path), and at most
     * {@code timeout} if given. Never longer than the engine runs.
     */
    private Outcome await(Session s, CompletableFuture<?> f, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        CompletableFuture<Object> any = CompletableFuture.anyOf(f, s.ended);
        while (running) {
            long wait = Math.min(TimeUnit.SECONDS.toNanos(1), deadline - System.nanoTime());
            if (wait <= 0) {
                return new Outcome(false, new TimeoutException("no answer within " + timeout));
            }
            try {
                any.get(wait, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                continue;
            } catch (ExecutionException e) {
                // f failed: reported below
            } catch (InterruptedException e) {
                continue; // close() clears running
            }
            if (s.ended.isDone()) {
                return new Outcome(true, null);
            }
            try {
                f.join();
                return new Outcome(false, null);
            } catch (RuntimeException e) {
                return new Outcome(false, e.getCause() != null ? e.getCause() : e);
            }
        }
        return new Outcome(true, null);
    }

    private long secondsSince2000() {
        long t = options.clock().instant().getEpochSecond() - Y2K;
        return t < MIN_VALID_Y2K_SECONDS ? 0 : t;
    }

    /** The payload as text if every byte is 1..126, else null. */
    private static String linkSafe(byte[] payload) {
        for (byte b : payload) {
            if (b < 1 || b > 126) {
                return null;
            }
        }
        return new String(payload, StandardCharsets.US_ASCII);
    }

    private void status(int value) {
        send(Records.status(value), false);
    }

    /** Spec §4.4 UNKNOWN (6) with text fields; the host treats it as fatal and resets us. */
    private void error(String logText, String... fields) {
        link.counters().lastError = logText;
        warnings.warn(LOG, name, logText);
        send(Records.status(Records.UNKNOWN, fields), false);
    }

    private void send(String record, boolean droppable) {
        link.send(record, droppable);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
