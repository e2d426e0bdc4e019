/* Node protocol state of spec/relay.md §4–§8 and the hardening of §13/§16, driven through the gateway core. */
package io.mqttas.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.session.MqttRejectedException;
import io.mqttas.testing.FakeMqttClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayTest extends GatewayTestBase {

    @Test
    void pingAnswersUpOrDownFromTheClientsState() throws Exception {
        gateway();
        assertEquals(List.of("UP"), radio.frame(A, "[\"ping\"]"));
        client.connected = false;
        assertEquals(List.of("DOWN"), radio.frame(A, "[\"ping\"]"));
    }

    @Test
    void chanAnswersTheRadioChannelAsDecimalText() throws Exception {
        gateway();
        assertEquals(List.of("6"), radio.frame(A, "[\"chan\"]"));
    }

    @Test
    void publicationIsAcknowledgedAtOnceAndPublishedWithItsFlags() throws Exception {
        gateway();
        assertEquals(List.of("ACK"), radio.frame(A, "[\"shed\", \"Count 1\", true, 1]"));
        waitFor(() -> !client.payloads("shed").isEmpty(), "publication drained");
        FakeMqttClient.Call p = client.published.stream().filter(x -> x.topic().equals("shed")).findFirst()
                .orElseThrow();
        assertEquals("Count 1", p.payload());
        assertTrue(p.retain());
        assertEquals(1, p.qos());
    }

    @Test
    void publicationQueueFillsWithAckThenNakThenBad() throws Exception {
        brokerNeverAcknowledgesNodePublications();
        gateway();
        List<String> replies = new ArrayList<>();
        replies.addAll(radio.frame(A, "[\"t\", \"0\", false, 1]"));
        waitFor(() -> client.payloads("t").size() == 1, "first publication in flight");
        for (int i = 1; i <= 10; i++) {
            replies.addAll(radio.frame(A, "[\"t\", \"" + i + "\", false, 1]"));
        }
        // 1 in flight + 9 queued: ACK while the queue holds <= 5, NAK up to 9, then BAD.
        assertEquals(List.of("ACK", "ACK", "ACK", "ACK", "ACK", "ACK", "NAK", "NAK", "NAK", "NAK", "BAD"), replies);
        assertEquals(10, gateways.get(0).stats().publicationsPending());
        assertEquals(1, gateways.get(0).stats().rejected());
    }

    @Test
    void drainerSurvivesRejectedAndInvalidPublications() throws Exception {
        client.responder = call -> {
            if (call.op().equals("publish") && call.topic().equals("bad")) {
                call.future().completeExceptionally(new MqttRejectedException(0x80, "rejected by test"));
            } else {
                FakeMqttClient.ACCEPT.answer(call);
            }
        };
        gateway();
        assertEquals(List.of("ACK"), radio.frame(A, "[\"bad\", \"x\", false, 1]"));
        assertEquals(List.of("ACK"), radio.frame(A, "[\"good\", \"y\", false, 0]"));
        waitFor(() -> client.payloads("good").size() == 1, "later publication still drained");
        waitFor(() -> errors().stream().anyMatch(e -> e.contains("Publication to bad dropped")), "drop reported");
    }

    @Test
    void drainerSurvivesAClientThatThrows() throws Exception {
        client.responder = call -> {
            if (call.op().equals("publish") && call.topic().equals("boom")) {
                throw new IllegalStateException("client failure injected by the test");
            }
            FakeMqttClient.ACCEPT.answer(call);
        };
        gateway();
        assertEquals(List.of("ACK"), radio.frame(A, "[\"boom\", \"x\", false, 1]"));
        assertEquals(List.of("ACK"), radio.frame(A, "[\"after\", \"y\", false, 1]"));
        waitFor(() -> client.payloads("after").size() == 1, "drainer still alive");
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("mqttas-relay-publisher")));
    }

    @Test
    void subscriptionDoesNotWaitForTheBrokerAndIsRenewedOnEveryConnect() throws Exception {
        client.connected = false;
        gateway();
        long t0 = System.nanoTime();
        assertEquals(List.of(), radio.frame(A, "[\"foo_topic\", 1]"));
        assertTrue(System.nanoTime() - t0 < Duration.ofMillis(150).toNanos(), "frame handling did not wait");
        assertTrue(client.subscribed.isEmpty(), "nothing sent while disconnected");
        client.goUp();
        assertTrue(client.subscriptions().containsAll(List.of("foo_topic:1", "allnodes:1", "gw_query:0")));
        waitFor(() -> statuses().contains("4/3/2026 06:06:07 Gateway 02006d717474 connected to broker 127.0.0.1:1883."),
                "up report with the original's time stamp (UTC + ntp_offset 1)");
        client.goDown();
        waitFor(() -> statuses().stream().anyMatch(s -> s.endsWith(" WiFi or broker is down.")), "down report");
    }

    @Test
    void qosChangeOfAnExistingSubscriptionKeepsTheFirstAndWarns() throws Exception {
        gateway();
        radio.frame(A, "[\"foo\", 1]");
        radio.frame(B, "[\"foo\", 0]");
        assertEquals(1, client.subscriptions().stream().filter(s -> s.startsWith("foo:")).count());
        waitFor(() -> errors().stream().anyMatch(e -> e.endsWith("Warning: attempt to change qos of existing subscription: foo")),
                "qos warning");
    }

    @Test
    void queuedMessagesAreDeliveredInOrderOnGetAndAget() throws Exception {
        gateway();
        radio.frame(A, "[\"foo\", 1]");
        client.deliver("foo", "one", false);
        client.deliver("foo", "{\"two\": 2}", true);
        assertEquals(List.of("[\"foo\",\"one\",false]", "[\"foo\",\"{\\\"two\\\": 2}\",true]"),
                radio.frame(A, "[\"get\"]"));
        assertEquals(List.of(), radio.frame(A, "[\"get\"]"), "queue emptied");
        client.deliver("foo", "three", false);
        assertEquals(List.of("UP", "[\"foo\",\"three\",false]"), radio.frame(A, "[\"aget\"]"));
    }

    @Test
    void failedSendStopsGetAndKeepsTheMessageForTheNextPoll() throws Exception {
        gateway();
        radio.frame(A, "[\"foo\", 1]");
        client.deliver("foo", "m1", false);
        radio.unreachable.add(A);
        radio.frame(A, "[\"get\"]");
        waitFor(() -> errors().stream().anyMatch(e -> e.endsWith("Peer 246f28aabbcc not responding")), "reported");
        radio.unreachable.clear();
        assertEquals(List.of("[\"foo\",\"m1\",false]"), radio.frame(A, "[\"get\"]"));
    }

    @Test
    void nodeQueueOverflowDropsTheOldestAndReports() throws Exception {
        gateway("qlen", 4);
        radio.frame(A, "[\"foo\", 1]");
        for (int i = 1; i <= 5; i++) {
            client.deliver("foo", "m" + i, false);
        }
        assertEquals(List.of("[\"foo\",\"m3\",false]", "[\"foo\",\"m4\",false]", "[\"foo\",\"m5\",false]"),
                radio.frame(A, "[\"get\"]"));
        assertEquals(2, statuses().stream().filter(s -> s.endsWith("Gateway:  node 246f28aabbcc queue full")).count());
        assertEquals(2, gateways.get(0).stats().overflows());
    }

    @Test
    void allNodesTopicReachesEveryKnownNode() throws Exception {
        gateway();
        radio.frame(A, "[\"ping\"]");
        radio.frame(B, "[\"chan\"]");
        client.deliver("allnodes", "hello", false);
        assertEquals(List.of("[\"allnodes\",\"hello\",false]"), radio.frame(A, "[\"get\"]"));
        assertEquals(List.of("[\"allnodes\",\"hello\",false]"), radio.frame(B, "[\"get\"]"));
    }

    @Test
    void wildcardSubscriptionsMatchOnlyWhenEnabled() throws Exception {
        gateway("wildcards", true);
        radio.frame(A, "[\"sensors/+/temp\", 0]");
        radio.frame(A, "[\"sensors/#\", 0]");
        client.deliver("sensors/kitchen/temp", "21", false);
        client.deliver("other", "x", false);
        assertEquals(List.of("[\"sensors/kitchen/temp\",\"21\",false]"), radio.frame(A, "[\"get\"]"),
                "delivered once although two filters match");
        waitFor(() -> errors().stream().anyMatch(e -> e.endsWith("No nodes subscribed to topic other")), "no match");
    }

    @Test
    void withoutWildcardsAFilterSubscriptionMatchesNothingAsInTheOriginal() throws Exception {
        gateway();
        radio.frame(A, "[\"sensors/#\", 0]");
        client.deliver("sensors/x", "21", false);
        assertEquals(List.of(), radio.frame(A, "[\"get\"]"));
        waitFor(() -> errors().stream().anyMatch(e -> e.endsWith("No nodes subscribed to topic sensors/x")), "error");
    }

    @Test
    void lpmodeFalsePushesToNodesWithEmptyQueuesAndQueuesWhenThePushFails() throws Exception {
        gateway("lpmode", false);
        radio.frame(A, "[\"foo\", 1]");
        client.deliver("foo", "now", false);
        waitFor(() -> radio.sent(A).contains("[\"foo\",\"now\",false]"), "pushed");
        radio.unreachable.add(A);
        client.deliver("foo", "later", false);
        waitFor(() -> gateways.get(0).queue(A.toString()).orElseThrow().size() == 1, "queued after failed push");
        radio.unreachable.clear();
        assertEquals(List.of("[\"foo\",\"later\",false]"), radio.frame(A, "[\"get\"]"));
    }

    @Test
    void malformedFramesAreReportedAndTheNodeKeepsWorking() throws Exception {
        gateway();
        String[] notPublications = {"[\"t\", 1.0]", "{\"a\": 1}", "not json", "[\"a\", \"b\", \"c\"]", "[1]",
            "[\"t\", \"p\", false, 1] x", "[[\"ping\"]]", "[null, 0]"};
        for (String f : notPublications) {
            assertEquals(List.of(), radio.frame(A, f), f);
        }
        String[] badPublications = {"[\"t\", \"p\", \"yes\", 1]", "[\"t\", \"p\", false, 2]",
            "[\"t/#\", \"p\", false, 0]", "[\"\", \"p\", false, 0]"};
        for (String f : badPublications) {
            assertEquals(List.of("BAD"), radio.frame(A, f), f + ": a 4-array is a publication, its node waits for a reply");
        }
        radio.frame(A, new byte[] {'[', '"', (byte) 0xff, '"', ']'});
        radio.frame(A, ("[\"" + "x".repeat(300) + "\"]").getBytes());
        assertEquals(14, gateways.get(0).stats().malformed());
        waitFor(() -> errors().size() == 10, "malformed reports, 10 per second at most");
        assertTrue(errors().stream().anyMatch(e -> e.contains("Malformed message [\"t\", \"p\", \"yes\", 1] from node "
                + "246f28aabbcc: retain must be true or false, got the string yes")), errors().toString());
        assertEquals(List.of("UP"), radio.frame(A, "[\"ping\"]"));
        assertEquals(List.of("ACK"), radio.frame(A, "[\"t\", \"p\", false, 1]"));
    }

    @Test
    void unknownCommandIsReportedWithoutReply() throws Exception {
        gateway("node_rate", 0); // 52 frames at one instant of the test clock
        assertEquals(List.of(), radio.frame(A, "[\"reboot\"]"));
        waitFor(() -> errors().stream().anyMatch(e -> e.endsWith("Warning: unknown command reboot from node 246f28aabbcc")),
                "reported");
        for (int i = 0; i < 50; i++) {
            radio.frame(A, "[\"x" + i + "\"]");
        }
        assertEquals(10, errors().size(), "node-caused error reports are rate-limited (10 per second)");
        assertEquals(List.of("UP"), radio.frame(A, "[\"ping\"]"));
    }

    @Test
    void oversizedOutgoingMessageIsReportedAndDroppedNeverQueued() throws Exception {
        gateway();
        radio.frame(A, "[\"foo\", 1]");
        client.deliver("foo", "x".repeat(240), false);
        client.deliver("foo", "small", false);
        assertEquals(List.of("[\"foo\",\"small\",false]"), radio.frame(A, "[\"get\"]"));
        assertEquals(1, gateways.get(0).stats().oversized());
        waitFor(() -> errors().stream().anyMatch(e -> e.contains("over the 250-byte limit: dropped")), "reported");
    }

    @Test
    void nonUtf8BrokerPayloadIsReportedNotForwarded() throws Exception {
        gateway();
        radio.frame(A, "[\"foo\", 1]");
        client.deliver("foo", new byte[] {(byte) 0xc3, 0x28}, false);
        assertEquals(List.of(), radio.frame(A, "[\"get\"]"));
        waitFor(() -> errors().stream().anyMatch(e -> e.contains("is not UTF-8")), "reported");
    }

    @Test
    void statusRequestGetsARealAnswer() throws Exception {
        gateway();
        radio.frame(A, "[\"foo\", 1]");
        client.deliver("foo", "m", false);
        client.deliver("gw_query", "", false);
        waitFor(() -> statuses().stream().anyMatch(s -> s.contains("Status: gateway 02006d717474, broker up, 1 nodes, "
                + "2 topics, 1 messages queued for nodes")), "status answer");
    }

    @Test
    void allowListIgnoresAndCountsOtherNodes() throws Exception {
        gateway("allowed_nodes", new String[] {"24:6F:28:AA:BB:CC"});
        assertEquals(List.of("UP"), radio.frame(A, "[\"ping\"]"));
        assertEquals(List.of(), radio.frame(B, "[\"ping\"]"));
        assertEquals(1, gateways.get(0).stats().ignored());
        assertEquals(1, gateways.get(0).nodes().size());
    }

    @Test
    void floodFromManyMacsIsBoundedByMaxNodes() throws Exception {
        gateway("max_nodes", 50);
        byte[] mac = new byte[6];
        for (int i = 0; i < 5000; i++) {
            mac[3] = (byte) (i >> 16);
            mac[4] = (byte) (i >> 8);
            mac[5] = (byte) i;
            radio.sink.onFrame(NodeId.of(mac, 0), "[\"ping\"]".getBytes());
        }
        assertEquals(50, gateways.get(0).nodes().size());
        assertEquals(4950, gateways.get(0).stats().ignored());
        waitFor(() -> errors().stream().filter(e -> e.contains("Node table full")).count() == 1,
                "table full reported once");
        assertEquals(List.of("UP"), radio.frame(NodeId.of(new byte[6], 0), "[\"ping\"]"), "known nodes still served");
    }
}
