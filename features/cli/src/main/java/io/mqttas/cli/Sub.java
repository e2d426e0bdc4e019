/* issue 3 item 12: `sub`, like mosquitto_sub, on the resilient client (re-subscribes after every reconnect). */
package io.mqttas.cli;

import io.mqttas.session.MqttClient;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Subscribes to every {@code -t} filter and prints each message's payload ({@code -v}: "topic payload")
 * on a line. With {@code -C n} exits after n messages; otherwise runs until interrupted. Filters are
 * subscribed again after every reconnection (the original's connect_coro pattern). Connection
 * state changes go to stderr ("connected", "connection lost; reconnecting" for a real loss,
 * "disconnected" at the end); failures exit and print as mosquitto_sub does ({@link Failures}).
 */
final class Sub implements Command {

    @Override
    public String usage() {
        return "-t filter [-t filter…] [opts]";
    }

    @Override
    public String summary() {
        return "subscribe like mosquitto_sub (-v, -C n, -q, -c, -h -p -i -u -P -k, -o key=value)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        ClientArgs a;
        if (args.contains("--help")) {
            out.println("usage: mqttas-cli sub " + usage());
            out.println(summary());
            return OK;
        }
        try {
            a = ClientArgs.parse(args, List.of());
            if (a.topics.isEmpty()) {
                throw new ClientArgs.BadArgs("You must specify a topic to subscribe to.");
            }
            a.builder();
        } catch (ClientArgs.BadArgs e) {
            return Failures.badArgs("sub", e.getMessage(), err);
        }
        AtomicBoolean closing = new AtomicBoolean();
        ClientArgs.quietLogs();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger printed = new AtomicInteger();
        int limit = a.count;
        OutputFormat format = a.v5.format == null ? null : new OutputFormat(a.v5.format);
        io.mqttas.codec.MqttProperties subProps = a.v5.subscribeProperties();
        try (MqttClient client = MqttClient.create(a.builder()
                .messageHandler(m -> {
                    if (limit >= 0 && printed.get() >= limit) {
                        return;
                    }
                    String text = format != null ? format.render(m) : a.verbose ? m.topic() + " " + new String(m.payload(), StandardCharsets.UTF_8)
                            : new String(m.payload(), StandardCharsets.UTF_8);
                    synchronized (out) {
                        out.println(text);
                        out.flush();
                    }
                    if (limit >= 0 && printed.incrementAndGet() >= limit) {
                        done.countDown();
                    }
                })
                .connectCoro(c -> {
                    for (String t : a.topics) {
                        (subProps.isEmpty() ? c.subscribe(t, a.qos)
                                : c.subscribe(new io.mqttas.codec.Subscribe.Subscription(t, a.qos), subProps, null)).whenComplete((q, e) -> {
                            if (e != null) {
                                err.println("subscription to " + t + " failed: " + e.getMessage());
                            }
                        });
                    }
                })
                .wifiCoro(up -> {
                    if (up) {
                        err.println("connected");
                    } else if (!closing.get()) {
                        err.println("connection lost; reconnecting");
                    }
                })
                .build())) {
            Thread hook = new Thread(done::countDown, "mqttas-cli-sub-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                client.connect(true).get(2 * client.config().responseTimeMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                return Failures.connectFailed("sub", e.getCause(), err);
            } catch (java.util.concurrent.TimeoutException e) {
                err.println("Error: Connection timed out");
                return FAILED;
            }
            if (limit == 0) {
                return OK;
            }
            done.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: nothing to remove
            }
            closing.set(true);   // a deliberate disconnect is not a loss
            client.disconnect().get(10, TimeUnit.SECONDS);
            err.println("disconnected");
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (Exception e) {
            err.println("Error: " + e);
            return FAILED;
        }
    }
}
