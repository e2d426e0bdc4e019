/* spec/bridge.md §5.4 (message callback, WiFi hook, on-connect hook), §11.5, issue 12 item 1: broker to host. */
package io.mqttas.bridge.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.session.MqttClient;

/**
 * What the broker side tells the host, on the client's threads (never blocking: records go to the
 * link's queue). A message matching one of the session's subscriptions becomes
 * {@code u|topic|payload|True/False}; one the link cannot carry (a character outside 1..126 — the
 * separator and the terminator included — or longer than {@code max_message_length}) is dropped,
 * logged and counted, and the host is told nothing: the original host has no status for it, and
 * any value outside its table would crash a verbose host. Link events become {@code t|9}/{@code t|10}
 * once per transition; every reconnection renews the session's subscriptions.
 */
final class BrokerDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeProtocol.class);

    private final String name;
    private final HostOutput out;
    private final int maxMessageLength;

    BrokerDelivery(String name, HostOutput out, int maxMessageLength) {
        this.name = name;
        this.out = out;
        this.maxMessageLength = maxMessageLength;
    }

    /** Wires {@code c}'s listeners to session {@code s} (removed when the session ends). */
    void attach(HostSession s, MqttClient c) {
        s.registered(c.addMessageListener((topic, payload, retained) -> onMessage(s, topic, payload, retained)));
        s.registered(c.addLinkListener(up -> onLink(s, up)));
        s.registered(c.addConnectListener(client -> resubscribe(s)));
    }

    private void onMessage(HostSession s, String topic, byte[] payload, boolean retained) {
        if (s.isEnded() || s.state != BridgeProtocol.State.RUNNING || !s.subscribedTo(topic)) {
            return;
        }
        String text = linkSafe(payload);
        if (text == null || !Records.isFieldSafe(topic)) {
            out.dropped("message on " + Records.printable(topic, 60)
                    + " not forwarded: characters outside 1..126 cannot cross the link");
            return;
        }
        String record = Records.join("u", topic, text, retained ? "True" : "False");
        if (record.length() > maxMessageLength) {
            out.dropped("message on " + Records.printable(topic, 60) + " not forwarded: " + record.length()
                    + " characters exceed max_message_length " + maxMessageLength);
            return;
        }
        out.send(record, true);
    }

    /** Spec §5.4 WiFi hook: t|9 / t|10, once per transition, only after RUNNING. */
    private void onLink(HostSession s, boolean up) {
        synchronized (s) {
            if (s.isEnded() || s.state != BridgeProtocol.State.RUNNING || Boolean.valueOf(up).equals(s.lastUp)) {
                return;
            }
            s.lastUp = up;
            out.status(up ? Records.WIFI_UP : Records.WIFI_DOWN);
        }
    }

    /** Spec §5.4 on-connect hook: re-subscribe every recorded topic. */
    private void resubscribe(HostSession s) {
        MqttClient c = s.client;
        if (s.isEnded() || c == null) {
            return;
        }
        for (Map.Entry<String, Integer> e : s.subscriptionsSnapshot().entrySet()) {
            LOG.debug("bridge {}: re-subscribing {}", name, e.getKey());
            c.subscribe(e.getKey(), e.getValue()).whenComplete((granted, err) -> {
                if (err != null && !s.isEnded()) {
                    LOG.warn("bridge {}: re-subscribing {} failed: {}", name, e.getKey(), describe(err));
                }
            });
        }
    }

    /** The payload as text if every byte is 1..126, else null. */
    private static String linkSafe(byte[] payload) {
        for (byte b : payload) {
            if (b < 1 || b > 126) {
                return null;
            }
        }
        return new String(payload, StandardCharsets.US_ASCII);
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
