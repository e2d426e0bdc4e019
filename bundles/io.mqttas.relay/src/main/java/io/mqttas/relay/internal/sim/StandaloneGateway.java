/*
 * Runs the relay gateway without OSGi (docs/relay.md): its own io.mqttas.session client from
 * "mqtt.<key>=value" arguments (the session's dict keys verbatim) and the relay from "<key>=value"
 * arguments (the keys of PID io.mqttas.relay). For trying the relay with the node simulator, and
 * for development; in OSGi/Kura the relay uses an MqttClient service instead.
 *   java -cp ... io.mqttas.relay.internal.sim.StandaloneGateway mqtt.server=127.0.0.1 udp_port=8266
 */
package io.mqttas.relay.internal.sim;

import io.mqttas.relay.internal.Gateway;
import io.mqttas.relay.internal.Radios;
import io.mqttas.relay.internal.RadioTransport;
import io.mqttas.relay.internal.RelayConfig;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A gateway and its client, closed together. */
public final class StandaloneGateway implements AutoCloseable {
    private final MqttClient client;
    private final Gateway gateway;

    private StandaloneGateway(MqttClient client, Gateway gateway) {
        this.client = client;
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        StandaloneGateway g = start(args);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            g.close();
            stop.countDown();
        }, "mqttas-relay-shutdown"));
        System.out.println("relay gateway " + g.gateway.gatewayId() + " running; Ctrl-C stops it");
        stop.await();
    }

    /** Starts a gateway from {@code key=value} arguments; connects the client (retrying the first connection). */
    public static StandaloneGateway start(String... args) throws Exception {
        Map<String, Object> mqtt = new HashMap<>();
        Map<String, Object> relay = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + a + "'");
            }
            String key = a.substring(0, eq);
            String value = a.substring(eq + 1);
            if (key.startsWith("mqtt.")) {
                mqtt.put(key.substring(5), typed(value));
            } else {
                relay.put(key, value);
            }
        }
        mqtt.putIfAbsent("server", "127.0.0.1");
        mqtt.putIfAbsent("keepalive", 120); // the original gateway's value (spec §7.1)
        RelayConfig config = RelayConfig.fromMap(relay);
        MqttClient client = MqttClient.create(MqttConfig.fromMap(mqtt));
        RadioTransport radio = Radios.create(config);
        Gateway gateway = new Gateway(config, client, radio, Clock.systemUTC());
        try {
            gateway.start();
            connect(client);
        } catch (Exception e) {
            gateway.close();
            client.close();
            throw e;
        }
        return new StandaloneGateway(client, gateway);
    }

    /** Unlike the original (spec §13: the first connection must succeed or the gateway exits), retry it. */
    private static void connect(MqttClient client) throws InterruptedException, IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.connect(true).get(30, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (attempt >= 5) {
                    throw new IOException("broker connection failed " + attempt + " times: " + e, e);
                }
                Thread.sleep(2_000L * attempt);
            }
        }
    }

    private static Object typed(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException notInt) {
            return v;
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        gateway.close();
        client.close();
    }
}
