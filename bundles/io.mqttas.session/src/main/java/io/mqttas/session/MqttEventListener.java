/* Issue 9 item 14 (in the spirit of OkHttp's EventListener): every life-cycle step of a client, for metrics and logs. */
package io.mqttas.session;

import io.mqttas.codec.MqttProperties;

import java.time.Duration;

/**
 * Told of each step of a client's life: connection attempts, CONNACKs, subscriptions, publications,
 * pings, outages and back-off. Every method has an empty default, so an implementation overrides
 * what it needs. Calls come in order on the client's ordered executor (never on an I/O or timer
 * thread) and should be quick; one that throws is logged and ignored. Register with
 * {@link MqttConfig.Builder#eventListener} or {@link MqttClient#addEventListener}.
 */
public interface MqttEventListener {

    /** A connection attempt to {@code server} ({@code host:port}) starts. */
    default void connectStart(String server) {
    }

    /** The broker answered CONNECT: {@code returnCode} 0 = accepted, 1–5 refused. */
    default void connAck(String server, int returnCode, boolean sessionPresent) {
    }

    /**
     * The broker answered CONNECT, with the CONNACK's MQTT 5.0 properties ({@link MqttProperties#EMPTY}
     * in 3.1.1); {@code returnCode} is the 5.0 reason code there. By default calls the 3-argument form.
     */
    default void connAck(String server, int returnCode, boolean sessionPresent, MqttProperties properties) {
        connAck(server, returnCode, sessionPresent);
    }

    /**
     * MQTT 5.0: the broker sent DISCONNECT with {@code reasonCode} (e.g. 0x8B server shutting down,
     * 0x8E session taken over, 0x9C use another server) and its properties (Reason String, Server
     * Reference). The connection is lost right after; {@link #connectionLost} follows.
     */
    default void disconnectReceived(String server, int reasonCode, MqttProperties properties) {
    }

    /** The connection is usable (CONNACK accepted, the clean_init sequence done); {@code took} since connectStart. */
    default void connectEnd(String server, boolean sessionPresent, Duration took) {
    }

    /** The attempt failed (DNS, TCP, TLS, CONNACK refusal or deadline). */
    default void connectFailed(String server, Throwable cause) {
    }

    /** A SUBACK granted {@code grantedQos} (0x80 = rejected) for {@code filter}. */
    default void subscribed(String filter, int requestedQos, int grantedQos) {
    }

    /** A PUBLISH's last byte was handed to the socket; {@code dup} for a DUP re-send. */
    default void publishSent(String topic, int qos, int packetId, boolean dup) {
    }

    /** A QoS 1 publication was acknowledged, {@code latency} after its last byte went out. */
    default void publishAcked(String topic, int packetId, Duration latency) {
    }

    /** A publication goes out again: a DUP re-send ({@code dup}) or a re-send on a new connection. */
    default void publishRetried(String topic, int packetId, boolean dup, int attempt) {
    }

    /** A publication failed for good (timeout, closed, given up after {@code max_attempts}). */
    default void publishFailed(String topic, Throwable cause) {
    }

    /** A PINGREQ was answered by a PINGRESP after {@code rtt}. */
    default void pingRtt(Duration rtt) {
    }

    /** The connection was lost; {@code cause} says why. */
    default void connectionLost(String server, String cause) {
    }

    /** The next attempt waits {@code delay} (attempt number {@code attempt} since the last good connection). */
    default void backoff(Duration delay, int attempt) {
    }

    /** A received message was dropped ({@code reason}: inbound queue full for QoS 0, or larger than max_packet_size). */
    default void messageDropped(String topic, String reason) {
    }
}
