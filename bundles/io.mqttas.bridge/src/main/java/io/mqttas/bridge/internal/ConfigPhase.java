/*
 * spec/bridge.md §5.2 (initialisation), §4.5, §12; issue 12 items 2 and 3: w records and one init,
 * then the broker connection, with refusals answered later and later when the host keeps repeating.
 */
package io.mqttas.bridge.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.session.MqttClient;

/**
 * The configuration phase of a session (on the protocol thread): any number of {@code w} records
 * ({@code t|7} each), then one {@code init} → {@code t|2} (when use_default_net) → {@code t|1} →
 * connect → {@code t|0}, {@code t|5}, {@code t|9} (or {@code t|10}); anything else
 * {@code t|6|Expected init, got: |…}. A refused will or INIT ({@code t|6}) and a failed first
 * connection ({@code t|8}) make the host reset and send the same again: the first refusal is answered
 * at once, consecutive ones after the {@link RejectionBackoff} delay — for a failing broker the
 * bridge keeps trying to connect during that delay, so a broker that comes back ends the loop
 * without waiting for the host's next try.
 */
final class ConfigPhase {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeProtocol.class);
    /** Pause between connection attempts while a BROKER_FAIL answer is held back. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final String name;
    private final HostOutput out;
    private final ClientProvider clients;
    private final BridgeProtocol.Options options;
    private final RejectionBackoff backoff;
    private final BrokerDelivery delivery;
    private final AtomicLong sessions;
    private final BooleanSupplier running;

    ConfigPhase(String name, HostOutput out, ClientProvider clients, BridgeProtocol.Options options,
            RejectionBackoff backoff, BrokerDelivery delivery, AtomicLong sessions, BooleanSupplier running) {
        this.name = name;
        this.out = out;
        this.clients = clients;
        this.options = options;
        this.backoff = backoff;
        this.delivery = delivery;
        this.sessions = sessions;
        this.running = running;
    }

    /** Spec §5.2 step 1: any number of w records, then one init. */
    void handle(HostSession s, List<String> f, String record) {
        switch (f.get(0)) {
            case "w" -> {
                try {
                    s.will = WillRecord.parse(f);
                    out.status(Records.WILLOK);
                } catch (InvalidRecordException e) {
                    refuse(s, "host's will refused: " + e.getMessage(), "Bad will:", e.getMessage());
                }
            }
            case "init" -> {
                InitRecord init;
                try {
                    init = InitRecord.parse(f);
                } catch (InvalidRecordException e) {
                    refuse(s, "host's INIT refused: " + e.getMessage(), "Bad init:", e.getMessage());
                    return;
                }
                startClient(s, init);
            }
            default -> out.error("expected init, got " + Records.printable(record, 40), "Expected init, got: ", record);
        }
    }

    /** A record the link dropped (too long, bad byte) while the session awaits its configuration. */
    void invalid(HostSession s, String command, String reason) {
        switch (command) {
            case "w" -> refuse(s, "host's will refused: " + reason, "Bad will:", reason);
            case "init" -> refuse(s, "host's INIT refused: " + reason, "Bad init:", reason);
            default -> out.error("expected init, got '" + command + "' (" + reason + ")", "Expected init, got: ",
                    command);
        }
    }

    /** t|6 for a refused will or INIT, held back while the host repeats the same mistake. */
    private void refuse(HostSession s, String reason, String label, String detail) {
        out.counters().lastError = reason;
        Duration delay = backoff.refused(reason);
        s.holdingBack = true;
        try {
            if (s.pause(delay, running)) {
                return; // the host reset or started over meanwhile: it no longer waits for this answer
            }
        } finally {
            s.holdingBack = false;
        }
        out.refuse(label, detail);
    }

    /** Spec §5.2 steps 3–6 and §12: t|2, t|1, connect, then t|0, t|5, t|9 or t|8. */
    private void startClient(HostSession s, InitRecord init) {
        sessions.incrementAndGet();
        if (backoff.inRun()) {
            LOG.debug("bridge {}: host session {}: {}", name, sessions.get(), init); // a retry: logged when it ends
        } else {
            LOG.info("bridge {}: host session {}: {}", name, sessions.get(), init);
        }
        if (init.useDefaultNet()) {
            out.status(Records.DEFNET); // the gateway's uplink is Kura's business: carry on at once
        }
        out.status(Records.BROKER_CHECK);
        s.state = BridgeProtocol.State.CONNECTING;
        MqttClient c;
        try {
            c = clients.acquire(ClientSettings.toConfigMap(init, s.will, options.clientId()));
        } catch (RuntimeException e) {
            s.state = BridgeProtocol.State.FAILED;
            refuse(s, "host's INIT refused by the MQTT client configuration: " + e.getMessage(), "Bad init:",
                    String.valueOf(e.getMessage()));
            s.end(clients, name);
            return;
        }
        s.client = c;
        delivery.attach(s, c);
        if (!clients.shared() && !connect(s, c, init)) {
            return;
        }
        synchronized (s) {
            if (s.isEnded()) {
                return;
            }
            out.status(Records.BROKER_OK);
            out.status(Records.RUNNING);
            s.state = BridgeProtocol.State.RUNNING;
            backoff.succeeded();
            s.lastUp = c.isConnected();
            out.status(s.lastUp ? Records.WIFI_UP : Records.WIFI_DOWN);
        }
    }

    /** The first connection; on failure BROKER_FAIL, held back (and retried) while the host repeats. */
    private boolean connect(HostSession s, MqttClient c, InitRecord init) {
        // quick: the gateway's uplink is up already; the original's 5 s WiFi settling pause is for the ESP8266
        HostSession.Outcome o = s.await(c.connect(true), options.connectTimeout(), running);
        if (o.ended()) {
            return false;
        }
        if (o.failure() == null) {
            return true;
        }
        String reason = "first connection to " + init.broker() + ":" + init.effectivePort() + " failed: "
                + BrokerDelivery.describe(o.failure());
        out.counters().lastError = reason;
        long until = System.nanoTime() + backoff.refused(reason).toNanos();
        while (System.nanoTime() < until) {
            Duration pause = Duration.ofNanos(Math.min(RETRY_PAUSE.toNanos(), until - System.nanoTime()));
            if (s.pause(pause, running)) {
                return false;
            }
            o = s.await(c.connect(true), options.connectTimeout(), running);
            if (o.ended()) {
                return false;
            }
            if (o.failure() == null) {
                LOG.info("bridge {}: connected to {}:{} after all", name, init.broker(), init.effectivePort());
                return true;
            }
        }
        out.counters().rejected.incrementAndGet();
        out.status(Records.BROKER_FAIL);
        s.state = BridgeProtocol.State.FAILED;
        LOG.debug("bridge {}: BROKER_FAIL sent; waiting for the host to reset", name);
        s.end(clients, name);
        return false;
    }
}
