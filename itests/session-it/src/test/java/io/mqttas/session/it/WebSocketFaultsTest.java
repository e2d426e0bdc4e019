/*
 * Issue 13 items 6 and 8 (ws part), robustness.md P1/P4: faults under the WebSocket — the broker
 * killed, the TCP connection under it black-holed or reset by FaultProxy — found by the same
 * liveness rules as over TCP and mended without losing a QoS 1 message; upgrades that fail (a plain
 * HTTP server, a wrong path, no subprotocol, an MQTT port, silence) fail the first connect with an
 * error that says why; and no thread grows over many reconnects or outlives close().
 */
package io.mqttas.session.it;

import com.sun.net.httpserver.HttpServer;
import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttConnectException;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.FreePort;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.ThreadLeakCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.eventually;
import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketFaultsTest {
    private static final Duration T = Duration.ofSeconds(15);

    private static MqttConfig.Builder ws(String version, String host, int port, String path, String id) {
        return WsVersions.apply(version, Fast.config("ws://" + host + ":" + port + path, 0, id + "-" + version));
    }

    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void brokerKilledAndRestartedQos1PublishedDuringTheOutageArrives(String version) throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().websockets(true).persistence(true).start();
             MqttClient sub = MqttClient.create(ws(version, b.host(), b.wsPort(), "/mqtt", "wsk-sub").clean(false).cleanInit(false)
                     .queueLen(10).build());
             MqttClient pub = MqttClient.create(ws(version, b.host(), b.wsPort(), "/mqtt", "wsk-pub").build())) {
            sub.connect(true).get(10, TimeUnit.SECONDS);
            pub.connect(true).get(10, TimeUnit.SECONDS);
            sub.subscribe("wsk/t", 1).get(5, TimeUnit.SECONDS);
            b.stop(); // persistence saved: the subscriber's session survives
            eventually(T, "both clients saw the outage", () -> !sub.isConnected() && !pub.isConnected());
            CompletableFuture<Void> ack = pub.publish("wsk/t", utf8("published during the outage"), false, 1);
            b.startAgain();
            ack.get(15, TimeUnit.SECONDS);
            Message m = sub.queue().poll(T);
            assertNotNull(m, "the QoS 1 message published while the broker was down arrives over ws after the restart");
            assertEquals("published during the outage", new String(m.payload()));
            b.kill(); // a crash this time: found by EOF or the liveness rules, then mended
            eventually(T, "outage seen after kill -9", () -> !pub.isConnected());
            b.startAgain();
            eventually(T, "reconnected after the crash", pub::isConnected);
            pub.publish("wsk/t", utf8("after the crash"), false, 1).get(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void blackholeAndResetOfTheTcpConnectionUnderTheWebSocketAreMended(String version) throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().websockets(true).start();
             FaultProxy proxy = FaultProxy.to(b.host(), b.wsPort());
             MqttClient c = MqttClient.create(ws(version, proxy.host(), proxy.port(), "/mqtt", "wsf").queueLen(10).build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            c.subscribe("wsf/t", 1).get(5, TimeUnit.SECONDS);

            long before = c.status().reconnects();
            long t0 = System.nanoTime();
            proxy.blackhole(); // half-open: nothing flows, no FIN, no RST
            CompletableFuture<Void> during = c.publish("wsf/t", utf8("through the black hole"), false, 1);
            eventually(T, "the dead link is found by the liveness rules", () -> !c.isConnected());
            long found = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(found < 8_000, "found within a few ping intervals + response_time, took " + found + " ms");
            proxy.pass();
            eventually(T, "reconnected through the proxy", () -> c.status().reconnects() > before && c.isConnected());
            during.get(10, TimeUnit.SECONDS);
            assertEquals("through the black hole", new String(c.queue().poll(T).payload()), "nothing lost");

            long before2 = c.status().reconnects();
            proxy.reset(); // RST under the WebSocket
            eventually(T, "the reset is seen at once", () -> !c.isConnected() || c.status().reconnects() > before2);
            proxy.pass();
            eventually(T, "reconnected after the reset", () -> c.status().reconnects() > before2 && c.isConnected());
            c.publish("wsf/t", utf8("after the reset"), false, 1).get(10, TimeUnit.SECONDS);
            assertEquals("after the reset", new String(c.queue().poll(T).payload()));
        }
    }

    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void threadsStayFlatOverManyReconnectsAndNoneOutlivesClose(String version) throws Exception {
        ThreadLeakCheck mqttas = ThreadLeakCheck.snapshot("mqttas-");
        ThreadLeakCheck all = ThreadLeakCheck.snapshot("");
        try (MosquittoBroker b = MosquittoBroker.builder().websockets(true).start();
             FaultProxy proxy = FaultProxy.to(b.host(), b.wsPort());
             MqttClient c = MqttClient.create(ws(version, proxy.host(), proxy.port(), "/mqtt", "wst").reconnectDelayMin(0.02)
                     .reconnectDelayMax(0.1).build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            c.publish("wst/t", utf8("warm"), false, 1).get(5, TimeUnit.SECONDS);
            Thread.sleep(200);
            long afterFirst = fixedThreads();
            for (int i = 0; i < 20; i++) {
                long r = c.status().reconnects();
                proxy.resetConnections();
                eventually(T, "reconnect " + i, () -> c.status().reconnects() > r && c.isConnected());
                c.publish("wst/t", utf8("n" + i), false, 1).get(5, TimeUnit.SECONDS);
            }
            Thread.sleep(200);
            long afterMany = fixedThreads();
            assertTrue(afterMany <= afterFirst, "threads flat over 20 reconnects: " + afterFirst + " → " + afterMany + " "
                    + all.newThreadNames());
            assertTrue(ThreadLeakCheck.live("mqttas-work-").size() <= 4, "work pool within its cap");
            // Counted among the threads this test started: an earlier test's selector may still be
            // ending (on JDK 17 it is stopped by an interrupt) and its own leak check covers it.
            assertEquals(1, all.newThreadNames().stream().filter(n -> n.startsWith("mqttas-ws-") && !n.endsWith("-start")).count(),
                    "one JDK WebSocket selector thread, named mqttas-ws-N: " + all.newThreadNames());
        }
        mqttas.assertNoLeak(Duration.ofSeconds(5));
        all.assertNoLeak(Duration.ofSeconds(5)); // nothing else either: no HttpClient-N-Worker, no selector
    }

    /**
     * Live threads other than the on-demand pools (mqttas-complete-N, mqttas-work-N: they grow and
     * shrink with load, within their caps) and the test proxy's per-connection pumps.
     */
    private static long fixedThreads() {
        return ThreadLeakCheck.live("").stream().map(Thread::getName)
                .filter(n -> !n.startsWith("mqttas-complete-") && !n.startsWith("mqttas-work-") && !n.startsWith("mqttas-test-proxy-"))
                .count();
    }

    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void failedUpgradesSayWhy(String version) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(FreePort.HOST, 0), 0);
        http.createContext("/", x -> {
            byte[] body = utf8(x.getRequestURI().getPath().equals("/page") ? "a web page" : "not found");
            x.sendResponseHeaders(x.getRequestURI().getPath().equals("/page") ? 200 : 404, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        http.start();
        try (MosquittoBroker b = MosquittoBroker.start()) {
            int port = http.getAddress().getPort();
            assertFirstConnectFails(ws(version, FreePort.HOST, port, "/mqtt", "wsu-404"), "HTTP 404", "websocket_path");
            assertFirstConnectFails(ws(version, FreePort.HOST, port, "/page", "wsu-200"), "HTTP 200", "not a WebSocket endpoint");
            assertFirstConnectFails(ws(version, b.host(), b.port(), "/mqtt", "wsu-mqtt-port").responseTime(3), "WebSocket", b.port() + "");
            try (NoSubprotocolServer bare = new NoSubprotocolServer()) {
                assertFirstConnectFails(ws(version, FreePort.HOST, bare.port(), "/mqtt", "wsu-nosub"), "subprotocol 'mqtt'", "chose none");
            }
            try (FaultProxy silent = FaultProxy.to(b.host(), b.port())) {
                silent.blackhole();
                long t0 = System.nanoTime();
                MqttConnectException e = assertFirstConnectFails(ws(version, silent.host(), silent.port(), "/mqtt", "wsu-silent")
                        .responseTime(1.5), "1500 ms", "response_time");
                long took = (System.nanoTime() - t0) / 1_000_000;
                assertInstanceOf(SocketTimeoutException.class, e.getCause());
                assertTrue(took < 6_000, "an upgrade never answered fails at response_time, took " + took + " ms");
            }
        } finally {
            http.stop(0);
        }
    }

    private static MqttConnectException assertFirstConnectFails(MqttConfig.Builder cfg, String... inMessage) throws Exception {
        try (MqttClient c = MqttClient.create(cfg.build())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.connect(true).get(20, TimeUnit.SECONDS));
            MqttConnectException ce = assertInstanceOf(MqttConnectException.class, e.getCause());
            String m = String.valueOf(ce.getCause());
            for (String s : inMessage) {
                assertTrue(m.contains(s), "the error says '" + s + "': " + m);
            }
            return ce;
        }
    }

    /** Accepts the WebSocket upgrade (RFC 6455 §4.2.2) but chooses no subprotocol. */
    private static final class NoSubprotocolServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 5, java.net.InetAddress.getByName(FreePort.HOST));
        private final Thread thread = new Thread(this::serve, "test-ws-nosub");

        NoSubprotocolServer() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    String answer = WsTestHttp.switchingProtocols(WsTestHttp.readHead(in), null);
                    if (answer == null) {
                        continue;
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(answer.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.setSoTimeout(3000);
                    while (in.read() >= 0) {
                        // until the client aborts
                    }
                } catch (Exception e) {
                    // closed, or the client went away
                }
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }
}
