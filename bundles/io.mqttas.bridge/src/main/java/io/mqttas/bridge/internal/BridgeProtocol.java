/* spec/bridge.md §4 (application protocol) and §12; issue 12 items 2 and 9: the protocol engine. */
package io.mqttas.bridge.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.session.MqttClient;

/**
 * The bridge's half of the application protocol. Host records are handled strictly one at a time
 * on the protocol thread ({@code mqttas-bridge-proto-NAME}) — the host relies on PUBOK order — while
 * MQTT work happens on the client's threads; replies go to the link's transmit queue. The phases
 * live in {@link ConfigPhase} (w, init, connect), {@link CommandProcessor} (p, s, i, m) and
 * {@link BrokerDelivery} (broker → host); a session's state in {@link HostSession}.
 *
 * <p>Session life cycle: a link restart (reset pulse, stall, stream opened, silent host) ends the
 * session — will and subscriptions are forgotten, the own client is closed — and a new one awaits
 * {@code w} records and one {@code init}. A {@code w} or {@code init} arriving later also starts a
 * new session (how a host on a byte stream, which has no reset wire, restarts); it releases the
 * old session's waits as soon as it arrives.
 *
 * <p>Every record the host waits an answer for gets one (issue 12 item 2): a record the link had to
 * drop (too long, a byte it cannot carry) is answered as a malformed one, and when the bounded queue
 * to the protocol thread is full — records that need an answer have a reserve — it is answered at
 * once: {@code p}, {@code w}, {@code init} with {@code t|6}, {@code i} with {@code i|0}.
 */
public final class BridgeProtocol implements Link.Events, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeProtocol.class);

    /** Session states, for status displays. */
    public enum State {
        AWAIT_CONFIG, CONNECTING, RUNNING, FAILED, CLOSED
    }

    /**
     * Configuration of the protocol engine.
     *
     * @param backoffInitial first hold-back of a repeated refusal (issue 12 item 3)
     * @param backoffMax     longest hold-back
     * @param time           the answer to {@code i}
     */
    public record Options(String clientId, int maxMessageLength, int rxQueueLength, Duration connectTimeout,
            Clock clock, Duration backoffInitial, Duration backoffMax, TimeSource time) {

        /** Back-off 1 s doubling to 60 s, time from {@code clock}. */
        public Options(String clientId, int maxMessageLength, int rxQueueLength, Duration connectTimeout,
                Clock clock) {
            this(clientId, maxMessageLength, rxQueueLength, connectTimeout, clock, Duration.ofSeconds(1),
                    Duration.ofSeconds(60), TimeSource.system(clock));
        }
    }

    private record Restart(String reason) {
    }

    private record Dropped(String command, String reason) {
    }

    private final String name;
    private final Link link;
    private final ClientProvider clients;
    private final HostOutput out;
    /** Host records and link events for the protocol thread; records needing an answer may use the reserve. */
    private final ReserveQueue<Object> inbound;
    private final AtomicLong sessionCount = new AtomicLong();
    private final RejectionBackoff backoff;
    private final ConfigPhase config;
    private final CommandProcessor commands;
    private final LogLimiter ignored = new LogLimiter(5);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile HostSession session = new HostSession();

    public BridgeProtocol(String name, Link link, ClientProvider clients, Options options) {
        this.name = name;
        this.link = link;
        this.clients = clients;
        this.out = new HostOutput(name, link);
        this.inbound = new ReserveQueue<>("rx_queue_len", options.rxQueueLength());
        BrokerDelivery delivery = new BrokerDelivery(name, out, options.maxMessageLength());
        this.backoff = new RejectionBackoff(name, options.backoffInitial(), options.backoffMax());
        this.config = new ConfigPhase(name, out, clients, options, backoff, delivery, sessionCount, () -> running);
        this.commands = new CommandProcessor(name, out, options.time(), () -> running);
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

    // ---- Link.Events: called on the link's threads, never block ----

    @Override
    public void onRecord(String record) {
        String command = Records.command(record);
        HostSession s = session;
        if ((command.equals("w") || command.equals("init")) && (s.state != State.AWAIT_CONFIG || s.holdingBack)) {
            s.ended.complete(null); // a host starting over: release the old session's waits now
        }
        if (!inbound.offer(record, Records.expectsAnswer(command) || command.equals("s"))) {
            overloaded(command);
        }
    }

    @Override
    public void onDropped(String command, String reason) {
        if (!inbound.offer(new Dropped(command, reason), true)) {
            overloaded(command);
        }
    }

    @Override
    public void onRestart(String reason) {
        session.ended.complete(null); // releases a wait for PUBACK, SUBACK, CONNACK or a back-off at once
        inbound.replaceAll(new Restart(reason));
    }

    /** The queue to the protocol thread is full even for records that need an answer: answer now. */
    private void overloaded(String command) {
        String why = "bridge overloaded: " + inbound.size() + " host records waiting";
        out.dropped("host sends faster than commands complete; '" + Records.printable(command, 10)
                + "' dropped (" + why + ")");
        switch (command) {
            case "p" -> out.refuse("Bad publish:", why);
            case "w" -> out.refuse("Bad will:", why);
            case "init" -> out.refuse("Bad init:", why);
            case "i" -> out.send(Records.join("i", "0"), false);
            default -> {
                // no answer expected
            }
        }
    }

    @Override
    public void close() {
        running = false;
        session.ended.complete(null);
        Shutdown.stop(thread, Duration.ofSeconds(5), LOG, name);
        HostSession s = session;
        s.end(clients, name);
        s.state = State.CLOSED;
    }

    // ---- protocol thread ----

    private void run() {
        while (running) {
            try {
                Object item = inbound.poll(500, TimeUnit.MILLISECONDS);
                if (item instanceof Restart r) {
                    newSession(r.reason());
                } else if (item instanceof Dropped d) {
                    dispatch(d.command(), null, d.reason());
                } else if (item instanceof String record) {
                    dispatch(Records.command(record), record, null);
                }
            } catch (InterruptedException e) {
                // close(): the loop condition decides
            } catch (Throwable e) { // never let the protocol thread die
                out.counters().lastError = "protocol error: " + e;
                LOG.error("bridge {}: error handling a host record", name, e);
            }
        }
    }

    private void newSession(String reason) {
        session.end(clients, name);
        session = new HostSession();
        if (backoff.inRun()) {
            LOG.debug("bridge {}: new host session ({})", name, reason); // the host retrying after a refusal
        } else {
            LOG.info("bridge {}: new host session ({})", name, reason);
        }
    }

    /** A record ({@code record} non-null) or a dropped one ({@code reason} non-null), by session state. */
    private void dispatch(String command, String record, String reason) {
        HostSession s = session;
        if ((command.equals("w") || command.equals("init")) && (s.state != State.AWAIT_CONFIG || s.isEnded())) {
            newSession("host sent '" + command + "' again");
            link.discardQueued(); // the old session's records are nobody's business now
            s = session;
        }
        switch (s.state) {
            case AWAIT_CONFIG -> {
                if (record != null) {
                    config.handle(s, Records.split(record), record);
                } else {
                    config.invalid(s, command, reason);
                }
            }
            case RUNNING -> {
                if (record != null) {
                    List<String> f = Records.split(record);
                    commands.handle(s, f, record);
                } else {
                    commands.invalid(s, command, reason);
                }
            }
            default -> ignored.warn(LOG, name, "ignoring '" + Records.printable(command, 10) + "' in state " + s.state
                    + " (waiting for the host to reset)");
        }
    }
}
