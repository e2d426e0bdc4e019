/*
 * Issue 13 item 8: persistent sessions (clean=false) on each broker — session present after a client
 * reconnect [MQTT-3.2.2-2], QoS 1 messages queued for an offline session [MQTT-3.1.2-5], and both
 * surviving a broker restart with persistence, for a client that was offline and for one that stays
 * up and reconnects by itself. Clients go offline by closing without DISCONNECT (an outage or a
 * crash), which also makes the moment the broker notices observable: it publishes the will.
 */
package io.mqttas.interop;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MqttSubscriber;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionInteropTest extends BrokerSuite {

    @AgainstEveryBroker
    void sessionIsPresentAfterAClientReconnectWithItsQueuedMessages(BrokerCase b) throws Exception {
        String t = b.topic("reconnect");
        try (MqttClient pub = connected(b.client("sp-pub"));
             MqttSubscriber wills = MqttSubscriber.start(b.reference("sp-wills"), b.topic("gone/#"), 1)) {
            MqttClient first = MqttClient.create(withWill(b, "sp").build());
            assertFalse(await(first.connect(true)), "a new client id has no session");
            await(first.subscribe(t, 1));
            goOffline(first, wills); // the session stays: clean=false
            for (int i = 0; i < 3; i++) {
                await(pub.publish(t, utf8("queued" + i), false, 1));
            }
            try (MqttClient again = MqttClient.create(b.client("sp").clean(false).cleanInit(false).queueLen(10).build())) {
                assertTrue(await(again.connect(true)), "CONNACK session present 1 [MQTT-3.2.2-2]");
                assertTrue(again.status().sessionPresent());
                for (int i = 0; i < 3; i++) {
                    assertEquals("queued" + i, text(next(again, "queued message " + i + ", without subscribing again")));
                }
                await(pub.publish(t, utf8("live"), false, 1));
                assertEquals("live", text(next(again, "the subscription kept in the session")));
            }
        }
    }

    @AgainstEveryBroker
    void sessionsAndQueuedMessagesSurviveABrokerRestart(BrokerCase b) throws Exception {
        String online = b.topic("restart/online");
        String offline = b.topic("restart/offline");
        try (MqttClient stays = MqttClient.create(b.client("rs-up").clean(false).cleanInit(false).queueLen(10).build())) {
            assertFalse(await(stays.connect(true)));
            await(stays.subscribe(online, 1));
            try (MqttSubscriber wills = MqttSubscriber.start(b.reference("rs-wills"), b.topic("gone/#"), 1)) {
                MqttClient away = MqttClient.create(withWill(b, "rs-away").build());
                await(away.connect(true));
                await(away.subscribe(offline, 1));
                goOffline(away, wills);
            }
            try (MqttClient pub = connected(b.client("rs-pub"))) {
                await(pub.publish(offline, utf8("queued before the restart"), false, 1));
            }
            long reconnects = stays.status().reconnects();

            long t0 = System.nanoTime();
            b.broker().restart();
            long restartMs = (System.nanoTime() - t0) / 1_000_000;
            eventually(T, "the connected client reconnects by itself after the restart",
                    () -> stays.isConnected() && stays.status().reconnects() > reconnects);
            System.out.printf("interop: %s restarted in %d ms; client back %d ms after the restart began%n", b.kind(),
                    restartMs, (System.nanoTime() - t0) / 1_000_000);
            Deviation lost = Deviation.MOQUETTE_STOP_WITH_A_CONNECTED_SESSION_LOSES_ALL_SESSIONS;
            boolean deviates = b.broker().deviates(lost);
            assertEquals(!deviates, stays.status().sessionPresent(),
                    deviates ? lost.toString() : "the session was restored from persistence: session present 1");

            try (MqttClient pub = connected(b.client("rs-pub2"))) {
                await(pub.publish(online, utf8("after the restart"), false, 1));
            }
            Message m = next(stays, "a message on the subscription restored from persistence");
            assertEquals("after the restart", text(m));

            try (MqttClient back = MqttClient.create(b.client("rs-away").clean(false).cleanInit(false).queueLen(10).build())) {
                boolean present = await(back.connect(true));
                if (deviates) {
                    assertFalse(present, lost.toString());
                    expectNoMessage(back, lost + ": the message queued before the restart is gone");
                    try (MqttClient pub = connected(b.client("rs-pub3"))) {
                        await(pub.publish(offline, utf8("live"), false, 1));
                    }
                    assertEquals("live", text(next(back, lost + ": the old subscription still delivers")));
                } else {
                    assertTrue(present, "the offline client's session survived the restart");
                    assertEquals("queued before the restart", text(next(back, "the QoS 1 message queued before the restart")));
                }
            }
        }
        assertTrue(b.broker().persistent(), "the suite's brokers run with persistence");
    }

    /** A clean=0 client that leaves a will on {@code gone/<id>}, so its going offline can be observed. */
    private static MqttConfig.Builder withWill(BrokerCase b, String id) {
        return b.client(id).clean(false).cleanInit(false).will(b.topic("gone/" + id), "offline", false, 1);
    }

    /**
     * Closes the client without DISCONNECT and returns once the broker has published its will, i.e. has
     * taken the session offline: what is published from now on is queued for the session rather than
     * sent to the dying connection (a broker with MOQUETTE_NO_RESEND_OF_UNACKNOWLEDGED_QOS1 would lose
     * that; after a DISCONNECT nothing tells when the broker has processed it).
     */
    private static void goOffline(MqttClient c, MqttSubscriber wills) {
        c.close();
        assertEquals("offline", wills.awaitMessage(T).payloadUtf8(), "the will of " + c.config().clientId());
    }

    @AgainstEveryBroker
    void cleanSessionDiscardsTheOldSession(BrokerCase b) throws Exception {
        String t = b.topic("discard");
        try (MqttClient pub = connected(b.client("cs-pub"))) {
            try (MqttClient first = MqttClient.create(b.client("cs").clean(false).cleanInit(false).build())) {
                await(first.connect(true));
                await(first.subscribe(t, 1));
                await(first.disconnect());
            }
            await(pub.publish(t, utf8("for the old session"), false, 1));
            try (MqttClient clean = MqttClient.create(b.client("cs").queueLen(10).build())) {
                assertFalse(await(clean.connect(true)), "clean=1: session present 0 [MQTT-3.2.2-1]");
                expectNoMessage(clean, "the old session's messages are discarded with it [MQTT-3.1.2-6]");
            }
            try (MqttClient later = MqttClient.create(b.client("cs").clean(false).cleanInit(false).build())) {
                assertFalse(await(later.connect(true)), "and no session is left for a later clean=0 connect");
            }
        }
    }
}
