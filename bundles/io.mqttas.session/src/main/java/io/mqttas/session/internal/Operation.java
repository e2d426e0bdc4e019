/* spec/mqtt_as.md §11: one publish, subscribe or unsubscribe that waits through outages until acknowledged. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttPacket;
import io.mqttas.codec.Publish;
import io.mqttas.codec.Subscribe;
import io.mqttas.codec.Unsubscribe;

import java.util.concurrent.CompletableFuture;

/**
 * A caller's operation. It lives until acknowledged (or closed, timed out, rejected); it is sent
 * again with a new packet id on every new connection until then (§11.1, §11.2). The fields
 * other than the immutable ones are guarded by the session's lock.
 */
final class Operation {
    enum Kind { PUBLISH, SUBSCRIBE, UNSUBSCRIBE }

    final Kind kind;
    final String topic;
    final byte[] payload;
    final boolean retain;
    final int qos;
    /** Order of submission, to put operations back in order after an outage. */
    final long seq;
    final CompletableFuture<Object> future = new CompletableFuture<>();

    /** Completed (or failed); guarded by the session lock. */
    boolean done;
    /** Packet id on the current connection (0 = not sent on it). */
    int packetId;
    /** DUP re-sends on the current connection. */
    int dups;
    /** Connection generation it was last sent on. */
    long generation = -1;
    /** Times it was sent on a new connection (1 = first). */
    int attempts;
    /** Journal record id in the outbox, or -1. */
    long outboxId = -1;
    Scheduler.Task ackTimer;
    Scheduler.Task deadline;

    Operation(Kind kind, String topic, byte[] payload, boolean retain, int qos, long seq) {
        this.kind = kind;
        this.topic = topic;
        this.payload = payload;
        this.retain = retain;
        this.qos = qos;
        this.seq = seq;
    }

    /** Whether its completion waits for an acknowledgement (QoS 1 publish, subscribe, unsubscribe). */
    boolean needsAck() {
        return kind != Kind.PUBLISH || qos > 0;
    }

    boolean isQos1Publish() {
        return kind == Kind.PUBLISH && qos > 0;
    }

    MqttPacket packet(boolean dup) {
        return switch (kind) {
            case PUBLISH -> new Publish(topic, payload, qos, retain, dup && qos > 0, qos > 0 ? packetId : 0);
            case SUBSCRIBE -> Subscribe.of(packetId, topic, qos);
            case UNSUBSCRIBE -> Unsubscribe.of(packetId, topic);
        };
    }

    void cancelTimers() {
        if (ackTimer != null) {
            ackTimer.cancel();
            ackTimer = null;
        }
    }

    @Override
    public String toString() {
        return kind + "[" + topic + (kind == Kind.PUBLISH ? ", qos=" + qos + ", " + payload.length + " bytes" : "")
                + (packetId != 0 ? ", id=" + packetId : "") + "]";
    }
}
