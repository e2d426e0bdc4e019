/*
 * spec/relay.md §7.1–§7.4: the gateway's side of its MQTT client. After every (re)connection it
 * reports "Gateway <id> connected to broker <server>." and subscribes the status-request topic and
 * the whole topic table; on every outage it reports "WiFi or broker is down.". Unlike the original
 * it also reports the connection when the shared client was already up before the relay started
 * (issue 11 item 9), and it never waits for the broker: subscriptions are fire-and-forget, their
 * failures reported.
 */
package io.mqttas.relay.internal;

import io.mqttas.session.MqttClient;
import io.mqttas.session.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Link reports and broker subscriptions. */
final class BrokerLink {
    private final MqttClient client;
    private final Reports reports;
    private final NodeTable table;
    private final Destination statreq;
    private final Supplier<String> gatewayName;
    private final List<Registration> registrations = new ArrayList<>();
    private volatile boolean closed;

    BrokerLink(MqttClient client, Reports reports, NodeTable table, Destination statreq,
            Supplier<String> gatewayName) {
        this.client = client;
        this.reports = reports;
        this.table = table;
        this.statreq = statreq;
        this.gatewayName = gatewayName;
    }

    /** Hooks into the client; if it is already connected, reports that and subscribes at once. */
    void start(io.mqttas.session.MessageListener messages) {
        registrations.add(client.addMessageListener(messages));
        registrations.add(client.addLinkListener(this::onLink));
        registrations.add(client.addConnectListener(c -> subscribeAll()));
        if (client.isConnected()) {
            onLink(true);
            subscribeAll();
        }
    }

    boolean isConnected() {
        return client.isConnected();
    }

    private void onLink(boolean up) {
        if (closed) {
            return;
        }
        if (up) {
            String server;
            try {
                server = client.status().server();
            } catch (RuntimeException e) {
                server = "?";
            }
            reports.status("Gateway " + gatewayName.get() + " connected to broker " + server + ".");
        } else {
            reports.status("WiFi or broker is down.");
        }
    }

    /** After every (re)connection: the status-request topic and every topic of the table (all-nodes included). */
    private void subscribeAll() {
        List<NodeTable.Subscription> subs;
        synchronized (table) {
            subs = new ArrayList<>(table.subscriptions());
        }
        if (statreq != null) {
            subscribe(statreq.topic(), statreq.qos());
        }
        for (NodeTable.Subscription s : subs) {
            subscribe(s.topic, s.qos);
        }
    }

    /** Subscribes without waiting; only while connected (the connect listener renews everything). */
    void subscribeIfConnected(String topic, int qos) {
        if (client.isConnected()) {
            subscribe(topic, qos);
        }
    }

    private void subscribe(String topic, int qos) {
        try {
            client.subscribe(topic, qos).whenComplete((granted, e) -> {
                if (e != null && !closed) {
                    reports.error("Subscription to " + FrameParser.show(topic) + " failed: " + e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            reports.error("Subscription to " + FrameParser.show(topic) + " failed: " + e.getMessage());
        }
    }

    void close() {
        closed = true;
        registrations.forEach(Registration::close);
    }
}
