/*
 * Test double of the MqttClient collaborator for the protocol-state tests only (the real client
 * is used in the broker scenarios). Futures are completed by the test.
 */
package io.mqttas.bridge.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.mqttas.session.ClientStatus;
import io.mqttas.session.ConnectListener;
import io.mqttas.session.Event;
import io.mqttas.session.LinkListener;
import io.mqttas.session.MessageListener;
import io.mqttas.session.MessageQueue;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.Registration;

final class FakeMqttClient implements MqttClient {
    record Call(String op, String topic, String payload, boolean retain, int qos, CompletableFuture<Object> future) {
    }

    final CompletableFuture<Boolean> connectFuture = new CompletableFuture<>();
    final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    final List<MessageListener> messageListeners = new CopyOnWriteArrayList<>();
    final List<LinkListener> linkListeners = new CopyOnWriteArrayList<>();
    final List<ConnectListener> connectListeners = new CopyOnWriteArrayList<>();
    volatile boolean connected;
    volatile boolean closed;

    Call nextCall() throws InterruptedException {
        return calls.poll(5, TimeUnit.SECONDS);
    }

    void goUp() {
        connected = true;
        linkListeners.forEach(l -> l.onLink(true));
        connectListeners.forEach(l -> l.onConnect(this));
    }

    void goDown() {
        connected = false;
        linkListeners.forEach(l -> l.onLink(false));
    }

    void deliver(String topic, byte[] payload, boolean retained) {
        messageListeners.forEach(l -> l.onMessage(topic, payload, retained));
    }

    @Override
    public CompletableFuture<Boolean> connect() {
        return connect(false);
    }

    @Override
    public CompletableFuture<Boolean> connect(boolean quick) {
        calls.add(new Call("connect", null, null, false, 0, null));
        return connectFuture;
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> record(String op, String topic, String payload, boolean retain, int qos) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        calls.add(new Call(op, topic, payload, retain, qos, f));
        return (CompletableFuture<T>) (CompletableFuture<?>) f;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos) {
        return record("publish", topic, new String(payload, java.nio.charset.StandardCharsets.UTF_8), retain, qos);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos, Duration timeout) {
        return publish(topic, payload, retain, qos);
    }

    @Override
    public CompletableFuture<Integer> subscribe(String filter, int qos) {
        return record("subscribe", filter, null, false, qos);
    }

    @Override
    public CompletableFuture<Integer> subscribe(String filter, int qos, Duration timeout) {
        return subscribe(filter, qos);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        return record("unsubscribe", filter, null, false, 0);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter, Duration timeout) {
        return unsubscribe(filter);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> brokerUp() {
        return CompletableFuture.completedFuture(connected);
    }

    @Override
    public CompletableFuture<Boolean> wanOk() {
        return CompletableFuture.completedFuture(connected);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public Event up() {
        throw new UnsupportedOperationException("event interface not used by the bridge");
    }

    @Override
    public Event down() {
        throw new UnsupportedOperationException("event interface not used by the bridge");
    }

    @Override
    public MessageQueue queue() {
        throw new UnsupportedOperationException("event interface not used by the bridge");
    }

    @Override
    public Registration addMessageListener(MessageListener listener) {
        messageListeners.add(listener);
        return () -> messageListeners.remove(listener);
    }

    @Override
    public Registration addLinkListener(LinkListener listener) {
        linkListeners.add(listener);
        return () -> linkListeners.remove(listener);
    }

    @Override
    public Registration addConnectListener(ConnectListener listener) {
        connectListeners.add(listener);
        return () -> connectListeners.remove(listener);
    }

    @Override
    public ClientStatus status() {
        return new ClientStatus("fake", connected ? "CONNECTED" : "DOWN", "fake", 0, 0, 0, 0, false);
    }

    @Override
    public MqttConfig config() {
        throw new UnsupportedOperationException("not used by the bridge");
    }
}
