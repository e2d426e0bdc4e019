/*
 * A relay gateway as a user runs it: the real session client (io.mqttas.session) connected to a
 * real Mosquitto, a real radio (the UDP transport on a free loopback port, or the given one, e.g.
 * the ESP-NOW modem transport on a serial port) and the Gateway core. Closing it closes the
 * gateway and the client.
 */
package io.mqttas.relay.it;

import io.mqttas.relay.internal.Gateway;
import io.mqttas.relay.internal.NodeId;
import io.mqttas.relay.internal.RadioTransport;
import io.mqttas.relay.internal.RelayConfig;
import io.mqttas.relay.internal.UdpTransport;
import io.mqttas.relay.internal.sim.UdpNode;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

final class RelayFixture implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    final MqttClient client;
    final Gateway gateway;
    final UdpTransport udp;
    final RadioTransport radio;
    private final List<UdpNode> nodes = new ArrayList<>();

    /** {@code relayKeys}: RelayConfig keys (PID io.mqttas.relay) as key, value pairs. */
    RelayFixture(String host, int port, Object... relayKeys) throws Exception {
        this(host, port, null, relayKeys);
    }

    /** With {@code radio} made from the configuration (null: the UDP transport on a free port). */
    RelayFixture(String host, int port, Function<RelayConfig, RadioTransport> radio, Object... relayKeys)
            throws Exception {
        Map<String, Object> mqtt = new HashMap<>();
        mqtt.put("server", host);
        mqtt.put("port", port);
        mqtt.put("client_id", "relay-it-" + IDS.incrementAndGet());
        mqtt.put("keepalive", 120); // the original gateway's value (spec §7.1)
        client = MqttClient.create(MqttConfig.fromMap(mqtt));
        Map<String, Object> keys = new HashMap<>();
        for (int i = 0; i < relayKeys.length; i += 2) {
            keys.put((String) relayKeys[i], relayKeys[i + 1]);
        }
        RelayConfig config = RelayConfig.fromMap(keys);
        udp = radio != null ? null
                : new UdpTransport("127.0.0.1", 0, config.udpMac(), config.udpChannel(), config.maxNodes());
        this.radio = radio != null ? radio.apply(config) : udp;
        gateway = new Gateway(config, client, this.radio, Clock.systemUTC());
        gateway.start();
        client.connect(true).get(15, TimeUnit.SECONDS);
    }

    InetSocketAddress address() {
        return udp.localAddress();
    }

    UdpNode node(String mac) throws Exception {
        UdpNode n = new UdpNode(NodeId.parse(mac), address());
        nodes.add(n);
        return n;
    }

    /**
     * Waits until the gateway's subscription to {@code topic} works end to end: publishes probes
     * with {@code probe} until {@code node} gets one, then drains the node's queue.
     */
    static void awaitSubscribed(UdpNode node, Runnable probe) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            probe.run();
            if (!node.get().isEmpty()) {
                Thread.sleep(300);
                node.get();
                return;
            }
        }
        throw new AssertionError("the gateway's subscription never delivered");
    }

    static void await(BooleanSupplier condition, Duration deadline, String what) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        nodes.forEach(UdpNode::close);
        gateway.close();
        client.close();
    }
}
