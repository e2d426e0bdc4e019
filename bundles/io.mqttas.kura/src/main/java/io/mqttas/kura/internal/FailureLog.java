/*
 * Issue 10 item 9: a broker that refuses the credentials is reported with its CONNACK code once, not
 * once per retry of Kura's DataService; the same for an idle (unconfigured) transport and timeouts.
 * A different failure, or success, is logged again.
 */
package io.mqttas.kura.internal;

import java.time.Duration;

import org.eclipse.kura.KuraConnectException;
import org.slf4j.Logger;

/** Connection outcomes of one transport, each distinct one logged once. */
final class FailureLog {
    private final Logger log;
    private final String name;
    private String last;   // the last outcome logged
    private int warnings;  // WARN lines written (tests check "logged once")

    FailureLog(Logger log, String name) {
        this.log = log;
        this.name = name;
    }

    synchronized void idle(String reason) {
        if (!("idle: " + reason).equals(last)) {
            last = "idle: " + reason;
            warnings++;
            log.warn("{}: idle until configured: {}", name, reason);
        }
    }

    /** A failed attempt; logged at WARN the first time this message appears in a row, at DEBUG after. */
    synchronized void failed(String message) {
        if (!message.equals(last)) {
            last = message;
            warnings++;
            log.warn("{}: {} (further identical failures are logged at DEBUG)", name, message);
        } else {
            log.debug("{}: {}", name, message);
        }
    }

    synchronized int warnings() {
        return warnings;
    }

    KuraConnectException timedOut(String brokerUrl, Duration timeout) {
        String m = "no connection to " + brokerUrl + " within " + timeout.toSeconds() + " s (timeout); still trying";
        failed(m);
        return new KuraConnectException(name + ": " + m);
    }

    synchronized void connected(String brokerUrl) {
        if (!("connected " + brokerUrl).equals(last)) {
            last = "connected " + brokerUrl;
            log.info("{}: connected to {}", name, brokerUrl);
        }
    }
}
