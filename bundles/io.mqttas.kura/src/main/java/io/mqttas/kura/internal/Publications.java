/*
 * Issue 10 item 1 (DataTransportToken semantics): the QoS > 0 publications of one transport — their
 * tokens (message id + session id), the count still awaiting the broker (disconnect's quiesce waits for
 * it), and the hand-over of each acknowledgement to the ConfirmationGate. QoS 2 is sent at QoS 2.
 */
package io.mqttas.kura.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.data.DataTransportToken;
import org.slf4j.Logger;

import io.mqttas.session.MqttClient;

/** Publishes through the current client and tracks what is in flight. */
final class Publications {
    private final String name;
    private final Logger log;
    private final ConfirmationGate gate;
    private final Runnable acknowledged;   // wakes the dispatcher to release confirmations
    private final AtomicInteger nextMessageId = new AtomicInteger();
    private final Object lock = new Object();
    private MqttClient current;            // the client whose acknowledgements count
    private int inFlight;

    Publications(String name, Logger log, ConfirmationGate gate, Runnable acknowledged) {
        this.name = name;
        this.log = log;
        this.gate = gate;
        this.acknowledged = acknowledged;
    }

    /** A new client (and session): nothing is in flight on it yet. */
    void begin(MqttClient c) {
        synchronized (lock) {
            current = c;
            inFlight = 0;
            lock.notifyAll();
        }
    }

    /** The client is dropped: its publications will never be confirmed. */
    void end() {
        synchronized (lock) {
            current = null;
            inFlight = 0;
            lock.notifyAll();
        }
        gate.clear();
    }

    /** QoS 0: null. QoS 1/2: a token confirmed through the gate once the broker acknowledged it. */
    DataTransportToken publish(MqttClient c, String sessionId, String topic, byte[] payload, int qos, boolean retain)
            throws KuraException {
        int q = qos(qos);
        byte[] body = payload == null ? new byte[0] : payload;
        if (q == 0) {
            Waits.rejectedAtOnce(c.publish(topic, body, retain, 0), topic);
            return null;
        }
        DataTransportToken token = new DataTransportToken(nextMessageId.updateAndGet(n -> n == Integer.MAX_VALUE ? 1 : n + 1),
                sessionId);
        synchronized (lock) {
            inFlight++;
        }
        gate.issued(token);
        CompletableFuture<Void> f = c.publish(topic, body, retain, q);
        f.whenComplete((v, error) -> completed(c, token, error));
        Waits.rejectedAtOnce(f, topic);
        gate.returned(token, System.nanoTime());   // the last step before the caller gets the token
        return token;
    }

    private void completed(MqttClient c, DataTransportToken token, Throwable error) {
        boolean ours;
        synchronized (lock) {
            ours = c == current;
            if (ours && inFlight > 0) {
                inFlight--;
                lock.notifyAll();
            }
        }
        if (error == null && ours) {
            gate.acknowledged(token);
            acknowledged.run();
        } else {
            gate.abandoned(token);
        }
    }

    /** Waits up to {@code quiesceMillis} while publications are in flight and {@code connected} holds. */
    void drain(long quiesceMillis, BooleanSupplier connected) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, quiesceMillis));
        synchronized (lock) {
            while (inFlight > 0 && connected.getAsBoolean()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    log.info("{}: disconnecting with {} QoS 1 publications unacknowledged (Kura's DataService "
                            + "publishes them again in the next session)", name, inFlight);
                    return;
                }
                try {
                    lock.wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** QoS 0, 1 or 2, passed through (the session speaks QoS 2 since issue 13: exactly once, confirmed on PUBCOMP). */
    int qos(int qos) throws KuraException {
        if (qos < 0 || qos > 2) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, "qos " + qos + " (expected 0, 1 or 2)");
        }
        return qos;
    }
}
