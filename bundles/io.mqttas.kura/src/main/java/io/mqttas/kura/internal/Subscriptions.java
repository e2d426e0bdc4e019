/*
 * DataTransportService.subscribe/unsubscribe: blocking until SUBACK/UNSUBACK or the configured timeout,
 * with Kura's exceptions. The granted QoS of each filter is kept so that onMessageArrived can report a
 * QoS (the mqttas API hands over topic, payload and retain only): the highest granted QoS among the
 * filters that match the topic, i.e. an upper bound of the QoS the message was delivered with.
 */
package io.mqttas.kura.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraNotConnectedException;
import org.eclipse.kura.KuraTimeoutException;

import io.mqttas.codec.Topics;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttRejectedException;
import io.mqttas.session.MqttTimeoutException;

/** The filters subscribed through one transport in the current session, with their granted QoS. */
final class Subscriptions {
    private final Map<String, Integer> granted = new ConcurrentHashMap<>();

    void subscribe(MqttClient c, String filter, int qos, Duration timeout, String name) throws KuraException {
        Integer g = await(c.subscribe(filter, qos, timeout), timeout, "subscribing to " + filter, name);
        granted.put(filter, g == null ? qos : g);
    }

    void unsubscribe(MqttClient c, String filter, Duration timeout, String name) throws KuraException {
        await(c.unsubscribe(filter, timeout), timeout, "unsubscribing from " + filter, name);
        granted.remove(filter);
    }

    int qosFor(String topic) {
        int best = 0;
        for (Map.Entry<String, Integer> e : granted.entrySet()) {
            if (e.getValue() > best && Topics.matches(e.getKey(), topic)) {
                best = e.getValue();
            }
        }
        return best;
    }

    void clear() {
        granted.clear();
    }

    private static <T> T await(CompletableFuture<T> f, Duration timeout, String what, String name) throws KuraException {
        try {
            return f.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new KuraTimeoutException(name + ": timeout " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KuraException.internalError(e, name + ": interrupted " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof MqttTimeoutException) {
                throw new KuraTimeoutException(name + ": timeout " + what, cause);
            }
            if (cause instanceof MqttClosedException) {
                throw new KuraNotConnectedException(cause, name + ": disconnected while " + what);
            }
            if (cause instanceof MqttRejectedException r) {
                throw new KuraException(KuraErrorCode.SUBSCRIPTION_ERROR, cause,
                        name + ": the broker refused " + what + " (return code 0x" + Integer.toHexString(r.reasonCode()) + ")");
            }
            if (cause instanceof IllegalArgumentException) {
                throw new KuraException(KuraErrorCode.INVALID_PARAMETER, cause, name + ": " + what + ": " + cause.getMessage());
            }
            throw KuraException.internalError(cause, name + ": " + what + " failed: " + cause);
        }
    }
}
