/* spec/bridge.md §5.2 and §12: one host session, from a link restart (or a new w/init) to the next. */
package io.mqttas.bridge.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.codec.Topics;
import io.mqttas.session.MqttClient;
import io.mqttas.session.Registration;

/**
 * A host session's state: its will, its MQTT client and listener registrations, the subscriptions
 * to renew after reconnects, and {@link #ended}, which completes when the session ends and so
 * releases every wait of the protocol thread (PUBACK, SUBACK, CONNACK, a back-off) at once.
 */
final class HostSession {
    private static final Logger LOG = LoggerFactory.getLogger(HostSession.class);

    /** What a wait ended with: the session's end, or the future's failure (null = success). */
    record Outcome(boolean ended, Throwable failure) {
    }

    final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
    private final List<Registration> registrations = new ArrayList<>();
    volatile BridgeProtocol.State state = BridgeProtocol.State.AWAIT_CONFIG;
    WillRecord will;
    volatile MqttClient client;
    /** The protocol thread holds back a refusal's answer (a new w/init from the host cancels it). */
    volatile boolean holdingBack;
    Boolean lastUp; // guarded by this

    boolean isEnded() {
        return ended.isDone();
    }

    synchronized void subscribed(String filter, int qos) {
        subscriptions.put(filter, qos);
    }

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

    synchronized void registered(Registration r) {
        registrations.add(r);
    }

    /**
     * Waits for {@code f} or the end of the session (the cancellation path), and at most
     * {@code timeout} if given; never longer than {@code running} holds.
     */
    Outcome await(CompletableFuture<?> f, Duration timeout, BooleanSupplier running) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        CompletableFuture<Object> any = CompletableFuture.anyOf(f, ended);
        while (running.getAsBoolean()) {
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
            if (isEnded()) {
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

    /** Waits {@code pause} unless the session ends first; true if it ended (or the engine stopped). */
    boolean pause(Duration pause, BooleanSupplier running) {
        if (pause.isZero() || pause.isNegative()) {
            return isEnded();
        }
        return await(new CompletableFuture<Void>(), pause, running).ended();
    }

    /** Ends the session: waits released, listeners removed, the client handed back (an own one is closed). */
    void end(ClientProvider clients, String bridge) {
        ended.complete(null);
        List<Registration> regs;
        synchronized (this) {
            regs = new ArrayList<>(registrations);
            registrations.clear();
        }
        for (Registration r : regs) {
            try {
                r.close();
            } catch (RuntimeException e) {
                LOG.debug("bridge {}: removing a listener: {}", bridge, e.toString());
            }
        }
        MqttClient c = client;
        client = null;
        if (c != null) {
            try {
                clients.release(c);
            } catch (RuntimeException e) {
                LOG.warn("bridge {}: releasing the MQTT client: {}", bridge, e.toString());
            }
        }
    }
}
