/* spec/mqtt_as.md §4 (public API) and DESIGN.md §4: the contract of the resilient client. */
package io.mqttas.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The resilient MQTT 3.1.1 client (a Java port of mqtt_as). No method blocks the caller except
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
}
