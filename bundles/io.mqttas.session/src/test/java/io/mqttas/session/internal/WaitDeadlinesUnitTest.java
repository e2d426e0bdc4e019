/* Issue 9 item 12: DNS resolution has response_time as its deadline and never blocks a loop or close(). */
package io.mqttas.session.internal;

import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttConnectException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitDeadlinesUnitTest {

    @Test
    void dnsResolutionIsBoundedByResponseTime() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        NioTransports.Resolver stuck = host -> {
            try {
                never.await(); // a resolver whose DNS server never answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[0];
        };
        try (SharedRuntime.Handle rt = SharedRuntime.acquire()) {
            IoLoop loop = rt.nextLoop();
            MqttConfig config = MqttConfig.builder().server("broker.invalid").clientId("dns-stuck").responseTime(0.5).build();
            Session s = new Session(config, new Session.Environment(new NioTransports(loop, rt.work(), rt.timer(), stuck, null, 0),
                    rt.timer(), loop, SharedRuntime.acquire(), () -> 0.5));
            long t0 = System.nanoTime();
            CompletableFuture<Boolean> f = s.connect(true);
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertInstanceOf(MqttConnectException.class, e.getCause());
            assertInstanceOf(SocketTimeoutException.class, e.getCause().getCause(), "the DNS step timed out");
            assertTrue(ms >= 400 && ms < 3000, "failed after " + ms + " ms (response_time 0.5 s)");
            long c0 = System.nanoTime();
            s.close();
            assertTrue((System.nanoTime() - c0) / 1_000_000 < 2500, "close() does not wait for the lookup");
        } finally {
            never.countDown();
        }
    }
}
