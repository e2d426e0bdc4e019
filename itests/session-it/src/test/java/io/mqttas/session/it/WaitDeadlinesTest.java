/*
 * Issue 9 item 12 and robustness.md P1: every wait has a deadline or a cancellation path —
 * disconnect() while the client waits for the link to become stable, close() during a TLS handshake
 * that never progresses (the TCP socket is closed first; nothing waits on a TLS close).
 */
package io.mqttas.session.it;

import io.mqttas.session.LinkListener;
import io.mqttas.session.LinkMonitor;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttClosedException;
import io.mqttas.session.Registration;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.ThreadLeakCheck;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitDeadlinesTest {

    /** A link that is down and stays down; asked to wait, it waits as long as it is allowed to. */
    static final class DeadLink implements LinkMonitor {
        @Override
        public boolean isUp() {
            return false;
        }

        @Override
        public boolean awaitStable(Duration stable, Duration timeout) throws InterruptedException {
            Thread.sleep(Math.max(0, timeout.toMillis()));
            return false;
        }

        @Override
        public Registration onChange(LinkListener listener) {
            return () -> { };
        }
    }

    @Test
    void disconnectWhileWaitingForTheLinkToBeStableReturnsAtOnce() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             MqttClient c = MqttClient.create(Fast.config(broker.host(), broker.port(), "stability-wait").stabilityTime(5)
                     .linkMonitor(new DeadLink()).build())) {
            CompletableFuture<Boolean> connecting = c.connect(); // not quick: waits for a stable link
            Thread.sleep(300);
            long t0 = System.nanoTime();
            c.disconnect().get(3, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 2000, "disconnect() took " + ms + " ms while the client waited for the link");
            ExecutionException e = assertThrows(ExecutionException.class, () -> connecting.get(2, TimeUnit.SECONDS));
            assertInstanceOf(MqttClosedException.class, e.getCause());
        }
    }

    @Test
    void closeDuringATlsHandshakeThatNeverProgressesReturnsPromptly() throws Exception {
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-tls-stall");
        try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = mute.accept()) {
                    s.getInputStream().readAllBytes(); // reads the ClientHello, answers nothing, until closed
                } catch (java.io.IOException ignored) {
                    // the client closed
                }
            }, "test-mute-tls");
            acceptor.start();
            MqttClient c = MqttClient.create(Fast.config("127.0.0.1", mute.getLocalPort(), "tls-stall").responseTime(20).ssl(true)
                    .sslParam("cert_reqs", "CERT_NONE").build());
            CompletableFuture<Boolean> f = c.connect(true);
            Thread.sleep(500);
            long t0 = System.nanoTime();
            c.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 2000, "close() took " + ms + " ms during a stalled TLS handshake (response_time 20 s)");
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(3, TimeUnit.SECONDS));
            assertInstanceOf(MqttClosedException.class, e.getCause());
            acceptor.join(5000);
        }
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }
}
