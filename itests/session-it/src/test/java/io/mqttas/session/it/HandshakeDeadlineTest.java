/*
 * robustness.md P1: "every state has a deadline (TCP connect, TLS handshake, CONNACK, SUBACK) and
 * every failure path goes DOWN → back-off → retry; outage injected at each handshake step".
 * Real faults: a proxy that accepts TCP and then forwards nothing.
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttConnectException;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.TestCertificates;
import io.mqttas.testkit.ThreadLeakCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.eventually;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeDeadlineTest {

    private static long failsWithin(MqttClient c) {
        long t0 = System.nanoTime();
        ExecutionException e = assertThrows(ExecutionException.class, () -> c.connect(true).get(20, TimeUnit.SECONDS));
        assertInstanceOf(MqttConnectException.class, e.getCause());
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void connackThatNeverComesFailsTheFirstConnectAfterResponseTime() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             FaultProxy proxy = FaultProxy.to(broker).blackhole();
             MqttClient c = MqttClient.create(Fast.config(proxy.host(), proxy.port(), "no-connack").responseTime(1).build())) {
            long ms = failsWithin(c);
            assertTrue(ms >= 900 && ms < 5000, "CONNACK deadline of response_time (1 s): " + ms + " ms");
        }
    }

    @Test
    void tlsHandshakeThatStallsFailsAfterResponseTime() throws Exception {
        TestCertificates pki = TestCertificates.shared();
        try (MosquittoBroker broker = MosquittoBroker.builder().tls(pki).start();
             FaultProxy proxy = FaultProxy.to(broker.host(), broker.tlsPort()).blackhole();
             MqttClient c = MqttClient.create(Fast.config("localhost", proxy.port(), "tls-stall").responseTime(1).ssl(true)
                     .sslParam("ca_certs", pki.caFile().toString()).build())) {
            long ms = failsWithin(c);
            assertTrue(ms >= 900 && ms < 5000, "TLS handshake deadline of response_time (1 s): " + ms + " ms");
        }
    }

    @Test
    void stalledReconnectAttemptsBackOffAndRecoverWhenTheLinkReturns() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             FaultProxy proxy = FaultProxy.to(broker);
             MqttClient c = MqttClient.create(Fast.config(proxy.host(), proxy.port(), "stalled-reconnect").responseTime(0.5)
                     .queueLen(1).build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            proxy.blackhole();
            assertTrue(c.down().await(Duration.ofSeconds(5)));
            int before = proxy.connectionCount();
            Thread.sleep(3000); // attempts keep timing out at the CONNACK step, with back-off between them
            int attempts = proxy.connectionCount() - before;
            assertTrue(attempts >= 2 && attempts <= 8, "bounded attempts in 3 s, not a hot loop: " + attempts);
            c.up().clear();
            proxy.pass();
            assertTrue(c.up().await(Duration.ofSeconds(10)), "recovered once the link passes again");
        }
    }

    @Test
    void closeDuringAStalledConnectReturnsPromptlyAndLeavesNoThread() throws Exception {
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-close-stalled");
        try (MosquittoBroker broker = MosquittoBroker.start();
             FaultProxy proxy = FaultProxy.to(broker).blackhole()) {
            MqttClient c = MqttClient.create(Fast.config(proxy.host(), proxy.port(), "close-stalled").responseTime(30).build());
            CompletableFuture<Boolean> f = c.connect(true);
            assertTrue(proxy.awaitConnectionCount(1, Duration.ofSeconds(5)));
            long t0 = System.nanoTime();
            c.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 3000, "close() took " + ms + " ms while a 30 s CONNACK wait was in progress");
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            assertInstanceOf(MqttClosedException.class, e.getCause());
        }
        eventually(Duration.ofSeconds(5), "no thread left", () -> ThreadLeakCheck.live("mqttas-close-stalled").isEmpty());
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }
}
