/*
 * Issue 13 item 8: the current MqttClient (MQTT 3.1.1, QoS 0/1) against each broker — connect, QoS 0
 * and 1 both ways (checked with an independent client), retained messages, the will, unsubscribe, a
 * large payload and a QoS 1 burst with nothing lost. MQTT 3.1.1 rule numbers are named where a case
 * checks one.
 */
package io.mqttas.interop;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagingInteropTest extends BrokerSuite {

    @Test
    void connectsWithACleanSessionAndAnswersPings() throws Exception {
        try (MqttClient c = MqttClient.create(client("connect").build())) {
            assertFalse(await(c.connect(true)), "clean session: CONNACK session present 0 [MQTT-3.2.2-1]");
            assertTrue(c.isConnected());
            assertEquals("CONNECTED", c.status().state());
            assertTrue(await(c.brokerUp()), "PINGREQ answered");
        }
    }

    @Test
    void qos0BothWays() throws Exception {
        checkBothWays(0);
    }

    @Test
    void qos1BothWays() throws Exception {
        checkBothWays(1);
    }

    /** Our client → broker → reference subscriber, and reference publisher → broker → our client. */
    private void checkBothWays(int qos) throws Exception {
        String out = topic("q" + qos + "/out");
        String in = topic("q" + qos + "/in");
        try (MqttClient c = connected(client("q" + qos).queueLen(10));
             MqttSubscriber ref = MqttSubscriber.start(reference("q" + qos + "-sub"), out, qos)) {
            assertEquals(qos, await(c.subscribe(in, qos)), "granted QoS");
            await(c.publish(out, utf8("to the reference client"), false, qos));
            MqttSubscriber.Message got = ref.awaitMessage(T);
            assertEquals(out + " to the reference client", got.toString());
            assertEquals(qos, got.qos());
            assertFalse(got.retained());

            new MqttPublisher(reference("q" + qos + "-pub")).publish(in, "from the reference client", qos);
            Message m = next(c, "QoS " + qos + " message from the reference publisher");
            assertEquals(in, m.topic());
            assertEquals("from the reference client", text(m));
            assertEquals(qos, m.qos());
            assertFalse(m.retained());
        }
    }

    @Test
    void retainedMessageReachesLateSubscribersUntilCleared() throws Exception {
        String t = topic("retained");
        try (MqttClient pub = connected(client("ret-pub"))) {
            await(pub.publish(t, utf8("last known value"), true, 1));
            try (MqttClient late = connected(client("ret-late").queueLen(10))) {
                await(late.subscribe(t, 1));
                Message m = next(late, "the retained message on subscribe");
                assertEquals("last known value", text(m));
                Deviation d = Deviation.MOQUETTE_RETAIN_0_ON_SUBSCRIBE;
                if (broker.deviates(d)) {
                    assertFalse(m.retained(), d.toString());
                } else {
                    assertTrue(m.retained(), "sent because of a new subscription: RETAIN 1 [MQTT-3.3.1-8]");
                }
                await(pub.publish(t, utf8("live"), true, 1));
                Message live = next(late, "a retained publication to an established subscription");
                assertEquals("live", text(live));
                assertFalse(live.retained(), "matches an established subscription: RETAIN 0 [MQTT-3.3.1-9]");
            }
            // An empty retained payload clears the topic [MQTT-3.3.1-10, -11].
            await(pub.publish(t, new byte[0], true, 1));
            try (MqttClient after = connected(client("ret-after").queueLen(10))) {
                await(after.subscribe(t, 1));
                await(pub.publish(t, utf8("marker"), false, 1));
                assertEquals("marker", text(next(after, "the live marker")), "no retained message left before it");
                expectNoMessage(after, "nothing retained after clearing");
            }
        }
    }

    @Test
    void willIsPublishedOnAnAbnormalCloseNotAfterDisconnect() throws Exception {
        String t = topic("will");
        try (MqttClient watch = connected(client("will-watch").queueLen(10))) {
            await(watch.subscribe(t + "/#", 1));
            try (MqttClient polite = connected(client("will-polite").will(t + "/polite", "gone", false, 1))) {
                await(polite.disconnect()); // DISCONNECT: the broker discards the will [MQTT-3.14.4-3]
            }
            MqttClient crash = connected(client("will-crash").will(t + "/crash", "died", false, 1));
            crash.close(); // socket closed without DISCONNECT: the will is published [MQTT-3.1.2-8]
            Message m = next(watch, "the will of the client closed without DISCONNECT");
            assertEquals(t + "/crash", m.topic());
            assertEquals("died", text(m));
            expectNoMessage(watch, "no will after a DISCONNECT");
        }
    }

    @Test
    void unsubscribeStopsDeliveryOfThatFilterOnly() throws Exception {
        String a = topic("unsub/a");
        String b = topic("unsub/b");
        try (MqttClient c = connected(client("unsub").queueLen(10));
             MqttClient pub = connected(client("unsub-pub"))) {
            await(c.subscribe(a, 1));
            await(c.subscribe(b, 1));
            await(pub.publish(a, utf8("a1"), false, 1));
            assertEquals("a1", text(next(c, "a1 while subscribed")));
            await(c.unsubscribe(a)); // completes on UNSUBACK
            await(pub.publish(a, utf8("a2"), false, 1));
            await(pub.publish(b, utf8("b1"), false, 1));
            Message m = next(c, "b1 on the filter still subscribed");
            assertEquals(b + " b1", m.topic() + " " + text(m), "a2 must not arrive after the UNSUBACK [MQTT-3.10.4-2]");
            expectNoMessage(c, "nothing on the unsubscribed filter");
            await(c.unsubscribe(topic("never-subscribed"))); // UNSUBACK even so [MQTT-3.10.4-5]
        }
    }

    @Test
    void largePayloadRoundTripsIntact() throws Exception {
        byte[] payload = largePayload();
        String t = topic("large");
        try (MqttClient sub = connected(client("large-sub").queueLen(4));
             MqttClient pub = connected(client("large-pub"));
             MqttSubscriber ref = MqttSubscriber.start(reference("large-ref"), t, 1)) {
            await(sub.subscribe(t, 1));
            await(pub.publish(t, payload, false, 1));
            assertArrayEquals(payload, next(sub, "the 256 KiB message").payload(), "256 KiB intact through the broker");
            assertArrayEquals(payload, ref.awaitMessage(T).payload(), "and the reference client got the same bytes");
        }
    }

    /** A client subscribed to what it publishes gets its PUBACK and its own copy of a large message. */
    @Test
    void largePayloadEchoedToItsPublisher() throws Exception {
        byte[] payload = largePayload();
        String t = topic("echo");
        Deviation dropped = Deviation.MOQUETTE_DROPS_PACKETS_FOR_A_CONGESTED_CLIENT;
        if (broker.deviates(dropped)) {
            // The PUBACK may be dropped; a DUP re-send would then kill the broker
            // (MOQUETTE_DUP_PUBLISH_KILLS_SESSION_LOOP). So: a private broker, and no DUP re-sends
            // (max_repubs 0): after response_time the client gives up on the connection and publishes
            // again on a new one, which must complete the publication.
            try (BrokerUnderTest own = kind.start(false);
                 MqttClient c = connected(client("echo").port(own.tcpPort()).maxRepubs(0).responseTime(3).queueLen(4))) {
                await(c.subscribe(t, 1));
                await(c.publish(t, payload, false, 1));
                assertArrayEquals(payload, next(c, "its own 256 KiB message").payload(), dropped.toString());
            }
            return;
        }
        try (MqttClient c = connected(client("echo").queueLen(4))) {
            await(c.subscribe(t, 1));
            await(c.publish(t, payload, false, 1));
            assertArrayEquals(payload, next(c, "its own 256 KiB message").payload());
        }
    }

    private static byte[] largePayload() {
        byte[] payload = new byte[256 * 1024];
        new Random(13).nextBytes(payload);
        return payload;
    }

    @Test
    void burstOf1000Qos1MessagesLosesNoneAndKeepsOrder() throws Exception {
        int n = 1000;
        String t = topic("burst");
        try (MqttClient sub = connected(client("burst-sub").queueLen(2 * n));
             MqttClient pub = connected(client("burst-pub"))) {
            await(sub.subscribe(t, 1));
            long t0 = System.nanoTime();
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                acks.add(pub.publish(t, utf8(Integer.toString(i)), false, 1));
            }
            awaitAll(acks, T.multipliedBy(3));
            Set<String> distinct = new HashSet<>();
            List<Integer> order = new ArrayList<>();
            while (distinct.size() < n) {
                String p = text(next(sub, "message " + (distinct.size() + 1) + " of " + n));
                if (distinct.add(p)) {
                    order.add(Integer.parseInt(p));
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("interop: %s: %d QoS 1 messages published and received in %d ms%n", kind, n, ms);
            assertEquals(n, distinct.size(), "every PUBACKed message delivered");
            int outOfOrder = 0;
            for (int i = 1; i < order.size(); i++) {
                outOfOrder += order.get(i) < order.get(i - 1) ? 1 : 0;
            }
            assertEquals(0, outOfOrder, "ordered topic: one publisher's QoS 1 messages in order [MQTT-4.6.0-2]");
            assertEquals(0, sub.queue().discards());
        }
    }
}
