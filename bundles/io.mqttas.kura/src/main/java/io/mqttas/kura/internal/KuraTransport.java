/*
 * Issue 10 item 1: org.eclipse.kura.data.DataTransportService over an mqttas MqttClient, so that Kura's
 * store-and-forward DataService runs on it unchanged. Written from Kura 5.5's DataTransportService
 * contract and from what DataServiceImpl expects of MqttDataTransport; the differences are listed in
 * docs/kura.md ("Differences from Kura's MqttDataTransport").
 */
package io.mqttas.kura.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraNotConnectedException;
import org.eclipse.kura.data.DataTransportService;
import org.eclipse.kura.data.DataTransportToken;
import org.eclipse.kura.data.transport.listener.DataTransportListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.Registration;

/**
 * One transport: at most one MqttClient at a time, created by {@link #connect()} and dropped by
 * {@link #disconnect(long)} or a configuration change. While a client exists it reconnects by itself
 * after outages; listeners hear {@code onConnectionLost} and then {@code onConnectionEstablished(false)}:
 * publications in flight are kept and confirmed with their original tokens. A new client (first connect,
 * after {@code disconnect}, after a new configuration) starts a new session: {@code newSession = true}.
 */
public final class KuraTransport implements DataTransportService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KuraTransport.class);
    private static final int MAX_WAITING_ARRIVALS = 10_000;
    private static final long NOTIFY_WAIT_MILLIS = 10_000;

    /** Makes the client of a configuration ({@code MqttClient::create} outside tests). */
    public interface ClientFactory {
        MqttClient create(MqttConfig config);
    }

    private final String name;
    private final ClientFactory factory;
    private final KeystoreTls tls;
    private final ConfirmationGate gate = new ConfirmationGate();
    private final ListenerDispatcher dispatcher;
    private final ConnectionStatus status;
    private final Subscriptions subscriptions = new Subscriptions();
    private final AtomicLong sessions = new AtomicLong();
    private final Publications publications;
    private final FailureLog failures;
    private final Object lock = new Object();   // client life cycle; waited on for state changes

    private volatile TransportSettings settings;
    private volatile boolean closed;
    private volatile boolean linkUp;       // the current client says it is connected (client thread)
    private volatile boolean notifiedUp;   // the listeners were told so (dispatcher thread, in event order)
    // guarded by lock
    private MqttClient client;
    private final List<Registration> registrations = new ArrayList<>();
    private CompletableFuture<Boolean> firstConnect;
    private boolean everUp;
    private boolean freshSession = true;
    private String sessionId = "";

    public KuraTransport(String name, TransportSettings settings, ClientFactory factory, KeystoreTls tls, ConnectionStatus status) {
        this.name = name;
        this.settings = settings;
        this.factory = factory;
        this.tls = tls;
        this.status = status;
        this.failures = new FailureLog(LOG, name);
        this.dispatcher = new ListenerDispatcher(name, gate, MAX_WAITING_ARRIVALS);
        this.publications = new Publications(name, LOG, gate, dispatcher::poke);
        if (settings.idleReason() != null) {
            failures.idle(settings.idleReason());
        }
    }

    // ---- DataTransportService ----

    @Override
    public void connect() throws KuraConnectException {
        entered();
        TransportSettings s = settings;
        if (closed) {
            throw new KuraConnectException(name + ": the transport is closed");
        }
        if (s.idleReason() != null) {
            failures.idle(s.idleReason());
            throw new KuraConnectException(name + ": not configured: " + s.idleReason());
        }
        if (isConnected()) {
            return;   // Kura's transport throws IllegalStateException here; connecting twice is harmless for us
        }
        long deadline = System.nanoTime() + s.timeout().toNanos();
        CompletableFuture<Boolean> first;
        MqttClient c;
        synchronized (lock) {
            if (client == null) {
                startClient(s);
            }
            c = client;
            if (!everUp && firstConnect == null) {
                firstConnect = c.connect(true);   // mqtt_as does not retry a first connect: Kura's DataService does
            }
            first = everUp ? null : firstConnect;
        }
        status.connecting();
        boolean ok = false;
        try {
            if (first != null) {
                try {
                    Waits.first(first, deadline, s.timeout(), name, s.brokerUrl(), failures);
                } catch (KuraConnectException e) {
                    if (first.isDone()) {
                        abandon(c);   // the next connect() starts over with a new client: one attempt per call
                    }
                    throw e;
                }
            }
            awaitUp(deadline, s);
            ok = true;
            failures.connected(s.brokerUrl());
        } finally {
            status.connected(ok);
        }
    }

    private void awaitUp(long deadline, TransportSettings s) throws KuraConnectException {
        boolean onDispatcher = dispatcher.onDispatcherThread();
        synchronized (lock) {
            while (!(onDispatcher ? linkUp : linkUp && notifiedUp)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (closed || client == null) {
                    throw new KuraConnectException(name + ": disconnected while connecting");
                }
                if (left <= 0) {
                    throw failures.timedOut(s.brokerUrl(), s.timeout());
                }
                try {
                    lock.wait(Math.min(left, 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KuraConnectException(e, name + ": interrupted while connecting");
                }
            }
        }
    }

    /** Creates the client of {@code s} with its listeners; a new session begins. Called under lock. */
    private void startClient(TransportSettings s) throws KuraConnectException {
        MqttConfig config = tls.config(s);
        MqttClient c = factory.create(config);
        client = c;
        everUp = false;
        firstConnect = null;
        freshSession = true;
        sessionId = s.clientId() + "-" + s.brokerUrl() + "-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + sessions.incrementAndGet();
        subscriptions.clear();
        publications.begin(c);
        registrations.add(c.addLinkListener(up -> onLink(c, up)));
        registrations.add(c.addMessageListener((topic, payload, retained) -> {
            if (isCurrent(c)) {
                dispatcher.arrival(topic, payload, subscriptions.qosFor(topic), retained);
            }
        }));
    }

    private boolean isCurrent(MqttClient c) {
        synchronized (lock) {
            return c == client;
        }
    }

    /** The client's link listener: true after every successful connect, false once per outage. */
    private void onLink(MqttClient c, boolean up) {
        boolean fresh;
        synchronized (lock) {
            if (c != client) {
                return;
            }
            linkUp = up;
            fresh = up && freshSession;
            if (up) {
                everUp = true;
                freshSession = false;
            }
            lock.notifyAll();
        }
        if (up) {
            dispatcher.run("connection established", () -> {
                if (!isCurrent(c)) {
                    return;
                }
                setNotifiedUp(linkUp);
                dispatcher.event("connection established", l -> l.onConnectionEstablished(fresh));
            });
        } else {
            dispatcher.run("connection lost", () -> {
                if (!isCurrent(c)) {
                    return;
                }
                boolean wasUp = notifiedUp;
                setNotifiedUp(false);
                if (wasUp) {
                    IOException cause = new IOException("connection to " + settings.brokerUrl() + " lost; mqttas reconnects by itself");
                    dispatcher.event("connection lost", l -> l.onConnectionLost(cause));
                }
            });
        }
    }

    private void setNotifiedUp(boolean up) {
        synchronized (lock) {
            notifiedUp = up;
            lock.notifyAll();
        }
    }

    @Override
    public boolean isConnected() {
        entered();
        return !closed && linkUp && notifiedUp;
    }

    @Override
    public String getBrokerUrl() {
        return settings.brokerUrl();
    }

    @Override
    public String getAccountName() {
        return settings.accountName();
    }

    @Override
    public String getUsername() {
        return settings.username();
    }

    @Override
    public String getClientId() {
        return settings.clientId();
    }

    /**
     * Tells listeners {@code onDisconnecting}, waits up to {@code quiesceTimeout} ms for QoS 1 publications in
     * flight, sends DISCONNECT and drops the client (it stops reconnecting), then tells {@code onDisconnected}.
     * Publications still unacknowledged are never confirmed: the next connection is a new session.
     */
    @Override
    public void disconnect(long quiesceTimeout) {
        entered();
        MqttClient c;
        synchronized (lock) {
            c = client;
        }
        if (c == null) {
            LOG.debug("{}: disconnect: not connected", name);
            return;
        }
        boolean told = notifiedUp;
        if (told) {
            dispatcher.eventAndWait("disconnecting", l -> l.onDisconnecting(), NOTIFY_WAIT_MILLIS);
        }
        publications.drain(quiesceTimeout, () -> linkUp);
        dropClient(c);
        try {
            c.disconnect().get(Math.max(1000, settings.timeout().toMillis()), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("{}: DISCONNECT: {}", name, e.toString());
        } finally {
            c.close();
        }
        LOG.info("{}: disconnected from {}", name, settings.brokerUrl());
        if (told) {
            dispatcher.eventAndWait("disconnected", l -> l.onDisconnected(), NOTIFY_WAIT_MILLIS);
        }
    }

    /** Drops and closes a client whose first connection failed (nothing was ever in flight on it). */
    private void abandon(MqttClient c) {
        dropClient(c);
        c.close();
    }

    /** Forgets {@code c}: its events are ignored from now on and its tokens will never be confirmed. */
    private void dropClient(MqttClient c) {
        synchronized (lock) {
            if (client != c) {
                return;
            }
            registrations.forEach(Registration::close);
            registrations.clear();
            client = null;
            linkUp = false;
            notifiedUp = false;
            lock.notifyAll();
        }
        publications.end();
    }

    @Override
    public void subscribe(String topic, int qos) throws KuraException {
        entered();
        MqttClient c = connectedClient();
        String t = topics().apply(topic);
        subscriptions.subscribe(c, t, publications.qos(qos), settings.timeout(), name);
    }

    @Override
    public void unsubscribe(String topic) throws KuraException {
        entered();
        MqttClient c = connectedClient();
        subscriptions.unsubscribe(c, topics().apply(topic), settings.timeout(), name);
    }

    @Override
    public DataTransportToken publish(String topic, byte[] payload, int qos, boolean retain) throws KuraException {
        entered();
        MqttClient c = connectedClient();
        String session;
        synchronized (lock) {
            session = sessionId;
        }
        return publications.publish(c, session, topics().apply(topic), payload, qos, retain);
    }

    private MqttClient connectedClient() throws KuraNotConnectedException {
        MqttClient c;
        synchronized (lock) {
            c = client;
        }
        if (c == null || !isConnected()) {
            throw new KuraNotConnectedException(name + ": not connected");
        }
        return c;
    }

    private TopicContext topics() {
        TransportSettings s = settings;
        return new TopicContext(s.accountName(), s.clientId());
    }

    private void entered() {
        gate.entered();
        if (dispatcher.isHolding()) {
            dispatcher.poke();
        }
    }

    @Override
    public void addDataTransportListener(DataTransportListener listener) {
        dispatcher.add(listener);
    }

    @Override
    public void removeDataTransportListener(DataTransportListener listener) {
        dispatcher.remove(listener);
    }

    // ---- configuration and life cycle ----

    /**
     * Applies new settings, as Kura's transport does: listeners hear {@code onConfigurationUpdating}
     * (Kura's DataService disconnects then), the client is dropped, the settings replaced, and
     * {@code onConfigurationUpdated} follows (the DataService reconnects). Completes when done.
     */
    public CompletableFuture<Void> reconfigure(TransportSettings next) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean was = isConnected();
        dispatcher.run("configuration update", () -> {
            try {
                dispatcher.event("configuration updating", l -> l.onConfigurationUpdating(was));
                disconnect(0);   // a no-op if a listener did it already
                settings = next;
                if (next.idleReason() != null) {
                    failures.idle(next.idleReason());
                }
                LOG.info("{}: configured: {}", name, next.describe());
                dispatcher.event("configuration updated", l -> l.onConfigurationUpdated(was));
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    public TransportSettings settings() {
        return settings;
    }

    /** Whether a client exists (connected, connecting or reconnecting). */
    public boolean hasClient() {
        synchronized (lock) {
            return client != null;
        }
    }

    /** WARN lines written about connection failures and idleness (each distinct one once in a row). */
    public int failureWarnings() {
        return failures.warnings();
    }

    /** Incoming messages dropped because Kura's listeners fell behind. */
    public long droppedArrivals() {
        return dispatcher.droppedArrivals();
    }

    /** Disconnects (no quiesce) and ends the transport's thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        disconnect(0);
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        dispatcher.close();
    }
}
