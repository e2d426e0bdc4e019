/*
 * Issue 13 items 6 and 8 (ws part): the client over ws:// (subprotocol mqtt, the broker's /mqtt
 * listener) against each broker — connect, QoS 0 and 1 both ways with an independent TCP client on
 * the other side, retained messages, the will, session present with queued messages, a 256 KiB
 * message and a 1,000-message QoS 1 burst. Every case runs once per protocol version the broker speaks (VERSIONS).
 */
package io.mqttas.interop;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketInteropTest extends BrokerSuite {

    /** The protocol versions every ws case runs in. */
    static final List<String> VERSIONS = List.of("3.1.1", "5");

    /**
     * The versions of {@link #VERSIONS} this broker speaks: Moquette 0.17 is 3.1.1-only, and
     * Mqtt5InteropTest asserts that it refuses the client's MQTT 5.0 CONNECT (over TCP; the
     * WebSocket carries the same CONNECT).
     */
    static List<String> versions(BrokerCase b) {
        return b.broker().supportsV5() ? VERSIONS : List.of("3.1.1");
    }

    /** The case's client settings with the broker's WebSocket listener as server. */
    static MqttConfig.Builder ws(BrokerCase b, String version, String id) {
        BrokerUnderTest u = b.broker();
        MqttConfig.Builder c = b.client("ws" + version.replace(".", "") + "-" + id)
                .server("ws://" + u.host() + ":" + u.wsPort() + BrokerUnderTest.WS_PATH).port(0);
        return switch (version) {
            case "3.1.1" -> c.mqttv5(false);
            case "5" -> c.mqttv5(true);
            default -> throw new IllegalArgumentException("protocol version " + version + " not wired in yet");
        };
    }

    @AgainstEveryBroker
    void connectAndQos0And1BothWays(BrokerCase b) throws Exception {
        for (String v : versions(b)) {
            bothWays(b, "ws" + v, ws(b, v, "both"));
        }
    }

    /** wss:// to the broker's WebSocket-over-TLS listener: the shared test CA, host name verified (127.0.0.1 is in the SAN). */
    @AgainstEveryBroker
    void wssConnectAndQos0And1BothWays(BrokerCase b) throws Exception {
        for (String v : versions(b)) {
            BrokerUnderTest u = b.broker();
            bothWays(b, "wss" + v, ws(b, v, "wss").server("wss://" + u.host() + ":" + u.wssPort() + BrokerUnderTest.WS_PATH)
                    .sslParam("ca_certs", io.mqttas.testkit.TestCertificates.shared().caFile().toString()));
        }
    }

    /** Connect (no session), a ping, then QoS 0 and 1 both ways with the TCP reference client on the other side. */
    private static void bothWays(BrokerCase b, String label, MqttConfig.Builder config) throws Exception {
        String t = b.topic(label);
        try (MqttClient c = MqttClient.create(config.queueLen(10).build());
             MqttSubscriber ref = MqttSubscriber.start(b.reference(label + "-sub"), t + "/out", 1)) {
            assertFalse(await(c.connect(true)), label + ": clean session, session present 0");
            assertTrue(await(c.brokerUp()), label + ": PINGREQ answered");
            for (int qos = 0; qos <= 1; qos++) {
                assertEquals(qos, await(c.subscribe(t + "/in" + qos, qos)), "granted QoS");
                await(c.publish(t + "/out", utf8("q" + qos), false, qos));
                MqttSubscriber.Message got = ref.awaitMessage(T);
                assertEquals(t + "/out q" + qos, got.toString(), label + " client → broker → TCP reference client");
                assertEquals(qos, got.qos());
                new MqttPublisher(b.reference(label + "-pub")).publish(t + "/in" + qos, "from tcp", qos);
                Message m = next(c, "TCP reference publisher → broker → " + label + " client, QoS " + qos);
                assertEquals("from tcp", text(m));
                assertEquals(qos, m.qos());
            }
        }
    }

    /**
     * An upgrade at a path the broker does not serve fails the first connect with an error naming the
     * URL, whatever the broker does: HiveMQ CE 2025.5 never answers (the attempt ends at
     * response_time), Moquette 0.17 closes the connection without a response. Mosquitto 2.0.11 serves
     * MQTT at any path (its listener has none).
     */
    @AgainstEveryBroker
    void upgradeAtAWrongPath(BrokerCase b) throws Exception {
        for (String v : versions(b)) {
            BrokerUnderTest u = b.broker();
            String url = "ws://" + u.host() + ":" + u.wsPort() + "/not-mqtt";
            try (MqttClient c = MqttClient.create(ws(b, v, "wrong-path").server(url).responseTime(1.5).build())) {
                java.util.concurrent.CompletableFuture<Boolean> f = c.connect(true);
                if (b.kind() == Broker.MOSQUITTO) {
                    assertFalse(await(f), "Mosquitto serves MQTT at any path");
                    continue;
                }
                java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> f.get(T.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
                Throwable cause = e.getCause().getCause();
                assertTrue(String.valueOf(cause).contains(url), "the error names the URL: " + cause);
                if (b.kind() == Broker.HIVEMQ) {
                    org.junit.jupiter.api.Assertions.assertInstanceOf(java.net.SocketTimeoutException.class, cause,
                            "HiveMQ does not answer an upgrade at another path: the attempt ends at response_time");
                }
            }
        }
    }

    @AgainstEveryBroker
    void retainedMessageAndWill(BrokerCase b) throws Exception {
        for (String v : versions(b)) {
            String t = b.topic("ws" + v + "/retained");
            String w = b.topic("ws" + v + "/will");
            try (MqttClient pub = connected(ws(b, v, "ret-pub"));
                 MqttClient watch = connected(ws(b, v, "will-watch").queueLen(10))) {
                await(pub.publish(t, utf8("last known value"), true, 1));
                try (MqttClient late = connected(ws(b, v, "ret-late").queueLen(10))) {
                    await(late.subscribe(t, 1));
                    Message m = next(late, "the retained message on subscribe, over ws");
                    assertEquals("last known value", text(m));
                    Deviation d = Deviation.MOQUETTE_RETAIN_0_ON_SUBSCRIBE;
                    assertEquals(!b.broker().deviates(d), m.retained(), b.broker().deviates(d) ? d.toString()
                            : "RETAIN 1 on a new subscription [MQTT-3.3.1-8]");
                }
                await(pub.publish(t, new byte[0], true, 1)); // clear it for the next run
                await(watch.subscribe(w, 1));
                try (MqttClient polite = connected(ws(b, v, "will-polite").will(w, "polite client gone", false, 1))) {
                    // One round trip first (Moquette may ignore a DISCONNECT right after CONNACK, see Deviation).
                    await(polite.publish(b.topic("ws" + v + "/chatter"), utf8("up"), false, 1));
                    await(polite.disconnect()); // the DISCONNECT frame must reach the broker before close() ends the socket
                }
                MqttClient crash = connected(ws(b, v, "will-crash").will(w, "died over ws", false, 1));
                crash.close(); // the TCP connection under the WebSocket ends without DISCONNECT
                Message m = next(watch, "the will of the ws client closed without DISCONNECT");
                assertEquals("died over ws", text(m), "no will after DISCONNECT [MQTT-3.14.4-3], one on an abnormal close [MQTT-3.1.2-8]");
                expectNoMessage(watch, "no will of the client that sent DISCONNECT");
            }
        }
    }

    /** A session that outlives its connection: 3.1.1's clean=false alone; 5.0 also needs a Session Expiry Interval. */
    private static MqttConfig.Builder kept(MqttConfig.Builder c, String version) {
        return version.equals("5") ? c.property("mqttv5_con_props", "session_expiry_interval", 120) : c;
    }

    @AgainstEveryBroker
    void sessionPresentWithQueuedMessages(BrokerCase b) throws Exception {
        for (String v : versions(b)) {
            String t = b.topic("ws" + v + "/session");
            try (MqttClient pub = connected(ws(b, v, "sp-pub"));
                 MqttSubscriber wills = MqttSubscriber.start(b.reference("ws-sp-wills"), b.topic("ws" + v + "/gone"), 1)) {
                MqttClient first = MqttClient.create(kept(ws(b, v, "sp").clean(false).cleanInit(false), v)
                        .will(b.topic("ws" + v + "/gone"), "offline", false, 1).build());
                assertFalse(await(first.connect(true)), "a new client id has no session");
                await(first.subscribe(t, 1));
                first.close(); // offline without DISCONNECT; the will tells when the broker noticed
                assertEquals("offline", wills.awaitMessage(T).payloadUtf8());
                for (int i = 0; i < 3; i++) {
                    await(pub.publish(t, utf8("queued" + i), false, 1));
                }
                try (MqttClient again = MqttClient.create(kept(ws(b, v, "sp").clean(false).cleanInit(false), v).queueLen(10).build())) {
                    assertTrue(await(again.connect(true)), "CONNACK session present 1 over ws [MQTT-3.2.2-2]");
                    for (int i = 0; i < 3; i++) {
                        assertEquals("queued" + i, text(next(again, "queued message " + i)));
                    }
                    await(again.disconnect());
                }
            }
            try (MqttClient clean = connected(ws(b, v, "sp"))) {
                await(clean.disconnect()); // leave no session behind
            }
        }
    }

    @AgainstEveryBroker
    void largeMessageAndBurstOf1000(BrokerCase b) throws Exception {
        byte[] big = new byte[256 * 1024];
        new Random(13).nextBytes(big);
        int n = 1000;
        for (String v : versions(b)) {
            String t = b.topic("ws" + v + "/burst");
            try (MqttClient sub = connected(ws(b, v, "burst-sub").queueLen(2 * n));
                 MqttClient pub = connected(ws(b, v, "burst-pub"))) {
                await(sub.subscribe(t, 1));
                await(pub.publish(t, big, false, 1));
                assertArrayEquals(big, next(sub, "the 256 KiB message over ws both ways").payload());
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    acks.add(pub.publish(t, utf8(Integer.toString(i)), false, 1));
                }
                awaitAll(acks, T);
                for (int i = 0; i < n; i++) {
                    assertEquals(Integer.toString(i), text(next(sub, "burst message " + i)), "none lost, in order");
                }
            }
        }
    }
}
