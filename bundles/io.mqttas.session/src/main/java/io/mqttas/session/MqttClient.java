/* spec/mqtt_as.md §4 (public API), §13 (mqttv5) and DESIGN.md §4: the contract of the resilient client. */
package io.mqttas.session;

import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.MqttVersion;
import io.mqttas.codec.Subscribe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The resilient MQTT 3.1.1 / 5.0 client (a Java port of mqtt_as; MQTT 5.0 with {@code mqttv5}). No method blocks the caller except
 * {@link #close()}, which waits a bounded time for the client's threads to end.
 *
 * <p>After the first successful {@link #connect()}, outages are handled silently: the client
 * reconnects by itself and {@code publish}/{@code subscribe}/{@code unsubscribe} wait through
 * outages and complete when acknowledged (as in the original). Each also has a variant with a
 * deadline that completes exceptionally with {@link MqttTimeoutException} without corrupting the
 * stream. Broker rejections complete exceptionally with {@link MqttRejectedException} instead of
 * looping (mqtt_as bug B4). After {@link #disconnect()} or {@link #close()} waiting operations
 * complete exceptionally with {@link MqttClosedException}.
 *
 * <p>Futures are completed, and listeners called, on the client's ordered executor — never on an
 * I/O or timer thread; blocking in a dependent stage or a listener cannot stall the connection or
 * deadlock the client.
 */
public interface MqttClient extends AutoCloseable {

    /** A new client for {@code config}. Nothing touches the network until {@link #connect()}. */
    static MqttClient create(MqttConfig config) {
        return io.mqttas.session.internal.ClientFactory.create(config);
    }

    /** {@code connect(false)}. */
    CompletableFuture<Boolean> connect();

    /**
     * Establishes the first broker session (spec §8). {@code quick} skips the 5 s link stability
     * check on this call only. Completes with the CONNACK's session-present flag, or exceptionally
     * with {@link MqttConnectException} carrying the CONNACK return code 1–5 or the I/O cause. There
     * is no automatic retry of the first connection; once it succeeded, reconnection is automatic.
     */
    CompletableFuture<Boolean> connect(boolean quick);

    /**
     * Publishes {@code payload} to {@code topic}. QoS 0 completes once written; QoS 1 once the
     * PUBACK arrives (with DUP re-sends and re-publication after reconnects, spec §11.1). Waits
     * through outages. Invalid arguments complete exceptionally with {@link IllegalArgumentException}
     * at once.
     */
    CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos);

    /** As {@link #publish(String, byte[], boolean, int)}, failing with {@link MqttTimeoutException} after {@code timeout}. */
    CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain, int qos, Duration timeout);

    /** Subscribes one filter; completes with the granted QoS, or {@link MqttRejectedException} on SUBACK 0x80. */
    CompletableFuture<Integer> subscribe(String filter, int qos);

    /** As {@link #subscribe(String, int)} with a deadline. */
    CompletableFuture<Integer> subscribe(String filter, int qos, Duration timeout);

    /** Unsubscribes one filter (completes normally even if it was never subscribed). */
    CompletableFuture<Void> unsubscribe(String filter);

    /** As {@link #unsubscribe(String)} with a deadline. */
    CompletableFuture<Void> unsubscribe(String filter, Duration timeout);

    /**
     * Sends DISCONNECT (the broker then discards the Will), closes the connection and stops
     * reconnecting. Waiting operations complete with {@link MqttClosedException}. {@link #connect()}
     * may be called again afterwards.
     */
    CompletableFuture<Void> disconnect();

    /** True if the broker answers: any byte in the last second, else a PINGREQ answered within {@code response_time}. */
    CompletableFuture<Boolean> brokerUp();

    /** The original's internet check: a DNS query answered (target configurable); false when not connected. */
    CompletableFuture<Boolean> wanOk();

    /** Whether a broker session is believed usable right now. */
    boolean isConnected();

    /**
     * Closes the connection without DISCONNECT (the broker publishes the Will), stops every thread of
     * this client (joined with a deadline) and fails waiting operations. Idempotent.
     */
    @Override
    void close();

    /** Event interface ({@code queue_len > 0}): latched, set at the end of every successful connect. */
    Event up();

    /** Event interface ({@code queue_len > 0}): latched, set once per detected outage. */
    Event down();

    /** Event interface ({@code queue_len > 0}): incoming messages, bounded, dropping the oldest. */
    MessageQueue queue();

    /**
     * Adds a message listener at run time (for consumers of a shared client service, e.g. the bridge
     * and the relay). It receives every incoming message, whatever the interface mode, on the
     * client's delivery thread; exceptions it throws are logged and ignored.
     */
    Registration addMessageListener(MessageListener listener);

    /** Adds a link listener: {@code true} after every successful connect, {@code false} once per outage. */
    Registration addLinkListener(LinkListener listener);

    /** Adds a listener run after every successful connect (the place to re-subscribe). */
    Registration addConnectListener(ConnectListener listener);

    /** A snapshot of the client's state for status displays and logs. */
    ClientStatus status();

    /** The configuration this client was created with. */
    MqttConfig config();

    /** Counters and gauges of this client (queue depth, in-flight, reconnects, RTT, drops, oldest unacknowledged age). */
    default ClientMetrics metrics() {
        return ClientMetrics.NONE;
    }

    /** Adds an event listener told of every life-cycle step, on the client's ordered executor. */
    default Registration addEventListener(MqttEventListener listener) {
        return () -> { };
    }

    // ---- MQTT 5.0 and QoS 2 (issue 13): additive; each default serves a client without them (a test double) ----

    /** The protocol version this client speaks ({@code mqttv5}). */
    default MqttVersion protocolVersion() {
        return config().mqttv5() ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1;
    }

    /**
     * Publishes with MQTT 5.0 properties ({@code publish(topic, msg, retain, qos, properties)} of the
     * original): Message Expiry Interval, Response Topic, Correlation Data, Content Type, Payload
     * Format Indicator, User Properties. QoS 0, 1 or 2. Completes with the broker's {@link Ack}
     * (PUBACK for QoS 1, PUBCOMP for QoS 2, {@link Ack#SUCCESS} once written for QoS 0); a reason code of
     * 0x80 or more fails it with {@link MqttRejectedException} (no retry, no reconnect). {@code timeout}
     * may be null (wait through outages, as {@link #publish(String, byte[], boolean, int)}). In MQTT 3.1.1
     * properties must be empty. A Message Expiry Interval also bounds how long the client itself holds
     * the publication: one that expires while waiting to be sent fails with {@link MqttTimeoutException}.
     */
    default CompletableFuture<Ack> publish(String topic, byte[] payload, boolean retain, int qos, MqttProperties properties,
            Duration timeout) {
        if (properties != null && !properties.isEmpty() || qos == 2) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("this client has no MQTT 5.0 or QoS 2 support"));
        }
        CompletableFuture<Void> f = timeout == null ? publish(topic, payload, retain, qos) : publish(topic, payload, retain, qos, timeout);
        return f.thenApply(v -> Ack.SUCCESS);
    }

    /**
     * Subscribes with the MQTT 5.0 subscription options ({@code subscription}: filter, QoS 0–2, No
     * Local, Retain As Published, Retain Handling) and properties (Subscription Identifier, User
     * Properties). Completes with the SUBACK's {@link Ack} ({@link Ack#grantedQos()}); a reason code of
     * 0x80 or more fails with {@link MqttRejectedException}. {@code timeout} may be null.
     */
    default CompletableFuture<Ack> subscribe(Subscribe.Subscription subscription, MqttProperties properties, Duration timeout) {
        if (properties != null && !properties.isEmpty() || subscription.noLocal() || subscription.retainAsPublished()
                || subscription.retainHandling() != 0 || subscription.qos() == 2) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("this client has no MQTT 5.0 or QoS 2 support"));
        }
        CompletableFuture<Integer> f = timeout == null ? subscribe(subscription.filter(), subscription.qos())
                : subscribe(subscription.filter(), subscription.qos(), timeout);
        return f.thenApply(Ack::granted);
    }

    /** Unsubscribes with MQTT 5.0 properties (User Properties); completes with the UNSUBACK's {@link Ack} (0x11: there was none). */
    default CompletableFuture<Ack> unsubscribe(String filter, MqttProperties properties, Duration timeout) {
        if (properties != null && !properties.isEmpty()) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("this client has no MQTT 5.0 support"));
        }
        CompletableFuture<Void> f = timeout == null ? unsubscribe(filter) : unsubscribe(filter, timeout);
        return f.thenApply(v -> Ack.SUCCESS);
    }

    /**
     * Adds a handler that receives every incoming message whole, with its MQTT 5.0 properties (see
     * {@link MessageHandler}), whatever the interface mode.
     */
    default Registration addMessageHandler(MessageHandler handler) {
        return addMessageListener((topic, payload, retained) -> handler.onMessage(Message.wrapping(topic, payload, retained, 0)));
    }

    /**
     * MQTT 5.0 request/response (§4.10): subscribes to {@code responseTopic} (once, QoS 1), publishes
     * {@code payload} to {@code topic} with that Response Topic and a fresh random Correlation Data, and
     * completes with the first message on {@code responseTopic} carrying the same Correlation Data, or
     * with {@link MqttTimeoutException} after {@code timeout}.
     */
    default CompletableFuture<Message> request(String topic, byte[] payload, int qos, String responseTopic, Duration timeout) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this client has no MQTT 5.0 support"));
    }

    /**
     * Answers a request received with a Response Topic: publishes {@code payload} to its Response Topic
     * with its Correlation Data. Fails with {@link IllegalArgumentException} if {@code request} has no
     * Response Topic.
     */
    default CompletableFuture<Ack> respond(Message request, byte[] payload, int qos) {
        String to = request.responseTopic().orElse(null);
        if (to == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the message on " + request.topic() + " has no Response Topic"));
        }
        MqttProperties.Builder p = MqttProperties.builder();
        request.correlationData().ifPresent(p::correlationData);
        return publish(to, payload, false, qos, p.build(), null);
    }

    /**
     * The properties of the current connection's CONNACK (MQTT 5.0: Receive Maximum, Topic Alias
     * Maximum, Maximum Packet Size, Server Keep Alive, Assigned Client Identifier …), or
     * {@link MqttProperties#EMPTY} when not connected or in MQTT 3.1.1.
     */
    default MqttProperties connAckProperties() {
        return MqttProperties.EMPTY;
    }
}
