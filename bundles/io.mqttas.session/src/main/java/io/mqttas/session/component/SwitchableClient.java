/*
 * Issue 4 item 1: the MqttClient service object of one configuration. Consumers (bridge, relay, Gogo)
 * keep this object while @Modified replaces the client behind it: operations issued during the switch
 * wait for the new client, and QoS 1 publications that the old client could not finish are issued
 * again on the new one (at-least-once: duplicates are possible, losses are not).
 */
package io.mqttas.session.component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.session.ClientMetrics;
import io.mqttas.session.ClientStatus;
import io.mqttas.session.ConnectListener;
import io.mqttas.session.Event;
import io.mqttas.session.LinkListener;
import io.mqttas.session.MessageListener;
import io.mqttas.session.MessageQueue;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttEventListener;
import io.mqttas.session.Registration;

final class SwitchableClient implements MqttClient, ConfigurableComponent {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchableClient.class);

    /** A listener added through this object, re-added to every client that replaces the current one. */
    private record Carried(Function<MqttClient, Registration> addTo, Registration[] current) {
    }

    private final List<Carried> carried = new CopyOnWriteArrayList<>();
    private volatile MqttClient current;                               // the client operations go to
    private volatile CompletableFuture<MqttClient> ready = new CompletableFuture<>();
    private volatile boolean closed;

    SwitchableClient(MqttClient first) {
        this.current = first;
    }

    MqttClient current() {
        return current;
    }

    /** From now on operations wait until {@link #ready(MqttClient)}; the old client keeps finishing its own. */
    synchronized void hold() {
        if (ready.isDone()) {
            ready = new CompletableFuture<>();
        }
    }

    /** Makes {@code client} current (after its first successful connect) and releases waiting operations. */
    synchronized void ready(MqttClient client) {
        if (client != current) {
            for (Carried c : carried) {
                c.current()[0].close();
                c.current()[0] = c.addTo().apply(client);
            }
            current = client;
        }
        ready.complete(client);
    }

    /** Fails waiting operations (component deactivated). */
    synchronized void shutDown() {
        closed = true;
        ready.completeExceptionally(new MqttClosedException("the MQTT client component was deactivated"));
    }

    boolean isReady() {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }

    /**
     * Runs {@code op} on the current client once it is ready; if the client it ran on was replaced and
     * failed it with MqttClosedException, runs it again on the replacement.
     */
    private <T> CompletableFuture<T> issue(Function<MqttClient, CompletableFuture<T>> op) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(op, result);
        return result;
    }

    private <T> void attempt(Function<MqttClient, CompletableFuture<T>> op, CompletableFuture<T> result) {
        ready.whenComplete((client, notReady) -> {
            if (notReady != null) {
                result.completeExceptionally(notReady);
                return;
            }
            CompletableFuture<T> f;
            try {
                f = op.apply(client);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            // A closed client completes every operation it holds (MqttClosedException), so nothing here waits for ever.
            f.whenComplete((value, error) -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof MqttClosedException && !closed && (client != current || !ready.isDone())) {
                    // the client was retired by a reconfiguration: run it again on its replacement
                    LOG.debug("operation interrupted by a reconfiguration; issued again on the new client");
                    attempt(op, result);
                } else if (error != null) {
                    result.completeExceptionally(cause);
                } else {
                    result.complete(value);
                }
            });
        });
    }

    private Registration carry(Function<MqttClient, Registration> addTo) {
        Registration[] reg = { addTo.apply(current) };
        Carried c = new Carried(addTo, reg);
        carried.add(c);
        return () -> {
            carried.remove(c);
            reg[0].close();
        };
    }

    @Override
    public CompletableFuture<Boolean> connect() {
        return current.connect();
    }

    @Override
    public CompletableFuture<Boolean> connect(boolean quick) {
        return current.connect(quick);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos) {
        byte[] copy = payload.clone();
        return issue(c -> c.publish(topic, copy, retain, qos));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos, Duration timeout) {
        byte[] copy = payload.clone();
        return issue(c -> c.publish(topic, copy, retain, qos, timeout));
    }

    @Override
    public CompletableFuture<Integer> subscribe(String filter, int qos) {
        return issue(c -> c.subscribe(filter, qos));
    }

    @Override
    public CompletableFuture<Integer> subscribe(String filter, int qos, Duration timeout) {
        return issue(c -> c.subscribe(filter, qos, timeout));
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        return issue(c -> c.unsubscribe(filter));
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter, Duration timeout) {
        return issue(c -> c.unsubscribe(filter, timeout));
    }

    @Override
    public CompletableFuture<io.mqttas.session.Ack> publish(String topic, byte[] payload, boolean retain, int qos,
            io.mqttas.codec.MqttProperties properties, Duration timeout) {
        byte[] copy = payload == null ? new byte[0] : payload.clone();
        return issue(c -> c.publish(topic, copy, retain, qos, properties, timeout));
    }

    @Override
    public CompletableFuture<io.mqttas.session.Ack> subscribe(io.mqttas.codec.Subscribe.Subscription subscription,
            io.mqttas.codec.MqttProperties properties, Duration timeout) {
        return issue(c -> c.subscribe(subscription, properties, timeout));
    }

    @Override
    public CompletableFuture<io.mqttas.session.Ack> unsubscribe(String filter, io.mqttas.codec.MqttProperties properties, Duration timeout) {
        return issue(c -> c.unsubscribe(filter, properties, timeout));
    }

    @Override
    public CompletableFuture<io.mqttas.session.Message> request(String topic, byte[] payload, int qos, String responseTopic, Duration timeout) {
        return issue(c -> c.request(topic, payload, qos, responseTopic, timeout));
    }

    @Override
    public io.mqttas.codec.MqttProperties connAckProperties() {
        return current.connAckProperties();
    }

    @Override
    public Registration addMessageHandler(io.mqttas.session.MessageHandler handler) {
        return carry(c -> c.addMessageHandler(handler));
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return current.disconnect();
    }

    @Override
    public CompletableFuture<Boolean> brokerUp() {
        return current.brokerUp();
    }

    @Override
    public CompletableFuture<Boolean> wanOk() {
        return current.wanOk();
    }

    @Override
    public boolean isConnected() {
        return current.isConnected();
    }

    /** The component owns the client's life cycle: a consumer closing the shared service is ignored. */
    @Override
    public void close() {
        LOG.warn("close() on the shared MqttClient service ignored: delete or disable its configuration instead");
    }

    @Override
    public Event up() {
        return current.up();
    }

    @Override
    public Event down() {
        return current.down();
    }

    @Override
    public MessageQueue queue() {
        return current.queue();
    }

    @Override
    public Registration addMessageListener(MessageListener listener) {
        return carry(c -> c.addMessageListener(listener));
    }

    @Override
    public Registration addLinkListener(LinkListener listener) {
        return carry(c -> c.addLinkListener(listener));
    }

    @Override
    public Registration addConnectListener(ConnectListener listener) {
        return carry(c -> c.addConnectListener(listener));
    }

    @Override
    public ClientStatus status() {
        return current.status();
    }

    @Override
    public MqttConfig config() {
        return current.config();
    }

    @Override
    public ClientMetrics metrics() {
        return current.metrics();
    }

    @Override
    public Registration addEventListener(MqttEventListener listener) {
        return carry(c -> c.addEventListener(listener));
    }

    @Override
    public String toString() {
        return "MqttClient service over " + current;
    }
}
