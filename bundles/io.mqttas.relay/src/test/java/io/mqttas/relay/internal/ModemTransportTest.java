/*
 * docs/relay-modem.md and issue 11 items 1 and 3: the modem transport against a simulated modem
 * board — framing, HELLO, peers managed least-recently-heard first, reboots, unplug/replug,
 * heartbeats, channel changes. The real firmware runs against the gateway in relay-it.
 */
package io.mqttas.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.testing.FakeMqttClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModemTransportTest {
    static final NodeId NODE = NodeId.parse("246f28aabbcc");
    /** Short life-cycle times so reboots, silences and reopenings take milliseconds. */
    static final ModemTimings FAST = new ModemTimings(50, 300, 1_000, 300, 2, 20, 100);
    final SimulatedModem modem = new SimulatedModem();
    final List<String> frames = new CopyOnWriteArrayList<>();
    final List<String> news = new CopyOnWriteArrayList<>();
    final RadioTransport.FrameSink sink = new RadioTransport.FrameSink() {
        @Override
        public void onFrame(NodeId from, byte[] frame) {
            frames.add(from + " " + new String(frame, StandardCharsets.UTF_8));
        }

        @Override
        public void radioStatus(String text) {
            news.add("status: " + text);
        }

        @Override
        public void radioError(String text) {
            news.add("error: " + text);
        }
    };
    ModemTransport transport;

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.close();
        }
        modem.close();
        GatewayTestBase.waitFor(GatewayTestBase::relayThreadsGone, "modem threads gone");
    }

    ModemTransport started(int wantedChannel) {
        transport = modem.transport(Duration.ofSeconds(2), wantedChannel, FAST);
        transport.start(sink);
        GatewayTestBase.waitFor(() -> transport.state().state().equals("ready"), "modem ready");
        return transport;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void framesRoundTripAndTheDecoderResynchronisesAfterNoise() {
        ModemFrame f = new ModemFrame(ModemFrame.RECV, ascii("hello"));
        byte[] good = f.encode();
        byte[] corrupt = good.clone();
        corrupt[6] ^= 0x01; // payload bit flip: CRC fails
        ModemFrame.Decoder d = new ModemFrame.Decoder();
        List<ModemFrame> out = new CopyOnWriteArrayList<>();
        byte[] noise = {0x00, 0x13, (byte) 0xA5, 0x01, (byte) 0xff, (byte) 0xff}; // sync + impossible length
        for (byte[] chunk : new byte[][] {noise, corrupt, {(byte) 0xA5}, good, good}) {
            d.feed(chunk, 0, chunk.length, out::add);
        }
        assertEquals(List.of(f, f), out);
        assertTrue(d.discarded() > 0);
        assertEquals("a5060001 07e08f", java.util.HexFormat.of().formatHex(
                new ModemFrame(ModemFrame.INFO, new byte[] {7}).encode()).replaceFirst("^(.{8})", "$1 "),
                "the example in docs/relay-modem.md");
    }

    @Test
    void startWaitsForTheHelloOfABootingBoardThenSetsTheChannel() {
        modem.bootMillis = 400; // the board resets when its port opens and takes a while to boot
        transport = modem.transport(Duration.ofSeconds(2), 3, FAST);
        transport.start(sink);
        assertEquals(null, transport.gatewayId(), "nothing known before the HELLO");
        GatewayTestBase.waitFor(() -> transport.state().state().equals("ready"), "ready after the HELLO");
        assertEquals(modem.ap, transport.gatewayId(), "the AP interface's MAC is the identity nodes address");
        assertEquals(3, transport.channel());
        assertEquals(3, modem.channel);
        assertEquals("sim-2.0", transport.state().firmware());
        assertEquals(20, transport.state().peersCapacity());
        GatewayTestBase.waitFor(() -> news.stream().anyMatch(n -> n.startsWith("status: ESP-NOW modem ready on sim:modem: "
                + "firmware sim-2.0, gateway 70041dad8f15 (AP interface), channel")), "reported: " + news);
    }

    @Test
    void receivedFramesReachTheSinkAndSendsReportTheRadiosAck() throws Exception {
        started(0);
        assertEquals(11, transport.channel());
        modem.receive(NODE, ascii("[\"ping\"]"));
        GatewayTestBase.waitFor(() -> frames.size() == 1, "frame delivered");
        assertEquals("246f28aabbcc [\"ping\"]", frames.get(0));
        assertTrue(transport.send(NODE, ascii("UP")), "registered on first need, acknowledged");
        modem.outOfRange.add(NODE);
        assertFalse(transport.send(NODE, ascii("UP")), "the node's radio did not acknowledge");
        assertEquals(List.of(new SimulatedModem.Sent(NODE, "UP")), modem.sent);
        assertEquals(1, transport.state().notAcked());
    }

    @Test
    void aSilentModemCostsARequestItsDeadlineNotAHang() throws Exception {
        transport = modem.transport(Duration.ofMillis(100), 0, ModemTimings.DEFAULT);
        transport.start(sink);
        GatewayTestBase.waitFor(() -> transport.state().state().equals("ready"), "ready");
        modem.silent = true;
        long t0 = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> transport.send(NODE, new byte[] {1}));
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos());
    }

    @Test
    void peerTableFullEvictsTheLeastRecentlyHeardPeer() throws Exception {
        modem.capacity = 3;
        started(0);
        NodeId a = NodeId.parse("000000000001");
        NodeId b = NodeId.parse("000000000002");
        NodeId c = NodeId.parse("000000000003");
        NodeId d = NodeId.parse("000000000004");
        NodeId e = NodeId.parse("000000000005");
        for (NodeId n : List.of(a, b, c)) {
            assertTrue(transport.send(n, ascii("x")));
        }
        modem.receive(a, ascii("[\"ping\"]")); // a is heard again: b is now the eldest
        GatewayTestBase.waitFor(() -> frames.size() == 1, "frame from a");
        assertTrue(transport.send(d, ascii("x")));
        assertEquals(Set.of(a, c, d), modem.peers);
        assertTrue(transport.send(e, ascii("x")));
        assertEquals(Set.of(a, d, e), modem.peers);
        assertTrue(transport.send(b, ascii("x")), "an evicted node is registered again when needed");
        assertEquals(3, transport.state().peersUsed());
    }

    @Test
    void modemRebootRestoresChannelAndPeersBeforeTheNextFrame() throws Exception {
        started(6);
        NodeId a = NodeId.parse("000000000001");
        transport.send(a, ascii("x"));
        transport.send(NODE, ascii("x"));
        modem.channel = 1; // the reboot forgets the channel and the peers
        modem.reset();
        modem.receive(NODE, ascii("[\"chan\"]"));
        GatewayTestBase.waitFor(() -> frames.size() == 1, "frame after the reboot");
        assertEquals(Set.of(a, NODE), modem.peers, "peers registered again before the frame was handed on");
        assertEquals(6, modem.channel);
        assertEquals(1, transport.state().modemResets());
        assertTrue(transport.send(NODE, ascii("6")));
    }

    @Test
    void unpluggedPortIsReopenedWithBackOffAndTheModemComesBack() throws Exception {
        started(0);
        transport.send(NODE, ascii("x"));
        modem.unplug();
        GatewayTestBase.waitFor(() -> transport.state().portErrors() >= 2, "lost, then failed openings counted");
        assertTrue(Set.of("opening", "port lost").contains(transport.state().state()), transport.state().state());
        IOException e = assertThrows(IOException.class, () -> transport.send(NODE, ascii("x")));
        assertTrue(e.getMessage().contains("not ready"), e.getMessage());
        assertTrue(news.stream().anyMatch(n -> n.startsWith("error: ESP-NOW modem on sim:modem lost")), news.toString());
        modem.plug();
        GatewayTestBase.waitFor(() -> transport.state().state().equals("ready"), "ready after the replug");
        assertTrue(transport.send(NODE, ascii("back")), "the peer registered again on the new board");
        assertTrue(modem.opens.get() >= 2);
    }

    @Test
    void modemThatStopsAnsweringHeartbeatsIsReopened() throws Exception {
        transport = modem.transport(Duration.ofMillis(200), 0, FAST);
        transport.start(sink);
        GatewayTestBase.waitFor(() -> transport.state().state().equals("ready"), "ready");
        int opens = modem.opens.get();
        modem.silent = true;
        GatewayTestBase.waitFor(() -> modem.opens.get() > opens, "port closed and opened again");
        modem.silent = false;
        GatewayTestBase.waitFor(() -> transport.state().state().equals("ready"), "ready again");
        assertTrue(transport.state().lastError().contains("heartbeats"), transport.state().lastError());
    }

    @Test
    void channelChangeOfTheModemChangesTheChanAnswer() throws Exception {
        FakeMqttClient client = FakeMqttClient.accepting();
        transport = modem.transport(Duration.ofSeconds(2), 0, FAST);
        Gateway g = new Gateway(RelayConfig.fromMap(Map.of()), client, transport, Clock.systemUTC());
        g.start();
        try {
            GatewayTestBase.waitFor(() -> transport.state().state().equals("ready"), "ready");
            modem.receive(NODE, ascii("[\"chan\"]"));
            GatewayTestBase.waitFor(() -> modem.sent.contains(new SimulatedModem.Sent(NODE, "11")), "chan 11");
            modem.changeChannel(4);
            GatewayTestBase.waitFor(() -> transport.channel() == 4, "channel event");
            modem.receive(NODE, ascii("[\"chan\"]"));
            GatewayTestBase.waitFor(() -> modem.sent.contains(new SimulatedModem.Sent(NODE, "4")), "chan follows");
            GatewayTestBase.waitFor(() -> client.payloads("gw_status").stream()
                    .anyMatch(s -> s.endsWith("ESP-NOW modem channel changed from 11 to 4")), "reported");
        } finally {
            g.close();
        }
    }

    @Test
    void garbageAndTruncatedFramesOnTheLineCostOnlyThemselves() throws Exception {
        started(0);
        byte[] good = new ModemFrame(ModemFrame.RECV, concat(NODE.mac(), ascii("[\"ping\"]"))).encode();
        modem.raw(new byte[] {1, 2, 3, (byte) 0xA5, 0x00, 0x00});
        modem.raw(java.util.Arrays.copyOf(good, good.length - 3)); // truncated: its CRC never arrives
        modem.raw(new byte[] {(byte) 0xA5, (byte) 0x81, 0x7f, (byte) 0xff}); // impossible length
        modem.raw(new ModemFrame(ModemFrame.RECV, new byte[3]).encode()); // too short to name a sender
        modem.raw(new ModemFrame(0x9f, ascii("future event")).encode()); // unknown type: ignored
        modem.raw(good);
        GatewayTestBase.waitFor(() -> frames.contains("246f28aabbcc [\"ping\"]"), "the good frame after the garbage");
        assertTrue(transport.send(NODE, ascii("UP")));
        assertEquals("ready", transport.state().state());
    }

    @Test
    void modemOfAnotherProtocolIsNamedAndNotUsed() throws Exception {
        modem.protocol = 1;
        transport = modem.transport(Duration.ofMillis(200), 0, FAST);
        transport.start(sink);
        GatewayTestBase.waitFor(() -> transport.state().lastError().contains("protocol 1"), "named");
        assertFalse(transport.state().state().equals("ready"));
        assertTrue(news.stream().anyMatch(n -> n.contains("install the firmware of this release")), news.toString());
    }

    @Test
    void gatewayOverTheModemAnswersNodesBeyondThePeerTable() throws Exception {
        modem.capacity = 5;
        transport = modem.transport(Duration.ofSeconds(2), 0, FAST);
        FakeMqttClient client = FakeMqttClient.accepting();
        Gateway g = new Gateway(RelayConfig.fromMap(Map.of()), client, transport, Clock.systemUTC());
        g.start();
        try {
            GatewayTestBase.waitFor(() -> transport.state().state().equals("ready"), "ready");
            for (int i = 0; i < 12; i++) {
                NodeId n = NodeId.parse(String.format("0000000000%02x", i));
                modem.receive(n, ascii("[\"ping\"]"));
                GatewayTestBase.waitFor(() -> modem.sent.contains(new SimulatedModem.Sent(n, "UP")), "UP to " + n);
            }
            assertEquals(5, modem.peers.size(), "never more than the radio's table");
            assertTrue(client.payloads("gw_errors").stream().noneMatch(e -> e.contains("add_peer")),
                    "a full table is managed, not an error: " + client.payloads("gw_errors"));
            assertEquals(12, g.nodes().size());
        } finally {
            g.close();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
