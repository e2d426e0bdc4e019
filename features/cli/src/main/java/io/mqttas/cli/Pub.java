/* issue 3 item 12: `pub`, like mosquitto_pub, on the resilient client (publishes wait through outages). */
package io.mqttas.cli;

import io.mqttas.session.MqttClient;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes {@code -m} to {@code -t}; with {@code --count N} publishes N messages "m 0" … "m N-1",
 * {@code --interval-ms M} apart. Connection state changes go to stderr ("connected to …", "connection
 * lost; reconnecting" for a real loss, "disconnected" at the end). Exits 0 once every publication
 * completed (QoS 1: acknowledged); failures exit and print as mosquitto_pub does ({@link Failures}).
 */
final class Pub implements Command {

    @Override
    public String usage() {
        return "-t topic -m msg [opts]";
    }

    @Override
    public String summary() {
        return "publish like mosquitto_pub (-h -p -q -r -i -u -P -k, --count N --interval-ms M, -o key=value)";
    }

    private static CompletableFuture<?> publish(MqttClient c, String topic, byte[] payload, ClientArgs a, io.mqttas.codec.MqttProperties props) {
        return props.isEmpty() ? c.publish(topic, payload, a.retain, a.qos) : c.publish(topic, payload, a.retain, a.qos, props, null);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        ClientArgs a;
        int count;
        int interval;
        if (args.contains("--help")) {
            out.println("usage: mqttas-cli pub " + usage());
            out.println(summary());
            return OK;
        }
        try {
            a = ClientArgs.parse(args, List.of("--count", "--interval-ms"));
            count = a.extraNumber("--count", -1);
            interval = a.extraNumber("--interval-ms", 0);
            if (a.topics.size() > 1) {
                throw new ClientArgs.BadArgs("Only one topic may be given.");
            }
            if (a.topics.isEmpty() || a.message == null) {
                throw new ClientArgs.BadArgs("Both topic and message must be supplied.");
            }
            a.builder();
        } catch (ClientArgs.BadArgs e) {
            return Failures.badArgs("pub", e.getMessage(), err);
        }
        ClientArgs.quietLogs();
        AtomicBoolean closing = new AtomicBoolean();
        try (MqttClient client = MqttClient.create(a.builder().build())) {
            client.addLinkListener(up -> {
                if (up) {
                    err.println("connected to " + client.status().server());
                } else if (!closing.get()) {
                    err.println("connection lost; reconnecting");
                }
            });
            try {
                client.connect(true).get(2 * client.config().responseTimeMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                return Failures.connectFailed("pub", e.getCause(), err);
            } catch (java.util.concurrent.TimeoutException e) {
                err.println("Error: Connection timed out");
                return FAILED;
            }
            String topic = a.topics.get(0);
            List<CompletableFuture<?>> pending = new ArrayList<>();
            io.mqttas.codec.MqttProperties props = a.v5.publishProperties();
            if (count < 0) {
                pending.add(publish(client, topic, a.message.getBytes(StandardCharsets.UTF_8), a, props));
            } else {
                for (int i = 0; i < count; i++) {
                    pending.add(publish(client, topic, (a.message + " " + i).getBytes(StandardCharsets.UTF_8), a, props));
                    if (interval > 0 && i + 1 < count) {
                        Thread.sleep(interval);
                    }
                }
            }
            CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get();
            closing.set(true);   // a deliberate disconnect is not a loss
            client.disconnect().get(10, TimeUnit.SECONDS);
            err.println("disconnected");
            return OK;
        } catch (ExecutionException e) {
            err.println("Error: " + (e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getCause()));
            return FAILED;
        } catch (Exception e) {
            err.println("Error: " + e);
            return FAILED;
        }
    }
}
