/*
 * The in-memory stand-in for the io.mqttas.session MqttClient service, shared by the unit tests of
 * the bundles that USE a client (bridge, relay). There the client is a collaborator, not the thing
 * under test; broker behaviour is tested against a real Mosquitto elsewhere. Every call is recorded
 * in order with its own future; a Responder decides whether (and how) the double completes it at
 * once, or the test completes it itself. Methods of MqttClient that have defaults are inherited,
 * so additions to the interface do not break the double.
 */
package io.mqttas.testing;

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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A recording {@link MqttClient} whose futures the test (or a {@link Responder}) completes. */
public final class FakeMqttClient implements MqttClient {

    /**
     * One call: {@code op} is "connect", "publish", "subscribe", "unsubscribe" or "disconnect";
     * {@code payload} is the publication's payload as UTF-8 text (null otherwise). The future is the
     * one the caller got: {@code null} completes a publish/unsubscribe, an Integer a subscribe.
     */
    public record Call(String op, String topic, String payload, boolean retain, int qos,
            CompletableFuture<Object> future) {
    }

    /** Decides how a call completes; runs on the caller's thread; may throw to model a failing client. */
    @FunctionalInterface
    public interface Responder {
        void answer(Call call);
    }

    /** Leaves every future to the test. */
    public static final Responder MANUAL = call -> { };

    /** Completes publishes and unsubscribes at once, grants subscriptions their qos, answers connect with false. */
    public static final Responder ACCEPT = call -> {
        switch (call.op()) {
            case "subscribe" -> call.future().complete(call.qos());
            case "connect" -> call.future().complete(Boolean.FALSE);
            default -> call.future().complete(null);
        }
    };

    /** What {@link #connect()} returns (also recorded as a call). */
    public final CompletableFuture<Boolean> connectFuture = new CompletableFuture<>();
    /** Every call in order, for {@link #nextCall()}. */
    public final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    public final List<Call> published = new CopyOnWriteArrayList<>();
    public final List<Call> subscribed = new CopyOnWriteArrayList<>();
    public final List<MessageListener> messageListeners = new CopyOnWriteArrayList<>();
    public final List<LinkListener> linkListeners = new CopyOnWriteArrayList<>();
    public final List<ConnectListener> connectListeners = new CopyOnWriteArrayList<>();
    public volatile boolean connected;
    public volatile boolean closed;
    public volatile Responder responder = MANUAL;
    public volatile Supplier<ClientStatus> status = () -> new ClientStatus("fake",
            connected ? "CONNECTED" : "DOWN", "127.0.0.1:1883", 1, 0, 0, 0, false);

    /** A connected client that accepts everything at once (for tests that only watch what was called). */
    public static FakeMqttClient accepting() {
        FakeMqttClient c = new FakeMqttClient();
        c.connected = true;
        c.responder = ACCEPT;
        return c;
    }

    /** The next recorded call, waiting at most 5 s (null if none came). */
    public Call nextCall() throws InterruptedException {
        return calls.poll(5, TimeUnit.SECONDS);
    }

    /** Payloads published to {@code topic}, in order. */
    public List<String> payloads(String topic) {
        return published.stream().filter(p -> p.topic().equals(topic)).map(Call::payload).toList();
    }

    /** "filter:qos" of every subscribe call, in order. */
    public List<String> subscriptions() {
        return subscribed.stream().map(s -> s.topic() + ":" + s.qos()).toList();
    }

    /** Forgets recorded calls (long-running tests and fuzzers). */
    public void clearCalls() {
        calls.clear();
        published.clear();
        subscribed.clear();
    }

    /** A message from the broker, delivered to every listener on the caller's thread. */
    public void deliver(String topic, byte[] payload, boolean retained) {
        messageListeners.forEach(l -> l.onMessage(topic, payload, retained));
    }

    public void deliver(String topic, String payload, boolean retained) {
        deliver(topic, payload.getBytes(StandardCharsets.UTF_8), retained);
    }

    /** The link comes up: link listeners get true, then connect listeners run (as after a real connect). */
    public void goUp() {
        connected = true;
        linkListeners.forEach(l -> l.onLink(true));
        connectListeners.forEach(l -> l.onConnect(this));
    }

    /** The link goes down: link listeners get false. */
    public void goDown() {
        connected = false;
        linkListeners.forEach(l -> l.onLink(false));
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> record(String op, String topic, String payload, boolean retain, int qos) {
        Call call = new Call(op, topic, payload, retain, qos, new CompletableFuture<>());
        calls.add(call);
        if (op.equals("publish")) {
            published.add(call);
        } else if (op.equals("subscribe")) {
            subscribed.add(call);
        }
        responder.answer(call);
        return (CompletableFuture<T>) (CompletableFuture<?>) call.future();
    }

    @Override
    public CompletableFuture<Boolean> connect() {
        return connect(false);
    }

    @Override
    public CompletableFuture<Boolean> connect(boolean quick) {
        CompletableFuture<Boolean> answered = record("connect", null, null, false, 0);
        answered.whenComplete((v, e) -> {
            if (e != null) {
                connectFuture.completeExceptionally(e);
            } else {
                connectFuture.complete(v);
            }
        });
        return connectFuture;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos) {
        return record("publish", topic, new String(payload, StandardCharsets.UTF_8), retain, qos);
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
        throw new UnsupportedOperationException("the event interface is not part of the double");
    }

    @Override
    public Event down() {
        throw new UnsupportedOperationException("the event interface is not part of the double");
    }

    @Override
    public MessageQueue queue() {
        throw new UnsupportedOperationException("the event interface is not part of the double");
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
        return status.get();
    }

    @Override
    public MqttConfig config() {
        throw new UnsupportedOperationException("the double has no configuration");
    }
}
