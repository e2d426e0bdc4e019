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

    @AgainstEveryBroker
    void connectsWithACleanSessionAndAnswersPings(BrokerCase b) throws Exception {
        try (MqttClient c = MqttClient.create(b.client("connect").build())) {
            assertFalse(await(c.connect(true)), "clean session: CONNACK session present 0 [MQTT-3.2.2-1]");
            assertTrue(c.isConnected());
            assertEquals("CONNECTED", c.status().state());
            assertTrue(await(c.brokerUp()), "PINGREQ answered");
        }
    }

    @AgainstEveryBroker
    void qos0BothWays(BrokerCase b) throws Exception {
        checkBothWays(b, 0);
    }

    @AgainstEveryBroker
    void qos1BothWays(BrokerCase b) throws Exception {
        checkBothWays(b, 1);
    }

    /** Our client → broker → reference subscriber, and reference publisher → broker → our client. */
    private void checkBothWays(BrokerCase b, int qos) throws Exception {
        String out = b.topic("q" + qos + "/out");
        String in = b.topic("q" + qos + "/in");
        try (MqttClient c = connected(b.client("q" + qos).queueLen(10));
             MqttSubscriber ref = MqttSubscriber.start(b.reference("q" + qos + "-sub"), out, qos)) {
            assertEquals(qos, await(c.subscribe(in, qos)), "granted QoS");
            await(c.publish(out, utf8("to the reference client"), false, qos));
            MqttSubscriber.Message got = ref.awaitMessage(T);
            assertEquals(out + " to the reference client", got.toString());
            assertEquals(qos, got.qos());
            assertFalse(got.retained());

            new MqttPublisher(b.reference("q" + qos + "-pub")).publish(in, "from the reference client", qos);
            Message m = next(c, "QoS " + qos + " message from the reference publisher");
            assertEquals(in, m.topic());
            assertEquals("from the reference client", text(m));
            assertEquals(qos, m.qos());
            assertFalse(m.retained());
        }
    }

    @AgainstEveryBroker
    void retainedMessageReachesLateSubscribersUntilCleared(BrokerCase b) throws Exception {
        String t = b.topic("retained");
        try (MqttClient pub = connected(b.client("ret-pub"))) {
            await(pub.publish(t, utf8("last known value"), true, 1));
            try (MqttClient late = connected(b.client("ret-late").queueLen(10))) {
                await(late.subscribe(t, 1));
                Message m = next(late, "the retained message on subscribe");
                assertEquals("last known value", text(m));
                Deviation d = Deviation.MOQUETTE_RETAIN_0_ON_SUBSCRIBE;
                if (b.broker().deviates(d)) {
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
            try (MqttClient after = connected(b.client("ret-after").queueLen(10))) {
                await(after.subscribe(t, 1));
                await(pub.publish(t, utf8("marker"), false, 1));
                assertEquals("marker", text(next(after, "the live marker")), "no retained message left before it");
                expectNoMessage(after, "nothing retained after clearing");
            }
        }
    }

    @AgainstEveryBroker
    void willIsPublishedOnAnAbnormalCloseNotAfterDisconnect(BrokerCase b) throws Exception {
        String t = b.topic("will");
        try (MqttClient watch = connected(b.client("will-watch").queueLen(10))) {
            await(watch.subscribe(t + "/#", 1));
            try (MqttClient polite = connected(b.client("will-polite").will(t + "/polite", "gone", false, 1))) {
                // One round trip first: Moquette ignores a DISCONNECT that comes too soon after its CONNACK
                // (MOQUETTE_SUBSCRIBE_RIGHT_AFTER_CONNACK_MAY_DROP_THE_CONNECTION) and would publish the will.
                await(polite.publish(b.topic("will-chatter"), utf8("up"), false, 1)); // outside the watched filter
                await(polite.disconnect()); // DISCONNECT: the broker discards the will [MQTT-3.14.4-3]
            }
            MqttClient crash = connected(b.client("will-crash").will(t + "/crash", "died", false, 1));
            crash.close(); // socket closed without DISCONNECT: the will is published [MQTT-3.1.2-8]
            Message m = next(watch, "the will of the client closed without DISCONNECT");
            assertEquals(t + "/crash", m.topic());
            assertEquals("died", text(m));
            expectNoMessage(watch, "no will after a DISCONNECT");
        }
    }

    @AgainstEveryBroker
    void unsubscribeStopsDeliveryOfThatFilterOnly(BrokerCase b) throws Exception {
        String ta = b.topic("unsub/a");
        String tb = b.topic("unsub/b");
        try (MqttClient c = connected(b.client("unsub").queueLen(10));
             MqttClient pub = connected(b.client("unsub-pub"))) {
            await(c.subscribe(ta, 1));
            await(c.subscribe(tb, 1));
            await(pub.publish(ta, utf8("a1"), false, 1));
            assertEquals("a1", text(next(c, "a1 while subscribed")));
            await(c.unsubscribe(ta)); // completes on UNSUBACK
            await(pub.publish(ta, utf8("a2"), false, 1));
            await(pub.publish(tb, utf8("b1"), false, 1));
            Message m = next(c, "b1 on the filter still subscribed");
            assertEquals(tb + " b1", m.topic() + " " + text(m), "a2 must not arrive after the UNSUBACK [MQTT-3.10.4-2]");
            expectNoMessage(c, "nothing on the unsubscribed filter");
            await(c.unsubscribe(b.topic("never-subscribed"))); // UNSUBACK even so [MQTT-3.10.4-5]
        }
    }

    @AgainstEveryBroker
    void largePayloadRoundTripsIntact(BrokerCase b) throws Exception {
        byte[] payload = largePayload();
        String t = b.topic("large");
        try (MqttClient sub = connected(b.client("large-sub").queueLen(4));
             MqttClient pub = connected(b.client("large-pub"));
             MqttSubscriber ref = MqttSubscriber.start(b.reference("large-ref"), t, 1)) {
            await(sub.subscribe(t, 1));
            await(pub.publish(t, payload, false, 1));
            assertArrayEquals(payload, next(sub, "the 256 KiB message").payload(), "256 KiB intact through the broker");
            assertArrayEquals(payload, ref.awaitMessage(T).payload(), "and the reference client got the same bytes");
        }
    }

    /** A client subscribed to what it publishes gets its PUBACK and its own copy of a large message. */
    @AgainstEveryBroker
    void largePayloadEchoedToItsPublisher(BrokerCase b) throws Exception {
        byte[] payload = largePayload();
        String t = b.topic("echo");
        Deviation dropped = Deviation.MOQUETTE_DROPS_PACKETS_FOR_A_CONGESTED_CLIENT;
        if (b.broker().deviates(dropped)) {
            // The PUBACK may be dropped; a DUP re-send would then kill the broker
            // (MOQUETTE_DUP_PUBLISH_KILLS_SESSION_LOOP). So: a private broker, and no DUP re-sends
            // (max_repubs 0): after response_time the client gives up on the connection and publishes
            // again on a new one, which must complete the publication. That new connection has a clean
            // session; with resubscribe (the default) the client would subscribe again first, the
            // re-publication would be echoed again and its PUBACK could be dropped again — every
            // attempt the same coin toss, until max_attempts gives it up. So resubscribe is off here.
            try (BrokerUnderTest own = b.kind().start(false);
                 MqttClient c = connected(b.client("echo").port(own.tcpPort()).maxRepubs(0).resubscribe(false).responseTime(2)
                         .queueLen(4))) {
                await(c.subscribe(t, 1));
                await(c.publish(t, payload, false, 1));
                assertArrayEquals(payload, next(c, "its own 256 KiB message").payload(), dropped.toString());
            }
            return;
        }
        try (MqttClient c = connected(b.client("echo").queueLen(4))) {
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

    @AgainstEveryBroker
    void burstOf1000Qos1MessagesLosesNoneAndKeepsOrder(BrokerCase b) throws Exception {
        int n = 1000;
        String t = b.topic("burst");
        try (MqttClient sub = connected(b.client("burst-sub").queueLen(2 * n));
             MqttClient pub = connected(b.client("burst-pub"))) {
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
            System.out.printf("interop: %s: %d QoS 1 messages published and received in %d ms%n", b.kind(), n, ms);
            assertEquals(n, distinct.size(), "every PUBACKed message delivered");
            int outOfOrder = 0;
            for (int i = 1; i < order.size(); i++) {
                outOfOrder += order.get(i) < order.get(i - 1) ? 1 : 0;
            }
            assertEquals(0, outOfOrder, "ordered topic: one publisher's QoS 1 messages in order [MQTT-4.6.0-6]");
            assertEquals(0, sub.queue().discards());
        }
    }
}
