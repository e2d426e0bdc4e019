/*
 * Issue 13 items 6 and 8 (ws part): the client over ws:// and wss:// against Mosquitto's
 * `protocol websockets` listeners — QoS 0/1 both ways, packets spanning and sharing WebSocket frames
 * (a 256 KiB message, a 1,000-message burst), the TLS rules of the TCP transport, and no thread
 * left behind. Parameterised by protocol version (WsVersions): 3.1.1 now, 5.0 once the session has it.
 */
package io.mqttas.session.it;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttConnectException;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;
import io.mqttas.testkit.MosquittoClientOptions;
import io.mqttas.testkit.TestCertificates;
import io.mqttas.testkit.ThreadLeakCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketScenariosTest {
    private static final TestCertificates PKI = TestCertificates.shared();
    private static final Duration T = Duration.ofSeconds(10);
    private static MosquittoBroker broker;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.builder().websockets(true).tls(PKI).start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    static MqttConfig.Builder ws(String version, String id) {
        return WsVersions.apply(version, Fast.config("ws://" + broker.host() + ":" + broker.wsPort() + "/mqtt", 0, id + "-" + version)
                .responseTime(5));
    }

    static MqttConfig.Builder wss(String version, String id, MosquittoBroker b) {
        return WsVersions.apply(version, Fast.config("wss://127.0.0.1:" + b.wssPort() + "/mqtt", 0, id + "-" + version).responseTime(5));
    }

    private static Message next(MqttClient c, String what) throws InterruptedException {
        Message m = c.queue().poll(T);
        assertNotNull(m, what + " within " + T);
        return m;
    }

    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void qos0And1BothWaysOverWs(String version) throws Exception {
        ThreadLeakCheck threads = ThreadLeakCheck.snapshot("mqttas-");
        try (MqttClient c = MqttClient.create(ws(version, "ws-both").queueLen(10).build());
             MqttSubscriber ref = MqttSubscriber.start(MosquittoClientOptions.port(broker.port()).clientId("ws-ref-" + version),
                     "ws/out/" + version, 1)) {
            assertFalse(c.connect(true).get(10, TimeUnit.SECONDS), "clean session over ws");
            assertTrue(c.status().toString().contains("ws://"), "status names the ws server: " + c.status());
            for (int qos = 0; qos <= 1; qos++) {
                assertEquals(qos, c.subscribe("ws/in/" + version + "/" + qos, qos).get(5, TimeUnit.SECONDS));
                c.publish("ws/out/" + version, utf8("to tcp q" + qos), false, qos).get(5, TimeUnit.SECONDS);
                assertEquals("ws/out/" + version + " to tcp q" + qos, ref.awaitMessage(T).toString(), "ws → broker → TCP client");
                MqttPublisher.to(broker).publish("ws/in/" + version + "/" + qos, "from tcp q" + qos, qos);
                Message m = next(c, "TCP client → broker → ws, QoS " + qos);
                assertEquals("from tcp q" + qos, new String(m.payload()));
                assertEquals(qos, m.qos());
            }
            assertTrue(c.brokerUp().get(5, TimeUnit.SECONDS), "PINGREQ answered over ws");
        }
        threads.assertNoLeak(Duration.ofSeconds(5));
        assertTrue(ThreadLeakCheck.live("HttpClient").isEmpty(), "no JDK HttpClient thread left: " + ThreadLeakCheck.live("HttpClient"));
    }

    /** A 100 KiB message spans several WebSocket frames; a burst makes the broker pack packets together. */
    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void largeMessageAndBurstSpanAndShareFrames(String version) throws Exception {
        byte[] big = new byte[100 * 1024]; // more than one 64 KiB frame (Mosquitto 2.0.11 relays ws at ~50 KB/s: interop has 256 KiB)
        new Random(6).nextBytes(big);
        int n = 1000;
        String t = "ws/burst/" + version;
        try (MqttClient sub = MqttClient.create(ws(version, "ws-burst-sub").queueLen(2 * n).build());
             MqttClient pub = MqttClient.create(ws(version, "ws-burst-pub").build())) {
            sub.connect(true).get(10, TimeUnit.SECONDS);
            pub.connect(true).get(10, TimeUnit.SECONDS);
            sub.subscribe(t, 1).get(5, TimeUnit.SECONDS);
            pub.publish(t, big, false, 1).get(10, TimeUnit.SECONDS);
            assertArrayEquals(big, next(sub, "the 100 KiB message").payload(), "100 KiB intact over ws both ways");
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                acks.add(pub.publish(t, utf8(Integer.toString(i)), false, 1));
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < n; i++) {
                assertEquals(Integer.toString(i), new String(next(sub, "burst message " + i).payload()), "in order, none lost");
            }
        }
    }

    /** The inbound bound holds over ws: a full queue stops WebSocket.request(n), so the JDK stops reading; nothing is lost. */
    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void aFullInboundQueuePausesTheWebSocketAndLosesNothing(String version) throws Exception {
        int n = 2000;
        int bound = 100;
        String t = "ws/bp/" + version;
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger got = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxBacklog = new java.util.concurrent.atomic.AtomicInteger();
        try (MqttClient sub = MqttClient.create(ws(version, "ws-bp-sub").inboundQueueLen(bound).responseTime(5).build());
             MqttClient pub = MqttClient.create(Fast.config(broker.host(), broker.port(), "ws-bp-pub-" + version).responseTime(5)
                     .build())) {
            sub.addMessageListener((topic, payload, retained) -> {
                try {
                    release.await(30, TimeUnit.SECONDS); // the application is behind
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                got.incrementAndGet();
            });
            sub.connect(true).get(10, TimeUnit.SECONDS);
            pub.connect(true).get(10, TimeUnit.SECONDS);
            sub.subscribe(t, 0).get(5, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sent.add(pub.publish(t, new byte[200], false, 0));
            }
            CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])).get(20, TimeUnit.SECONDS);
            Fast.eventually(T, "reading paused over ws", () -> {
                maxBacklog.accumulateAndGet(sub.metrics().inboundBacklog(), Math::max);
                return sub.metrics().readsPaused();
            });
            Thread.sleep(300);
            maxBacklog.accumulateAndGet(sub.metrics().inboundBacklog(), Math::max);
            assertTrue(sub.isConnected(), "a paused healthy link is not declared dead");
            // One WebSocket part (some KiB, here at most ~70 messages of 200 B) may arrive after the pause.
            assertTrue(maxBacklog.get() <= bound + 100, "inbound backlog bounded: " + maxBacklog.get());
            release.countDown();
            Fast.eventually(Duration.ofSeconds(30), "all " + n + " delivered after the application caught up", () -> got.get() == n);
            assertFalse(sub.metrics().readsPaused());
        }
    }

    /** disconnect() then close() at once, the only ws client of the JVM: the DISCONNECT still reaches the broker. */
    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void disconnectReachesTheBrokerBeforeTheLastWsClientStopsTheHttpClient(String version) throws Exception {
        String w = "ws/will/" + version;
        try (MqttClient watch = MqttClient.create(Fast.config(broker.host(), broker.port(), "ws-will-watch-" + version).queueLen(20)
                .build())) {
            watch.connect(true).get(10, TimeUnit.SECONDS);
            watch.subscribe(w, 1).get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                MqttClient polite = MqttClient.create(ws(version, "ws-polite" + i).will(w, "polite " + i, false, 1).build());
                polite.connect(true).get(10, TimeUnit.SECONDS);
                polite.disconnect().get(5, TimeUnit.SECONDS);
                polite.close(); // the last ws client: its HttpClient stops now
            }
            MqttClient crash = MqttClient.create(ws(version, "ws-crash").will(w, "crashed", false, 1).build());
            crash.connect(true).get(10, TimeUnit.SECONDS);
            crash.close();
            Message m = next(watch, "the will of the client closed without DISCONNECT");
            assertEquals("crashed", new String(m.payload()), "no will of the five that sent DISCONNECT came first");
        }
    }

    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void wssFollowsTheTlsRulesOfTheTcpTransport(String version) throws Exception {
        String ca = PKI.caFile().toString();
        try (MqttClient c = MqttClient.create(wss(version, "wss-good", broker).sslParam("ca_certs", ca).queueLen(4).build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            c.subscribe("wss/t", 1).get(5, TimeUnit.SECONDS);
            c.publish("wss/t", utf8("secret"), false, 1).get(5, TimeUnit.SECONDS);
            assertEquals("secret", new String(next(c, "own message over wss").payload()));
        }
        try (MqttClient c = MqttClient.create(wss(version, "wss-bad-ca", broker).sslParam("ca_certs", PKI.wrongCaFile().toString()).build())) {
            assertRefused(c, "an unknown CA");
        }
        try (MqttClient c = MqttClient.create(wss(version, "wss-default-store", broker).build())) {
            assertRefused(c, "the JDK trust store does not know the test CA");
        }
        try (MosquittoBroker wrong = MosquittoBroker.builder().websockets(true).tls(PKI).tlsWrongHostName(true).start()) {
            try (MqttClient c = MqttClient.create(wss(version, "wss-wrong-host", wrong).sslParam("ca_certs", ca).build())) {
                assertRefused(c, "a certificate for another host name (verification on by default)");
            }
            try (MqttClient c = MqttClient.create(wss(version, "wss-no-check", wrong).sslParams(Map.of("ca_certs", ca,
                    "check_hostname", "false")).build())) {
                c.connect(true).get(10, TimeUnit.SECONDS);
            }
            try (MqttClient c = MqttClient.create(wss(version, "wss-no-check-bad-ca", wrong).sslParams(Map.of(
                    "ca_certs", PKI.wrongCaFile().toString(), "check_hostname", "false")).build())) {
                assertRefused(c, "check_hostname=false still verifies the chain");
            }
            try (MqttClient c = MqttClient.create(wss(version, "wss-insecure", wrong).sslParam("cert_reqs", "CERT_NONE").build())) {
                c.connect(true).get(10, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void wssWithAClientCertificate(String version) throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().websockets(true).tls(PKI).requireClientCertificate(true).start()) {
            try (MqttClient c = MqttClient.create(wss(version, "wss-cert", b).sslParams(Map.of("ca_certs", PKI.caFile().toString(),
                    "cert", PKI.clientCertFile().toString(), "key", PKI.clientKeyFile().toString())).build())) {
                c.connect(true).get(10, TimeUnit.SECONDS);
                c.publish("wss/c", utf8("x"), false, 1).get(5, TimeUnit.SECONDS);
            }
            try (MqttClient c = MqttClient.create(wss(version, "wss-nocert", b).sslParam("ca_certs", PKI.caFile().toString()).build())) {
                assertRefused(c, "no client certificate");
            }
            // Kura's seam: key and trust managers given by code (a KeystoreService's), no PEM parameters.
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(TestCertificates.trustStore(PKI.caFile()));
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(PKI.clientKeyStore(), "changeit".toCharArray());
            try (MqttClient c = MqttClient.create(wss(version, "wss-managers", b).tlsManagers(kmf.getKeyManagers(), tmf.getTrustManagers())
                    .build())) {
                c.connect(true).get(10, TimeUnit.SECONDS);
                c.publish("wss/m", utf8("x"), false, 1).get(5, TimeUnit.SECONDS);
            }
            try (MqttClient c = MqttClient.create(wss(version, "wss-managers-nokey", b).tlsManagers(null, tmf.getTrustManagers()).build())) {
                assertRefused(c, "trust given by code but no key: the broker wants a client certificate");
            }
        }
    }

    static MqttConnectException assertRefused(MqttClient c, String why) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> c.connect(true).get(15, TimeUnit.SECONDS), why);
        return assertInstanceOf(MqttConnectException.class, e.getCause(), why);
    }
}
