/* Issue 6 §2a: the UDP transport, driven by the node simulator over real loopback sockets. */
package io.mqttas.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.relay.internal.sim.NodeSimulator;
import io.mqttas.relay.internal.sim.UdpNode;
import io.mqttas.testing.FakeMqttClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpTransportTest {
    final FakeMqttClient client = FakeMqttClient.accepting();
    UdpTransport udp;
    Gateway gateway;

    InetSocketAddress start(Map<String, Object> config) throws Exception {
        RelayConfig c = RelayConfig.fromMap(config);
        udp = new UdpTransport("127.0.0.1", 0, c.udpMac(), c.udpChannel(), c.maxNodes());
        gateway = new Gateway(c, client, udp, Clock.systemUTC());
        gateway.start();
        return udp.localAddress();
    }

    @AfterEach
    void tearDown() {
        if (gateway != null) {
            gateway.close();
        }
        GatewayTestBase.waitFor(GatewayTestBase::relayThreadsGone, "relay threads gone");
    }

    @Test
    void repliesCarryTheGatewayMacAndGoToTheSourceAddress() throws Exception {
        InetSocketAddress gw = start(Map.of());
        try (UdpNode node = new UdpNode(NodeId.parse("246f28aabbcc"), gw)) {
            assertEquals("UP", node.ping());
            assertEquals(NodeId.parse("02006d717474"), node.lastGateway());
            assertEquals(1, node.channel());
            assertEquals("ACK", node.publish("shed", "Count 1", false, 1));
            node.subscribe("foo_topic", 1);
            GatewayTestBase.waitFor(() -> gateway.nodes().get(0).topics().contains("foo_topic"), "subscribed");
            client.deliver("foo_topic", "hello", false);
            assertEquals(List.of("[\"foo_topic\",\"hello\",false]"), node.get());
        }
    }

    @Test
    void pushesGoToTheNodesLastAddress() throws Exception {
        InetSocketAddress gw = start(Map.of("lpmode", false));
        NodeId mac = NodeId.parse("246f28aabbcc");
        try (UdpNode first = new UdpNode(mac, gw); UdpNode moved = new UdpNode(mac, gw)) {
            first.subscribe("foo", 0);
            assertEquals("UP", moved.ping()); // same MAC, new address
            client.deliver("foo", "pushed", false);
            assertEquals("[\"foo\",\"pushed\",false]", moved.receive(Duration.ofSeconds(2)));
            assertEquals(null, first.receive(Duration.ofMillis(100)));
        }
    }

    @Test
    void runtAndOversizedDatagramsCostNothingButThemselves() throws Exception {
        InetSocketAddress gw = start(Map.of());
        try (DatagramSocket raw = new DatagramSocket(); UdpNode node = new UdpNode(NodeId.parse("246f28aabbcc"), gw)) {
            raw.send(new DatagramPacket(new byte[3], 3, gw));
            GatewayTestBase.waitFor(() -> udp.runts() == 1, "runt counted");
            node.sendRaw(new byte[600]);
            node.send("[\"ping\"]");
            assertEquals("UP", node.receive(Duration.ofSeconds(2)));
            assertEquals(1, gateway.stats().malformed());
        }
    }

    @Test
    void nodeSimulatorCommandLineTalksToTheGateway() throws Exception {
        InetSocketAddress gw = start(Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String target = "127.0.0.1:" + gw.getPort();
        int rc = NodeSimulator.run(new String[] {"--gateway", target, "--mac", "246f28aabbcc", "pub", "shed", "hi",
            "false", "1"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        assertEquals("ACK", out.toString(StandardCharsets.UTF_8).trim());
        out.reset();
        assertEquals(0, NodeSimulator.run(new String[] {"--gateway", target, "ping"},
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals("UP", out.toString(StandardCharsets.UTF_8).trim());
        assertEquals(2, NodeSimulator.run(new String[] {"bogus"}, new PrintStream(out, true, StandardCharsets.UTF_8)));
        GatewayTestBase.waitFor(() -> client.payloads("shed").equals(List.of("hi")), "published");
        assertTrue(gateway.nodes().size() == 1);
    }
}
