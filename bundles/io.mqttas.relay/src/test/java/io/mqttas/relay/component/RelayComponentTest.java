/* The DS component as SCR drives it (constructor activation, modified, deactivate) and the Gogo commands. */
package io.mqttas.relay.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.relay.internal.NodeId;
import io.mqttas.relay.internal.sim.UdpNode;
import io.mqttas.testing.FakeMqttClient;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelayComponentTest {
    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean relayThreadsGone() {
        return Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("mqttas-relay"));
    }

    @Test
    void activateModifyDeactivateKeepsNodesAndCommandsShowThem() throws Exception {
        FakeMqttClient client = FakeMqttClient.accepting();
        int port = freeUdpPort();
        Map<String, Object> props = new HashMap<>(Map.of("udp_port", port, "component.name", "io.mqttas.relay"));
        RelayComponent c = new RelayComponent(client, props);
        RelayCommands commands = new RelayCommands();
        commands.relays = List.of(c);
        try (UdpNode node = new UdpNode(NodeId.parse("246f28aabbcc"), new InetSocketAddress("127.0.0.1", port))) {
            assertEquals("UP", node.ping());
            node.subscribe("foo", 1);
            waitFor(() -> c.nodes().get(0).topics().contains("foo"));
            client.deliver("foo", "hello", false);
            assertTrue(commands.nodes().contains("246f28aabbcc  queued 1"), commands.nodes());
            assertEquals("1 message(s) for 246f28aabbcc\n  [\"foo\",\"hello\",false]\n", commands.queue("246f28aabbcc"));
            assertEquals("unknown node 000000000000", commands.queue("000000000000"));

            props.put("qlen", 20);
            c.modified(props);
            assertEquals(List.of("[\"foo\",\"hello\",false]"), node.get(), "queue carried over the reconfiguration");
        } finally {
            c.deactivate();
        }
        waitFor(RelayComponentTest::relayThreadsGone);
        assertEquals("no relay running", new RelayCommands().nodes());
    }

    @Test
    void manyReconfigurationsLeaveNoThreadsBehind() throws Exception {
        FakeMqttClient client = FakeMqttClient.accepting();
        Map<String, Object> props = new HashMap<>(Map.of("udp_port", freeUdpPort()));
        RelayComponent c = new RelayComponent(client, props);
        try {
            for (int i = 0; i < 20; i++) {
                props.put("qlen", 10 + i);
                c.modified(props);
            }
            long relayThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("mqttas-relay")).count();
            assertTrue(relayThreads <= 3, "udp, publisher, worker at most; found " + relayThreads);
        } finally {
            c.deactivate();
        }
        waitFor(RelayComponentTest::relayThreadsGone);
    }

    // Issue 10 item 3: activation never fails (Kura's web UI waits for the component); the relay is idle and says why.
    @Test
    void badConfigurationLeavesTheRelayIdleNamingTheKey() {
        RelayComponent c = new RelayComponent(FakeMqttClient.accepting(), Map.of("qlen", 0));
        assertEquals("idle (qlen: 0 is outside 2..10000)", c.gatewayId());
        assertEquals(List.of(), c.nodes());
        assertEquals(0, c.stats().nodes());
        assertEquals("idle", c.stats().radio().state());
        c.deactivate();
    }

    @Test
    void withoutAClientTheRelayIsIdleAndARejectedUpdateKeepsTheRunningOne() throws Exception {
        RelayComponent idle = new RelayComponent(null, Map.of("client.target", "(client_id=gw)"));
        assertEquals("idle (no MqttClient service matches client.target (client_id=gw))", idle.gatewayId());
        idle.deactivate();

        int port = freeUdpPort();
        Map<String, Object> props = new HashMap<>(Map.of("udp_port", port));
        RelayComponent c = new RelayComponent(FakeMqttClient.accepting(), props);
        try (UdpNode node = new UdpNode(NodeId.parse("246f28aabbcc"), new InetSocketAddress("127.0.0.1", port))) {
            String id = c.gatewayId();
            props.put("qlen", 0);
            c.modified(props);
            assertEquals(id, c.gatewayId(), "the running gateway is kept");
            assertEquals("UP", node.ping());
        } finally {
            c.deactivate();
        }
        waitFor(RelayComponentTest::relayThreadsGone);
    }

    @Test
    void serialTransportWithoutTheModemActivatesAndKeepsTryingNamingThePort() throws Exception {
        FakeMqttClient client = FakeMqttClient.accepting();
        RelayComponent c = new RelayComponent(client, Map.of("transport", "serial", "serial_port",
                "/dev/mqttas-no-such-modem"));
        try {
            waitFor(() -> c.stats().radio().portErrors() > 0);
            assertTrue(c.stats().radio().lastError().contains("/dev/mqttas-no-such-modem"), c.stats().radio().lastError());
            assertTrue(Set.of("opening", "port lost").contains(c.stats().radio().state()), c.stats().radio().state());
            waitFor(() -> client.payloads("gw_errors").stream()
                    .anyMatch(e -> e.contains("ESP-NOW modem port /dev/mqttas-no-such-modem cannot be opened")));
            RelayCommands commands = new RelayCommands();
            commands.relays = List.of(c);
            String status = commands.status();
            assertTrue(status.contains("radio      serial /dev/mqttas-no-such-modem"), status);
        } finally {
            c.deactivate();
        }
        waitFor(RelayComponentTest::relayThreadsGone);
    }

    @Test
    void failedReconfigurationKeepsTheOldGatewayAndItsStateWithoutPersistDir() throws Exception {
        FakeMqttClient client = FakeMqttClient.accepting();
        int port = freeUdpPort();
        Map<String, Object> props = new HashMap<>(Map.of("udp_port", port));
        RelayComponent c = new RelayComponent(client, props);
        try (UdpNode node = new UdpNode(NodeId.parse("246f28aabbcc"), new InetSocketAddress("127.0.0.1", port));
                DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            node.subscribe("foo", 1);
            waitFor(() -> !c.nodes().isEmpty() && c.nodes().get(0).topics().contains("foo"));
            client.deliver("foo", "kept", false);
            props.put("udp_port", taken.getLocalPort()); // the new configuration cannot bind
            c.modified(props);
            assertEquals(List.of("[\"foo\",\"kept\",false]"), node.get(), "the old gateway runs with its state");
            props.put("udp_port", port);
            props.put("qlen", 5);
            c.modified(props);
            assertEquals("UP", node.ping(), "and a later good configuration starts");
        } finally {
            c.deactivate();
        }
        waitFor(RelayComponentTest::relayThreadsGone);
    }

    static void waitFor(java.util.function.BooleanSupplier c) {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                throw new AssertionError(ex);
            }
        }
    }
}
