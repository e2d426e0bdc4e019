/*
 * Issue 4 item 2: Gogo shell commands for the running clients — mqtt:status, mqtt:pub, mqtt:sub,
 * mqtt:disconnect. A plain service with osgi.command.scope/function properties: no compile-time
 * dependency on Gogo, and harmless where no shell is installed.
 */
package io.mqttas.session.component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.mqttas.codec.Topics;
import io.mqttas.session.ClientMetrics;
import io.mqttas.session.ClientStatus;
import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.Registration;

@Component(service = MqttCommands.class, property = { "osgi.command.scope=mqtt",
    "osgi.command.function=status", "osgi.command.function=pub", "osgi.command.function=sub",
    "osgi.command.function=disconnect" })
public final class MqttCommands {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<MqttClient> clients = new CopyOnWriteArrayList<>();

    /** Session configurations that cannot run yet (issue 10 item 3), listed with the reason. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<IdleSession> idle = new CopyOnWriteArrayList<>();

    /** mqtt:status — one line per client: state, server and its metrics (issue 9 item 14); then one per idle configuration. */
    public String status() {
        if (clients.isEmpty() && idle.isEmpty()) {
            return "no MQTT client configured (create a configuration of factory PID " + SessionComponent.PID + ")";
        }
        StringBuilder idleLines = new StringBuilder();
        for (IdleSession i : idle) {
            idleLines.append(String.format("%-24s %-13s %s%n", i.pid(), "IDLE", i.reason()));
        }
        if (clients.isEmpty()) {
            return idleLines.toString();
        }
        String head = "%-24s %-13s %-24s %9s %8s %10s %7s %10s %7s %8s %10s %8s%n";
        String row = "%-24s %-13s %-24s %9d %8d %10d %7d %10d %7s %8d %10d %8d%n";
        StringBuilder b = new StringBuilder(String.format(head, "client_id", "state", "server", "in-flight", "queued",
                "queued-B", "inbound", "reconnects", "rtt-ms", "dropped", "oldest-ms", "given-up"));
        for (MqttClient c : clients) {
            ClientStatus s = c.status();
            ClientMetrics m = c.metrics();
            b.append(String.format(row, s.clientId(), s.state() + (m.readsPaused() ? "*" : ""), s.server(), m.inFlight(),
                    m.queuedMessages(), m.queuedBytes(), m.inboundBacklog(), m.reconnects(),
                    m.lastRttMillis() < 0 ? "-" : String.valueOf(m.lastRttMillis()), m.oversizeInbound(),
                    m.oldestUnackedMillis(), m.givenUp()));
        }
        b.append(idleLines);
        b.append("(* reading paused: the application is behind; dropped = larger than max_packet_size, skipped and acknowledged)").append(System.lineSeparator());
        return b.toString();
    }

    /** mqtt:pub topic message — QoS 1 through the only (or first) client. */
    public String pub(String topic, String message) throws Exception {
        return pub(topic, message, 1);
    }

    /** mqtt:pub topic message qos */
    public String pub(String topic, String message, int qos) throws Exception {
        return publish(only(), topic, message, qos);
    }

    /** mqtt:pub client_id topic message qos */
    public String pub(String clientId, String topic, String message, int qos) throws Exception {
        return publish(byId(clientId), topic, message, qos);
    }

    private static String publish(MqttClient c, String topic, String message, int qos) throws Exception {
        c.publish(topic, message.getBytes(StandardCharsets.UTF_8), false, qos, TIMEOUT).get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        return "published " + message.getBytes(StandardCharsets.UTF_8).length + " bytes to " + topic + " (qos " + qos + ") via "
                + c.status().clientId();
    }

    /** mqtt:sub filter count — prints count messages (waits at most 60 s), then unsubscribes. */
    public void sub(String filter, int count) throws Exception {
        sub(filter, count, 60);
    }

    /** mqtt:sub filter count seconds */
    public void sub(String filter, int count, int seconds) throws Exception {
        subscribe(only(), filter, count, seconds);
    }

    /** mqtt:sub client_id filter count seconds */
    public void sub(String clientId, String filter, int count, int seconds) throws Exception {
        subscribe(byId(clientId), filter, count, seconds);
    }

    private static void subscribe(MqttClient c, String filter, int count, int seconds) throws Exception {
        Topics.validateFilter(filter);
        LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
        // Messages are printed from this (the shell's) thread: output of the client's threads would not reach the console.
        try (Registration r = c.addMessageListener((topic, payload, retained) -> {
            if (Topics.matches(filter, topic)) {
                received.add(new Message(topic, payload, retained, 0));
            }
        })) {
            int granted = c.subscribe(filter, 1, TIMEOUT).get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            System.out.println("subscribed to " + filter + " (granted qos " + granted + "), waiting for " + count + " message(s)");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int printed = 0;
            while (printed < count) {
                long left = deadline - System.nanoTime();
                Message m = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
                if (m == null) {
                    System.out.println("timed out after " + seconds + " s with " + printed + " of " + count + " message(s)");
                    break;
                }
                System.out.println(m.topic() + " " + new String(m.payload(), StandardCharsets.UTF_8) + (m.retained() ? " (retained)" : ""));
                printed++;
            }
        } finally {
            c.unsubscribe(filter, TIMEOUT);
        }
    }

    /** mqtt:disconnect — disconnects the only client. */
    public String disconnect() throws Exception {
        return disconnect(only());
    }

    /** mqtt:disconnect client_id */
    public String disconnect(String clientId) throws Exception {
        return disconnect(byId(clientId));
    }

    private static String disconnect(MqttClient c) throws Exception {
        c.disconnect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return "disconnected " + c.status().clientId() + " (it stays disconnected until its configuration changes)";
    }

    private MqttClient only() {
        List<MqttClient> list = new ArrayList<>(clients);
        if (list.isEmpty()) {
            throw new IllegalStateException("no MQTT client configured");
        }
        if (list.size() > 1) {
            throw new IllegalStateException(list.size() + " clients configured: name one by client_id (see mqtt:status)");
        }
        return list.get(0);
    }

    private MqttClient byId(String clientId) {
        for (MqttClient c : clients) {
            if (c.status().clientId().equals(clientId)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no MQTT client with client_id " + clientId + " (see mqtt:status)");
    }
}
