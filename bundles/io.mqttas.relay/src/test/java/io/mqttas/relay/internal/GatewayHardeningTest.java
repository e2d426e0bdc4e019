/*
 * Issue 11 items 4–11: the gateway defects removed, one test per rule (named after it), driven
 * through the gateway core with the shared client double and a memory radio.
 */
package io.mqttas.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayHardeningTest extends GatewayTestBase {

    @Test
    void malformedPublicationIsAnsweredBad() throws Exception {
        gateway();
        assertEquals(List.of("BAD"), radio.frame(A, "[\"shed\", \"p\", false, 7]"));
        assertEquals(List.of("BAD"), radio.frame(A, "[\"shed\", 5, false, 1]"));
        assertEquals(List.of("BAD"), radio.frame(A, "[\"sensors/+\", \"p\", false, 0]"));
        assertEquals(List.of(), radio.frame(A, "[\"a\", \"b\", \"c\"]"), "not a publication: no reply, as before");
        assertEquals(3, gateways.get(0).stats().rejected());
        assertTrue(client.payloads("shed").isEmpty());
    }

    @Test
    void oneFloodingNodeCannotTakeTheOtherNodesPlacesInThePublicationQueue() throws Exception {
        brokerNeverAcknowledgesNodePublications();
        gateway("node_rate", 0);
        List<String> flood = new ArrayList<>(radio.frame(A, "[\"flood\", \"0\", false, 1]"));
        waitFor(() -> client.payloads("flood").size() == 1, "the first in flight");
        for (int i = 1; i < 30; i++) {
            flood.addAll(radio.frame(A, "[\"flood\", \"" + i + "\", false, 1]"));
        }
        assertEquals(10, flood.stream().filter(r -> !r.equals("BAD")).count(), "1 in flight + pubq_node_max 9 queued");
        assertEquals(20, flood.stream().filter(r -> r.equals("BAD")).count());
        List<String> other = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            other.addAll(radio.frame(B, "[\"mine\", \"" + i + "\", false, 1]"));
        }
        assertEquals(List.of("NAK", "NAK", "NAK", "NAK", "NAK"), other,
                "accepted (NAK: the broker is behind), not BAD: A holds only its own share");
    }

    @Test
    void nodeOverItsFrameRateGetsBadForPublicationsAndNoReplyOtherwise() throws Exception {
        gateway("node_rate", 2, "node_burst", 3);
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replies.addAll(radio.frame(A, "[\"ping\"]"));
        }
        assertEquals(List.of("UP", "UP", "UP"), replies, "the burst");
        assertEquals(List.of(), radio.frame(A, "[\"ping\"]"), "over the rate: dropped");
        assertEquals(List.of("BAD"), radio.frame(A, "[\"t\", \"p\", false, 0]"), "a publication over the rate is lost");
        assertEquals(List.of("UP"), radio.frame(B, "[\"ping\"]"), "other nodes are not affected");
        clock.advance(Duration.ofMillis(500)); // 2 frames/s: one token back
        assertEquals(List.of("UP"), radio.frame(A, "[\"ping\"]"));
        assertEquals(2, gateways.get(0).stats().rateLimited());
        waitFor(() -> errors().stream().filter(e -> e.contains("Node 246f28aabbcc exceeds node_rate=2")).count() == 1,
                "reported once a minute at most");
    }

    @Test
    void topicTableIsBoundedByMaxTopicsWithAReport() throws Exception {
        gateway("max_topics", 3, "node_rate", 0);
        for (int i = 0; i < 50; i++) {
            radio.frame(A, "[\"random/" + i + "\", 0]");
        }
        Gateway g = gateways.get(0);
        assertEquals(3, g.stats().subscriptions(), "allnodes + 2 node topics");
        assertEquals(48, g.stats().topicsRefused());
        assertEquals(List.of("random/0:0", "random/1:0"), client.subscriptions().stream()
                .filter(s -> s.startsWith("random/")).toList(), "refused topics never reach the broker");
        waitFor(() -> errors().stream().filter(e -> e.contains("Topic table full (max_topics=3): subscription to random/2"
                + " from node 246f28aabbcc and others refused")).count() == 1, "one report");
        radio.frame(B, "[\"random/1\", 0]");
        assertTrue(g.nodes().get(1).topics().contains("random/1"), "existing topics still take new nodes");
    }

    @Test
    void pushesToAnAbsentNodeAreBoundedToOneInFlightAndItsQueue() throws Exception {
        Gateway g = gateway("lpmode", false, "qlen", 10);
        radio.frame(A, "[\"foo\", 1]");
        radio.blocked.add(A); // the node's radio does not answer for now: a push hangs in the radio
        for (int i = 0; i < 1000; i++) {
            client.deliver("foo", "m" + i, false);
        }
        waitFor(() -> radio.sendsInProgress.get() == 1, "one push in flight");
        assertEquals(9, g.queue(A.toString()).orElseThrow().size(), "the rest wait in the node's ring");
        assertEquals(990, g.stats().overflows(), "oldest dropped and counted, nothing piles up elsewhere");
        radio.blocked.clear();
        radio.release.countDown();
        waitFor(() -> g.queue(A.toString()).orElseThrow().isEmpty(), "queue drained behind the push");
        assertEquals(1, radio.mostSendsAtOnce.get());
        assertEquals("[\"foo\",\"m0\",false]", radio.sent(A).get(0));
        assertEquals("[\"foo\",\"m999\",false]", radio.sent(A).get(radio.sent(A).size() - 1));
        assertEquals(10, g.stats().pushes());
    }

    @Test
    void connectedReportWhenTheClientIsAlreadyUpAtStart() throws Exception {
        assertTrue(client.isConnected());
        gateway();
        waitFor(() -> statuses().contains("4/3/2026 06:06:07 Gateway 02006d717474 connected to broker 127.0.0.1:1883."),
                "reported although no connect happened after the relay started");
        assertTrue(client.subscriptions().containsAll(List.of("allnodes:1", "gw_query:0")));
    }

    @Test
    void chanAnswerFollowsAChannelChange() throws Exception {
        gateway();
        assertEquals(List.of("6"), radio.frame(A, "[\"chan\"]"));
        radio.channel = 11;
        assertEquals(List.of("11"), radio.frame(A, "[\"chan\"]"));
    }

    @Test
    void withoutDeliveryReportsPushOnlyToNodesHeardWithinTheAwakeWindow() throws Exception {
        radio.acknowledges = false; // like UDP: a send only says the datagram left
        Gateway g = gateway("lpmode", false, "awake_window_ms", 150);
        radio.frame(A, "[\"foo\", 1]");
        clock.advance(Duration.ofMillis(100));
        client.deliver("foo", "awake", false);
        waitFor(() -> radio.sent(A).contains("[\"foo\",\"awake\",false]"), "pushed: heard 100 ms ago");
        clock.advance(Duration.ofMillis(1000));
        client.deliver("foo", "asleep", false);
        assertEquals(List.of("[\"foo\",\"asleep\",false]"), g.queue(A.toString()).orElseThrow(),
                "queued, not pushed into the void: heard 1.1 s ago");
        assertEquals(1, g.stats().pushes());
        assertEquals(List.of("[\"foo\",\"asleep\",false]"), radio.frame(A, "[\"get\"]"), "delivered at its next poll");
    }

    @Test
    void withDeliveryReportsAPushTheNodeDidNotAcknowledgeIsQueued() throws Exception {
        Gateway g = gateway("lpmode", false);
        radio.frame(A, "[\"foo\", 1]");
        clock.advance(Duration.ofMinutes(5)); // long asleep: with acknowledgements the push is still tried
        radio.unreachable.add(A);
        client.deliver("foo", "later", false);
        waitFor(() -> g.queue(A.toString()).orElseThrow().size() == 1, "queued after the unacknowledged push");
        radio.unreachable.clear();
        assertEquals(List.of("[\"foo\",\"later\",false]"), radio.frame(A, "[\"get\"]"));
    }
}
