/* Issue 9 item 13 and robustness.md P4 (hivemq#297): the client's current subscriptions, re-subscribed when a session is lost. */
package io.mqttas.session.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The filters the broker granted (SUBACK) and not since unsubscribed, with their requested QoS. When
 * a connection comes up without a session — a clean session, an expired one, or fail-over to another
 * server of {@code servers} — the client subscribes to them again before anything else
 * ({@code resubscribe}, default on). {@code connect_coro} and connect listeners still run, as in the
 * original: a caller's subscribe of a filter that is being re-subscribed on this connection with the
 * same QoS joins that SUBSCRIBE instead of sending another (which would make the broker send its
 * retained messages twice). Guarded by the session lock.
 */
final class Subscriptions {
    private final Map<String, Integer> granted = new LinkedHashMap<>();
    /** The SUBSCRIBE frame each filter was granted with (MQTT 5.0: its options and properties are renewed too). */
    private final Map<String, byte[]> frames = new java.util.HashMap<>();
    /** Automatic re-subscriptions in flight on the current connection, by filter. */
    private final Map<String, Operation> resubscribing = new LinkedHashMap<>();

    void subscribed(Operation op) {
        granted.put(op.topic, op.qos);
        frames.put(op.topic, op.frame);
        if (resubscribing.get(op.topic) == op) {
            resubscribing.remove(op.topic);
        }
    }

    void unsubscribed(String filter) {
        granted.remove(filter);
        frames.remove(filter);
        resubscribing.remove(filter);
    }

    /** A re-subscription failed or was given up: it stays in the set for the next connection. */
    void resubscriptionEnded(Operation op) {
        if (resubscribing.get(op.topic) == op) {
            resubscribing.remove(op.topic);
        }
    }

    /** A copy of the SUBSCRIBE that {@code filter} was granted with, or null. */
    byte[] frame(String filter) {
        byte[] f = frames.get(filter);
        return f == null ? null : f.clone();
    }

    Map<String, Integer> granted() {
        return granted;
    }

    void resubscribing(Operation op) {
        resubscribing.put(op.topic, op);
    }

    /** The automatic SUBSCRIBE of {@code filter} with {@code qos} in flight, or null. */
    Operation joinable(String filter, int qos) {
        Operation op = resubscribing.get(filter);
        return op != null && op.qos == qos && !op.done() ? op : null;
    }

    /** A new connection: earlier automatic ones are no longer joinable. */
    void newConnection() {
        resubscribing.clear();
    }
}
