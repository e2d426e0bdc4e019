/* issue 3 item 12: `pub`, like mosquitto_pub, on the resilient client (publishes wait through outages). */
package io.mqttas.cli;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConnectException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@code -m} to {@code -t}; with {@code --count N} publishes N messages "m 0" … "m N-1",
 * {@code --interval-ms M} apart. Connection state changes go to stderr. Exits 0 once every
 * publication completed (QoS 1: acknowledged), 1 if the first connection was refused, 64 on bad
 * arguments.
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

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        ClientArgs a;
        int count;
        int interval;
        try {
            a = ClientArgs.parse(args, List.of("--count", "--interval-ms"));
            count = a.extraNumber("--count", -1);
            interval = a.extraNumber("--interval-ms", 0);
            if (a.topics.size() != 1) {
                throw new ClientArgs.BadArgs("pub needs exactly one -t topic");
            }
            if (a.message == null) {
                throw new ClientArgs.BadArgs("pub needs -m message");
            }
            a.builder();
        } catch (ClientArgs.BadArgs e) {
            err.println("mqttas-cli pub: " + e.getMessage());
            err.println("usage: pub " + usage());
            return USAGE;
        }
        ClientArgs.quietLogs();
        try (MqttClient client = MqttClient.create(a.builder().build())) {
            client.addLinkListener(up -> err.println(up ? "connected to " + client.status().server() : "connection lost; reconnecting"));
            try {
                client.connect(true).get(2 * client.config().responseTimeMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                err.println("mqttas-cli pub: " + describe(e.getCause()));
                return FAILED;
            }
            String topic = a.topics.get(0);
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            if (count < 0) {
                pending.add(client.publish(topic, a.message.getBytes(StandardCharsets.UTF_8), a.retain, a.qos));
            } else {
                for (int i = 0; i < count; i++) {
                    pending.add(client.publish(topic, (a.message + " " + i).getBytes(StandardCharsets.UTF_8), a.retain, a.qos));
                    if (interval > 0 && i + 1 < count) {
                        Thread.sleep(interval);
                    }
                }
            }
            CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get();
            client.disconnect().get(10, TimeUnit.SECONDS);
            return OK;
        } catch (ExecutionException e) {
            err.println("mqttas-cli pub: " + describe(e.getCause()));
            return FAILED;
        } catch (Exception e) {
            err.println("mqttas-cli pub: " + e);
            return FAILED;
        }
    }

    static String describe(Throwable t) {
        if (t instanceof MqttConnectException c) {
            return c.returnCode() > 0 ? "connection refused: " + c.getMessage()
                    : "cannot connect: " + c.getMessage();
        }
        return String.valueOf(t.getMessage() != null ? t.getMessage() : t);
    }
}
