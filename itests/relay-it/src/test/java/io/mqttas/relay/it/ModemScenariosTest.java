/*
 * Issue 11 item 2: the modem firmware (features/relay-modem, unchanged, under CPython on a
 * simulated ESP32) and the gateway over a socat pty pair exactly as over USB (jSerialComm on the
 * gateway side), with the real session client and a real Mosquitto, and simulated nodes on the
 * board's air. Scenarios: boot → ready; frames in and replies out; a modem reset mid-traffic;
 * unplug and replug; more nodes than peer slots; garbage on the line; a stalled UART and the
 * watchdog; an access point changing channel; a push the node's radio did not acknowledge.
 */
package io.mqttas.relay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.relay.RadioState;
import io.mqttas.relay.internal.ModemTransport;
import io.mqttas.relay.internal.SerialModemPort;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;
import io.mqttas.testkit.ThreadLeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModemScenariosTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String GATEWAY = ModemBoard.AP_MAC;
    private static MosquittoBroker broker;
    private static MqttPublisher pub;
    private static ThreadLeakCheck threads;

    @BeforeAll
    static void startBroker() {
        threads = ThreadLeakCheck.snapshot("mqttas-");
        broker = MosquittoBroker.start();
        pub = MqttPublisher.to(broker);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
            threads.assertNoLeak(Duration.ofSeconds(10));
        }
    }

    /** A gateway whose radio is the modem on {@code board}'s serial port. */
    static RelayFixture relay(ModemBoard board, Object... keys) throws Exception {
        RelayFixture f = new RelayFixture(broker.host(), broker.port(), c -> new ModemTransport(
                new SerialModemPort(board.port(), c.serialBaud()), Duration.ofMillis(c.serialTimeoutMs()),
                c.serialChannel()), keys);
        awaitReady(f);
        return f;
    }

    static void awaitReady(RelayFixture f) throws InterruptedException {
        RelayFixture.await(() -> f.radio.state().state().equals("ready"), WAIT, "modem ready: " + f.radio.state());
    }

    static String retry(Attempt a) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < end) {
            last = a.run();
            if (last != null && !last.equals("ESP_FAIL")) {
                return last;
            }
            Thread.sleep(200);
        }
        return last;
    }

    @FunctionalInterface
    interface Attempt {
        String run() throws Exception;
    }

    @Test
    void bootToReadyThenNodeFramesInAndRepliesOut() throws Exception {
        try (ModemBoard board = new ModemBoard("--boot-ms", "1200"); // a board takes a while to boot
                MqttSubscriber status = MqttSubscriber.start(broker, "gw_status", 0);
                MqttSubscriber shed = MqttSubscriber.start(broker, "shed", 1);
                RelayFixture relay = relay(board);
                AirNodes air = new AirNodes(board.airPort())) {
            RadioState r = relay.radio.state();
            assertEquals("1.0.0", r.firmware());
            assertEquals(GATEWAY, relay.gateway.gatewayId(), "the AP interface's MAC (INTERFACE=\"ap\")");
            assertEquals(20, r.peersCapacity());
            RelayFixture.await(() -> status.drain().stream().anyMatch(m -> m.payloadUtf8().contains(
                    "ESP-NOW modem ready on " + board.port() + ": firmware 1.0.0, gateway " + GATEWAY)), WAIT,
                    "'modem ready' on gw_status");
            AirNodes.Node node = air.node("246f28aabbcc", 1, GATEWAY);
            assertEquals("UP", node.ping());
            assertEquals("1", node.chan());
            assertEquals("ACK", node.publish("shed", "Count 1", false, 1));
            assertEquals("Count 1", shed.awaitMessage(WAIT).payloadUtf8());
            assertTrue(node.subscribe("foo_topic", 1));
            RelayFixture.await(() -> relay.gateway.nodes().get(0).topics().contains("foo_topic"), WAIT, "subscribed");
            RelayFixture.await(() -> {
                pub.publish("foo_topic", "for the node", 1);
                return relay.gateway.stats().messagesQueued() > 0;
            }, WAIT, "broker message queued for the node");
            assertTrue(node.get().contains("[\"foo_topic\",\"for the node\",false]"));
            assertTrue(relay.radio.state().lastFrameMillis() > 0);
        }
    }

    @Test
    void modemResetMidTrafficRestoresPeersAndLosesNothingAcknowledged() throws Exception {
        try (ModemBoard board = new ModemBoard();
                MqttSubscriber shed = MqttSubscriber.start(broker, "reset/#", 1);
                RelayFixture relay = relay(board, "lpmode", false);
                AirNodes air = new AirNodes(board.airPort())) {
            int nodes = 4;
            List<AirNodes.Node> all = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                AirNodes.Node n = air.node(String.format("0000000000b%d", i), 1, GATEWAY);
                assertTrue(n.subscribe("down/all", 1));
                all.add(n);
            }
            RelayFixture.await(() -> relay.gateway.stats().subscriptions() == 2, WAIT, "subscribed");
            ExecutorService pool = Executors.newFixedThreadPool(nodes + 1);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<String> sentDown = new ArrayList<>();
            Map<AirNodes.Node, List<String>> gotDown = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Future<?>> work = new ArrayList<>();
            try {
                for (AirNodes.Node n : all) {
                    gotDown.put(n, new CopyOnWriteArrayList<>());
                    work.add(pool.submit(() -> { // a continuously running node: publish, then poll
                        for (int k = 0; running.get(); k++) {
                            String payload = n.mac + " " + k;
                            String reply = n.publish("reset/" + n.mac, payload, false, 1);
                            if ("ACK".equals(reply) || "NAK".equals(reply)) {
                                acknowledged.add(payload); // the node was told: accepted
                            }
                            gotDown.get(n).addAll(n.get());
                        }
                        return null;
                    }));
                }
                work.add(pool.submit(() -> { // broker messages pushed to the nodes all along (lpmode=false)
                    for (int k = 0; running.get(); k++) {
                        String m = "d" + k;
                        pub.publish("down/all", m, 1);
                        synchronized (sentDown) {
                            sentDown.add(m);
                        }
                        Thread.sleep(200);
                    }
                    return null;
                }));
                RelayFixture.await(() -> acknowledged.size() >= 20, WAIT, "traffic");
                long bootsBefore = board.boots();
                assertEquals("ok", board.control("reset"));
                RelayFixture.await(() -> relay.radio.state().modemResets() == 1, WAIT, "reboot noticed");
                RelayFixture.await(() -> board.boots() == bootsBefore + 1, WAIT, "board booted once");
                int after = acknowledged.size();
                RelayFixture.await(() -> acknowledged.size() >= after + 20, WAIT, "traffic after the reset");
                assertTrue(board.control("status").contains("peers " + nodes), board.control("status"));
            } finally {
                running.set(false);
                for (Future<?> f : work) {
                    f.get();
                }
                pool.shutdown();
            }
            Set<String> seen = new HashSet<>();
            RelayFixture.await(() -> {
                shed.drain().forEach(m -> seen.add(m.payloadUtf8()));
                return seen.containsAll(acknowledged);
            }, Duration.ofSeconds(30), "every acknowledged publication on Mosquitto");
            Thread.sleep(500);
            for (AirNodes.Node n : all) { // what the modem did not get acknowledged stayed queued for the node
                gotDown.get(n).addAll(n.get());
                Set<String> payloads = new HashSet<>();
                gotDown.get(n).forEach(f -> payloads.add(f.replaceAll("^\\[\"down/all\",\"(.*)\",false\\]$", "$1")));
                synchronized (sentDown) {
                    assertTrue(payloads.containsAll(sentDown), n.mac + " missed some of " + sentDown + ": " + payloads);
                }
            }
            assertEquals(0, relay.gateway.stats().overflows());
        }
    }

    @Test
    void unplugAndReplugReopensThePortAndTheNodesAreServedAgain() throws Exception {
        try (ModemBoard board = new ModemBoard();
                MqttSubscriber errors = MqttSubscriber.start(broker, "gw_errors", 1);
                RelayFixture relay = relay(board);
                AirNodes air = new AirNodes(board.airPort())) {
            AirNodes.Node node = air.node("246f28aabbcd", 1, GATEWAY);
            assertEquals("UP", node.ping());
            board.unplug();
            RelayFixture.await(() -> !relay.radio.state().state().equals("ready"), WAIT, "port lost");
            RelayFixture.await(() -> errors.drain().stream().anyMatch(m -> m.payloadUtf8().contains(
                    "ESP-NOW modem on " + board.port() + " lost")), WAIT, "reported on gw_errors");
            board.plug();
            awaitReady(relay);
            try (AirNodes air2 = new AirNodes(board.airPort())) {
                AirNodes.Node again = air2.node("246f28aabbcd", 1, GATEWAY);
                assertEquals("UP", retry(again::ping), "served by the replugged modem");
            }
            RadioState r = relay.radio.state();
            assertTrue(r.portErrors() >= 1 && r.modemResets() == 1, r.toString());
        }
    }

    @Test
    void moreNodesThanPeerSlotsAreAllServed() throws Exception {
        try (ModemBoard board = new ModemBoard();
                RelayFixture relay = relay(board, "max_nodes", 100);
                AirNodes air = new AirNodes(board.airPort())) {
            List<AirNodes.Node> nodes = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                nodes.add(air.node(String.format("0000000001%02x", i), 1, GATEWAY));
            }
            for (int round = 0; round < 2; round++) {
                for (AirNodes.Node n : nodes) {
                    assertEquals("UP", n.ping(), "node " + n.mac + " round " + round);
                }
            }
            assertEquals(20, relay.radio.state().peersUsed(), "the radio's table, managed least recently heard first");
            assertTrue(board.control("status").contains("peers 20"), board.control("status"));
            assertEquals(30, relay.gateway.nodes().size());
        }
    }

    @Test
    void garbageOnTheSerialLineAndTruncatedFramesCostOnlyThemselves() throws Exception {
        try (ModemBoard board = new ModemBoard("--set", "RX_QUEUE=8");
                RelayFixture relay = relay(board);
                AirNodes air = new AirNodes(board.airPort())) {
            AirNodes.Node node = air.node("246f28aabbce", 1, GATEWAY);
            assertEquals("UP", node.ping());
            assertEquals("ok", board.control("noise 2000")); // modem -> gateway, between two frames
            assertEquals("UP", retry(node::ping), "served after noise towards the gateway");
            assertEquals("ok", board.control("rx_noise 2000")); // gateway -> modem
            assertEquals("UP", retry(node::ping), "served after noise towards the modem");
            assertEquals("ACK", node.publish("noise/after", "x", false, 0));
            assertEquals("ready", relay.radio.state().state());
            assertTrue(board.log().stream().noneMatch(l -> l.contains("crashed")), board.log().toString());
        }
    }

    @Test
    void stalledUartMakesTheWatchdogResetTheModemAndTheGatewayRestoresIt() throws Exception {
        try (ModemBoard board = new ModemBoard("--set", "WDT_MS=1500");
                RelayFixture relay = relay(board);
                AirNodes air = new AirNodes(board.airPort())) {
            AirNodes.Node node = air.node("246f28aabbcf", 1, GATEWAY);
            assertEquals("UP", node.ping());
            assertEquals("ok", board.control("stall_uart 5000"));
            node.ping(); // its RECV is the write that stalls
            RelayFixture.await(() -> board.log().stream().anyMatch(l -> l.contains("reset: watchdog")), WAIT,
                    "the watchdog reset the board: " + board.log());
            RelayFixture.await(() -> relay.radio.state().modemResets() >= 1, WAIT, "reboot noticed");
            awaitReady(relay);
            assertEquals("UP", retry(node::ping));
            assertTrue(board.control("status").contains("peers 1"), "peer registered again");
        }
    }

    @Test
    void accessPointChannelChangeIsFollowedAndChanAnswersIt() throws Exception {
        try (ModemBoard board = new ModemBoard("--ap-ssid", "test-ap", "--ap-channel", "6", "--set", "SSID='test-ap'",
                "--set", "PASSWORD='secret-pw'");
                MqttSubscriber status = MqttSubscriber.start(broker, "gw_status", 0);
                RelayFixture relay = relay(board);
                AirNodes air = new AirNodes(board.airPort())) {
            assertEquals(6, relay.radio.channel(), "the modem joined the AP and took its channel");
            AirNodes.Node node = air.node("246f28aabbd0", 6, GATEWAY);
            assertEquals("6", node.chan());
            assertEquals("ok", board.control("ap_channel 11"));
            RelayFixture.await(() -> relay.radio.channel() == 11, WAIT, "CHANNEL event");
            node.channel = 11; // a node that rescans (pubonly_gen.py) finds the gateway again
            assertEquals("11", retry(node::chan));
            RelayFixture.await(() -> status.drain().stream().anyMatch(m -> m.payloadUtf8().endsWith(
                    "ESP-NOW modem channel changed from 6 to 11")), WAIT, "reported");
        }
    }

    @Test
    void pushToASleepingNodeIsQueuedBecauseItsRadioDidNotAcknowledge() throws Exception {
        try (ModemBoard board = new ModemBoard();
                RelayFixture relay = relay(board, "lpmode", false);
                AirNodes air = new AirNodes(board.airPort())) {
            AirNodes.Node node = air.node("246f28aabbd1", 1, GATEWAY);
            assertTrue(node.subscribe("push/t", 1));
            RelayFixture.await(() -> !relay.gateway.nodes().isEmpty()
                    && relay.gateway.nodes().get(0).topics().contains("push/t"), WAIT, "subscribed");
            RelayFixture.await(() -> {
                pub.publish("push/t", "awake", 1);
                return relay.gateway.stats().pushes() > 0;
            }, WAIT, "pushed to the awake node");
            assertTrue(node.recv(WAIT).startsWith("[\"push/t\","));
            Thread.sleep(500); // further probes published meanwhile land too
            node.inbox.clear();
            node.awake = false; // deep sleep: the radio is off, nothing acknowledges
            long pushes = relay.gateway.stats().pushes();
            pub.publish("push/t", "asleep", 1);
            RelayFixture.await(() -> relay.gateway.queue(node.mac.toString()).orElseThrow()
                    .contains("[\"push/t\",\"asleep\",false]"), WAIT, "queued after the unacknowledged push");
            assertEquals(pushes, relay.gateway.stats().pushes());
            node.awake = true;
            assertTrue(node.get().contains("[\"push/t\",\"asleep\",false]"), "delivered when it wakes and asks");
        }
    }

    @Test
    void safeBootLeavesTheModemOffAndTheGatewaySaysSo() throws Exception {
        try (ModemBoard board = new ModemBoard("--safe-pin-held");
                RelayFixture relay = new RelayFixture(broker.host(), broker.port(), c -> new ModemTransport(
                        new SerialModemPort(board.port(), c.serialBaud()), Duration.ofMillis(200), 0))) {
            RelayFixture.await(() -> board.log().stream().anyMatch(l -> l.contains("REPL")), WAIT, "board in its REPL");
            Thread.sleep(1_500);
            assertEquals("waiting for HELLO", relay.radio.state().state(), "no modem: nothing pretends otherwise");
            assertEquals("", relay.gateway.gatewayId());
        }
    }
}
