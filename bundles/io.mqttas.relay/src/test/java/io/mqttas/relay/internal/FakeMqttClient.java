/*
 * An in-memory stand-in for the MqttClient service, used ONLY by unit tests of the gateway's node
 * protocol state (the client is a collaborator there, not the thing under test). Broker
 * behaviour is exercised against real Mosquitto in the relay's broker tests.
 */
package io.mqttas.relay.internal;

import io.mqttas.session.ClientStatus;
import io.mqttas.session.ConnectListener;
import io.mqttas.session.Event;
import io.mqttas.session.LinkListener;
import io.mqttas.session.MessageListener;
import io.mqttas.session.MessageQueue;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.Registration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

public final class FakeMqttClient implements MqttClient {
    record Published(String topic, String payload, boolean retain, int qos, CompletableFuture<Void> future) {
    }

    record Subscribed(String filter, int qos) {
    }

    final List<Published> published = new CopyOnWriteArrayList<>();
    final List<Subscribed> subscribed = new CopyOnWriteArrayList<>();
    final List<MessageListener> messageListeners = new CopyOnWriteArrayList<>();
    final List<LinkListener> linkListeners = new CopyOnWriteArrayList<>();
    final List<ConnectListener> connectListeners = new CopyOnWriteArrayList<>();
    volatile boolean connected = true;
    /** Decides how each publish completes; default: at once. */
    volatile Function<Published, CompletableFuture<Void>> onPublish = p -> CompletableFuture.completedFuture(null);

    /** Publications to {@code topic}, payloads only. */
    List<String> payloads(String topic) {
        return published.stream().filter(p -> p.topic.equals(topic)).map(Published::payload).toList();
    }

    public void deliver(String topic, String payload, boolean retained) {
        messageListeners.forEach(l -> l.onMessage(topic, payload.getBytes(StandardCharsets.UTF_8), retained));
    }

    void deliver(String topic, byte[] payload, boolean retained) {
        messageListeners.forEach(l -> l.onMessage(topic, payload, retained));
    }

    void link(boolean up) {
        connected = up;
        linkListeners.forEach(l -> l.onLink(up));
        if (up) {
            connectListeners.forEach(l -> l.onConnect(this));
        }
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos) {
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("qos " + qos);
        }
        Published p = new Published(topic, new String(payload, StandardCharsets.UTF_8), retain, qos,
                new CompletableFuture<>());
        published.add(p);
        CompletableFuture<Void> f = onPublish.apply(p);
        return f;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos, Duration t) {
        return publish(topic, payload, retain, qos);
    }

    @Override
    public CompletableFuture<Integer> subscribe(String filter, int qos) {
        subscribed.add(new Subscribed(filter, qos));
        return connected ? CompletableFuture.completedFuture(qos) : new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<Integer> subscribe(String filter, int qos, Duration timeout) {
        return subscribe(filter, qos);
    }

    @Override
    public Registration addMessageListener(MessageListener l) {
        messageListeners.add(l);
        return () -> messageListeners.remove(l);
    }

    @Override
    public Registration addLinkListener(LinkListener l) {
        linkListeners.add(l);
        return () -> linkListeners.remove(l);
    }

    @Override
    public Registration addConnectListener(ConnectListener l) {
        connectListeners.add(l);
        return () -> connectListeners.remove(l);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public ClientStatus status() {
        return new ClientStatus("fake", connected ? "CONNECTED" : "DOWN", "127.0.0.1:1883", 1, 0, 0, 0, false);
    }

    @Override
    public CompletableFuture<Boolean> connect() {
        throw new UnsupportedOperationException("the relay never connects the shared client");
    }

    @Override
    public CompletableFuture<Boolean> connect(boolean quick) {
        throw new UnsupportedOperationException("the relay never connects the shared client");
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        throw new UnsupportedOperationException("the relay never unsubscribes");
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter, Duration timeout) {
        throw new UnsupportedOperationException("the relay never unsubscribes");
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Boolean> brokerUp() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Boolean> wanOk() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }

    @Override
    public Event up() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Event down() {
        throw new UnsupportedOperationException();
    }

    @Override
    public MessageQueue queue() {
        throw new UnsupportedOperationException();
    }

    @Override
    public MqttConfig config() {
        throw new UnsupportedOperationException();
    }
}
