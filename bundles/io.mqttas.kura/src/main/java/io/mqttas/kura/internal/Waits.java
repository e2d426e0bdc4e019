/*
 * DESIGN.md §2.2 (nothing blocks forever): the bounded waits of the transport on the client's futures,
 * and the mapping of mqttas errors to the exceptions Kura's DataService expects.
 */
package io.mqttas.kura.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraNotConnectedException;

import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttConnectException;

final class Waits {
    private Waits() {
    }

    /** Waits for the first connection of a client until {@code deadline} (System.nanoTime()). */
    static void first(CompletableFuture<Boolean> first, long deadline, Duration timeout, String name, String brokerUrl,
            FailureLog failures) throws KuraConnectException {
        try {
            first.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw failures.timedOut(brokerUrl, timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String m;
            if (cause instanceof MqttConnectException c && c.returnCode() > 0) {
                m = "broker " + brokerUrl + " refused the connection: CONNACK return code " + c.returnCode() + " ("
                        + describe(c.returnCode()) + ")";
            } else {
                m = "cannot connect to " + brokerUrl + ": " + cause.getMessage();
            }
            failures.failed(m);
            throw new KuraConnectException(cause, name + ": " + m);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KuraConnectException(e, name + ": interrupted while connecting");
        }
    }

    static String describe(int returnCode) {
        return switch (returnCode) {
            case 1 -> "unacceptable protocol version";
            case 2 -> "identifier rejected";
            case 3 -> "server unavailable";
            case 4 -> "bad user name or password";
            case 5 -> "not authorized";
            default -> "refused";
        };
    }

    /** If the client refused an operation at once (bad topic, oversized payload, closed), the matching Kura exception. */
    static void rejectedAtOnce(CompletableFuture<?> f, String topic) throws KuraException {
        if (!f.isCompletedExceptionally()) {
            return;
        }
        Throwable cause;
        try {
            f.getNow(null);
            return;
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            cause = e.getCause() == null ? e : e.getCause();
        }
        if (cause instanceof MqttClosedException) {
            throw new KuraNotConnectedException(cause, "not connected: " + cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, cause, "cannot publish to '" + topic + "': " + cause.getMessage());
        }
        throw KuraException.internalError(cause, "cannot publish to '" + topic + "': " + cause);
    }
}
