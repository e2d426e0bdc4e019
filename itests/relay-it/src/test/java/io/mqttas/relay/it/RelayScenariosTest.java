/*
 * Issue 6 tests with a real broker: the relay gateway with the real session client against
 * Mosquitto, driven by simulated nodes over the UDP transport, checked with the independent
 * mosquitto_sub/mosquitto_pub. Faults are real: the broker is killed, the client's link is
 * black-holed by a TCP proxy.
 */
package io.mqttas.relay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.relay.internal.sim.UdpNode;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;
import io.mqttas.testkit.ThreadLeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayScenariosTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
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
        broker.close();
        threads.assertNoLeak(Duration.ofSeconds(10));
    }

    private static List<String> payloads(List<MqttSubscriber.Message> messages) {
        List<String> out = new ArrayList<>();
        messages.forEach(m -> out.add(m.payloadUtf8()));
        return out;
    }

    @Test
    void pingIsUpThenDownDuringABrokerOutageThenUpAgainAndNothingIsLostOrStalled() throws Exception {
        try (MosquittoBroker own = MosquittoBroker.start();
                RelayFixture relay = new RelayFixture(own.host(), own.port())) {
            UdpNode node = relay.node("246f28aabbcc");
            assertEquals("UP", node.ping());
            own.kill();
            RelayFixture.await(() -> {
                try {
                    return "DOWN".equals(node.ping());
                } catch (Exception e) {
                    return false;
                }
            }, WAIT, "ping answers DOWN while the broker is dead");
            assertEquals("ACK", node.publish("outage/kept", "written during the outage", true, 1),
                    "accepted during the outage");
            // The original blocks its receive loop on a new subscription during an outage; we must not.
            node.subscribe("outage/new", 1);
            long t0 = System.nanoTime();
            assertEquals("DOWN", node.ping(), "frames still handled after a subscription during the outage");
            assertTrue(System.nanoTime() - t0 < UdpNode.REPLY_WINDOW.toNanos());
            own.startAgain();
            RelayFixture.await(() -> {
                try {
                    return "UP".equals(node.ping());
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(30), "ping answers UP after the broker is back");
            try (MqttSubscriber sub = MqttSubscriber.start(own, "outage/kept", 1)) {
                MqttSubscriber.Message m = sub.awaitMessage(WAIT);
                assertEquals("written during the outage", m.payloadUtf8());
                assertTrue(m.retained());
            }
            MqttPublisher ownPub = MqttPublisher.to(own);
            RelayFixture.awaitSubscribed(node, () -> ownPub.publish("outage/new", "probe", 1));
            ownPub.publish("outage/new", "after the outage", 1);
            RelayFixture.await(() -> relay.gateway.queue("246f28aabbcc").orElseThrow().size() == 1, WAIT,
                    "subscription made during the outage works after it");
            assertEquals(List.of("[\"outage/new\",\"after the outage\",false]"), node.get());
        }
    }

    @Test
    void publicationsAreAckedAndReachMosquittoWithTheirQosAndRetainFlags() throws Exception {
        try (RelayFixture relay = new RelayFixture(broker.host(), broker.port());
                MqttSubscriber sub = MqttSubscriber.start(broker, "shed/#", 1)) {
            UdpNode node = relay.node("246f28aabbcc");
            long t0 = System.nanoTime();
            assertEquals("ACK", node.publish("shed/q0", "zero", false, 0));
            assertTrue(System.nanoTime() - t0 < UdpNode.REPLY_WINDOW.toNanos(), "reply within the node's window");
            assertEquals("ACK", node.publish("shed/q1", "one \u00e9", false, 1));
            assertEquals("ACK", node.publish("shed/r", "kept", true, 1));
            List<MqttSubscriber.Message> got = sub.awaitMessages(3, WAIT);
            assertEquals(List.of("zero", "one \u00e9", "kept"), payloads(got));
            assertEquals(0, got.get(0).qos());
            assertEquals(1, got.get(1).qos());
            try (MqttSubscriber late = MqttSubscriber.start(broker, "shed/r", 1)) {
                assertTrue(late.awaitMessage(WAIT).retained(), "retain flag passed to the broker");
            }
            pub.publish("shed/r", "", 1, true); // clear the retained message
        }
    }

    @Test
    void fullPublicationQueueAnswersNakThenBadAndDrainsInOrderAfterTheOutage() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(broker);
                RelayFixture relay = new RelayFixture(proxy.host(), proxy.port());
                MqttSubscriber sub = MqttSubscriber.start(broker, "fill", 1)) {
            UdpNode node = relay.node("246f28aabbcc");
            proxy.blackhole();
            List<String> replies = new ArrayList<>();
            replies.add(node.publish("fill", "0", false, 1));
            Thread.sleep(300); // the drainer takes it: in flight, waiting for a PUBACK held by the proxy
            for (int i = 1; i <= 10; i++) {
                replies.add(node.publish("fill", Integer.toString(i), false, 1));
            }
            assertEquals(List.of("ACK", "ACK", "ACK", "ACK", "ACK", "ACK", "NAK", "NAK", "NAK", "NAK", "BAD"), replies);
            proxy.pass();
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                    payloads(sub.awaitMessages(10, Duration.ofSeconds(30))), "all accepted, in order; BAD one lost");
            sub.expectNoMessage(Duration.ofMillis(500));
        }
    }

    @Test
    void subscribedMessagesComeBackOnGetAndAgetInOrder() throws Exception {
        try (RelayFixture relay = new RelayFixture(broker.host(), broker.port())) {
            UdpNode node = relay.node("246f28aabbcc");
            node.subscribe("foo_topic", 1);
            RelayFixture.awaitSubscribed(node, () -> pub.publish("foo_topic", "probe", 1));
            pub.publishLines("foo_topic", List.of("m1", "m2", "m3"), 1);
            RelayFixture.await(() -> relay.gateway.queue("246f28aabbcc").orElseThrow().size() == 3, WAIT, "queued");
            assertEquals(List.of("[\"foo_topic\",\"m1\",false]", "[\"foo_topic\",\"m2\",false]",
                    "[\"foo_topic\",\"m3\",false]"), node.get());
            pub.publish("foo_topic", "m4", 1);
            RelayFixture.await(() -> relay.gateway.queue("246f28aabbcc").orElseThrow().size() == 1, WAIT, "queued");
            assertEquals(List.of("UP", "[\"foo_topic\",\"m4\",false]"), node.aget());
        }
    }

    @Test
    void nodeQueueOverflowDropsTheOldestAndReportsOnGwStatus() throws Exception {
        try (RelayFixture relay = new RelayFixture(broker.host(), broker.port(), "qlen", 4);
                MqttSubscriber status = MqttSubscriber.start(broker, "gw_status", 0)) {
            UdpNode node = relay.node("246f28aabbcd");
            node.subscribe("ovf", 1);
            RelayFixture.awaitSubscribed(node, () -> pub.publish("ovf", "probe", 1));
            pub.publishLines("ovf", List.of("a", "b", "c", "d", "e"), 1);
            RelayFixture.await(() -> relay.gateway.stats().overflows() == 2, WAIT, "two overflows");
            assertEquals(List.of("[\"ovf\",\"c\",false]", "[\"ovf\",\"d\",false]", "[\"ovf\",\"e\",false]"), node.get());
            List<MqttSubscriber.Message> reports = new ArrayList<>();
            RelayFixture.await(() -> {
                reports.addAll(status.drain());
                return reports.stream().filter(m -> m.payloadUtf8().endsWith("Gateway:  node 246f28aabbcd queue full"))
                        .count() == 2;
            }, WAIT, "two 'queue full' status reports");
        }
    }

    @Test
    void allNodesTopicReachesEveryKnownNode() throws Exception {
        try (RelayFixture relay = new RelayFixture(broker.host(), broker.port())) {
            List<UdpNode> nodes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UdpNode n = relay.node("0000000000a" + i);
                assertEquals("UP", n.ping());
                nodes.add(n);
            }
            RelayFixture.awaitSubscribed(nodes.get(0), () -> pub.publish("allnodes", "probe", 1));
            nodes.get(1).get();
            nodes.get(2).get();
            pub.publish("allnodes", "to everyone", 1);
            for (UdpNode n : nodes) {
                RelayFixture.await(() -> relay.gateway.queue(n.mac().toString()).orElseThrow().size() == 1, WAIT,
                        "queued for " + n.mac());
                assertEquals(List.of("[\"allnodes\",\"to everyone\",false]"), n.get());
            }
        }
    }

    @Test
    void wildcardSubscriptionsDeliverMatchingTopics() throws Exception {
        try (RelayFixture relay = new RelayFixture(broker.host(), broker.port(), "wildcards", true)) {
            UdpNode node = relay.node("246f28aabbce");
            node.subscribe("sensors/+/temp", 0);
            RelayFixture.awaitSubscribed(node, () -> pub.publish("sensors/probe/temp", "p", 0));
            pub.publish("sensors/kitchen/temp", "21.5", 1);
            pub.publish("sensors/kitchen/humidity", "40", 1);
            RelayFixture.await(() -> relay.gateway.queue("246f28aabbce").orElseThrow().size() == 1, WAIT, "queued");
            assertEquals(List.of("[\"sensors/kitchen/temp\",\"21.5\",false]"), node.get());
        }
    }

    @Test
    void restartWithPersistenceLosesNoNodeSubscriptionOrQueuedMessage(@TempDir Path dir) throws Exception {
        String mac = "246f28aabbcf";
        try (RelayFixture relay = new RelayFixture(broker.host(), broker.port(), "persist_dir", dir.toString())) {
            UdpNode node = relay.node(mac);
            node.subscribe("persisted", 1);
            RelayFixture.awaitSubscribed(node, () -> pub.publish("persisted", "probe", 1));
            pub.publish("persisted", "before restart", 1);
            RelayFixture.await(() -> relay.gateway.queue(mac).orElseThrow().size() == 1, WAIT, "queued");
        }
        try (RelayFixture relay = new RelayFixture(broker.host(), broker.port(), "persist_dir", dir.toString())) {
            assertEquals(List.of("[\"persisted\",\"before restart\",false]"), relay.gateway.queue(mac).orElseThrow());
            UdpNode node = relay.node(mac);
            RelayFixture.await(() -> {
                pub.publish("persisted", "after restart", 1);
                return relay.gateway.queue(mac).orElseThrow().size() >= 2;
            }, WAIT, "re-subscribed without the node asking again");
            List<String> got = node.get();
            assertEquals("[\"persisted\",\"before restart\",false]", got.get(0));
            assertEquals("[\"persisted\",\"after restart\",false]", got.get(1));
        }
    }

    @Test
    void malformedFramesAreReportedOnGwErrorsAndTheNodeKeepsWorking() throws Exception {
        try (RelayFixture relay = new RelayFixture(broker.host(), broker.port());
                MqttSubscriber errors = MqttSubscriber.start(broker, "gw_errors", 1);
                MqttSubscriber shed = MqttSubscriber.start(broker, "shed", 1)) {
            UdpNode node = relay.node("246f28aabbd0");
            node.send("[\"shed\", \"p\", false, 7]");
            assertEquals("BAD", node.receive(WAIT), "a malformed publication is answered BAD (issue 11)");
            node.send("[\"shed\", 5, false, 1]");
            assertEquals("BAD", node.receive(WAIT));
            node.sendRaw(new byte[] {'[', (byte) 0xc0, ']'});
            node.sendRaw(new byte[300]);
            node.send("{\"not\": \"an array\"}");
            List<MqttSubscriber.Message> got = errors.awaitMessages(5, WAIT);
            assertTrue(got.get(0).payloadUtf8().contains("Malformed message [\"shed\", \"p\", false, 7] from node "
                    + "246f28aabbd0: qos must be 0 or 1, got the number 7"), got.get(0).payloadUtf8());
            assertEquals("UP", node.ping());
            assertEquals("ACK", node.publish("shed", "still working", false, 1));
            assertEquals("still working", shed.awaitMessage(WAIT).payloadUtf8());
        }
    }

    @Test
    void statusRequestOnGwQueryIsAnswered() throws Exception {
        try (RelayFixture relay = new RelayFixture(broker.host(), broker.port());
                MqttSubscriber status = MqttSubscriber.start(broker, "gw_status", 0)) {
            relay.node("246f28aabbd1").ping();
            List<MqttSubscriber.Message> seen = new ArrayList<>();
            RelayFixture.await(() -> {
                pub.publish("gw_query", "", 0);
                seen.addAll(status.drain());
                return seen.stream().anyMatch(m -> m.payloadUtf8().contains("Status: gateway 02006d717474, broker up, 1 nodes"));
            }, WAIT, "a real status answer");
            assertTrue(new String(seen.get(seen.size() - 1).payload(), StandardCharsets.UTF_8).matches(
                    "\\d{1,2}/\\d{1,2}/\\d{4} \\d\\d:\\d\\d:\\d\\d .*"), "the original's time stamp");
        }
    }
}
