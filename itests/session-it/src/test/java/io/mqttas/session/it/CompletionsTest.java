/*
 * Issue 9 item 2: every future completes, always. QoS 0 frames still waiting for the socket at close(),
 * operations submitted after disconnect(), a connect() from the first connect's failure handler, and
 * everything pending when close() returns. Real Mosquitto, a fault proxy, no mocks.
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttClosedException;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.eventually;
import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionsTest {

    private static Throwable failure(CompletableFuture<?> f, long seconds) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(seconds, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void qos0PublicationsStillWaitingForTheSocketAtCloseCompleteWithMqttClosedException() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); FaultProxy proxy = FaultProxy.to(broker)) {
            MqttClient c = MqttClient.create(Fast.config(proxy.host(), proxy.port(), "qos0-at-close").keepalive(60).responseTime(30).build());
            c.connect(true).get(10, TimeUnit.SECONDS);
            proxy.blackhole(); // nothing moves: socket buffers fill, frames wait in the client
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            byte[] big = new byte[64 * 1024];
            for (int i = 0; i < 200; i++) { // 12.8 MB: far more than the kernel buffers
                fs.add(c.publish("q0/close", big, false, 0));
            }
            Thread.sleep(500);
            long waiting = fs.stream().filter(f -> !f.isDone()).count();
            assertTrue(waiting > 0, "some QoS 0 frames must still wait for the socket");
            c.close();
            CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).exceptionally(t -> null).get(2, TimeUnit.SECONDS);
            long closedFailures = fs.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            assertTrue(closedFailures >= waiting, waiting + " waited, " + closedFailures + " failed");
            for (CompletableFuture<Void> f : fs) {
                if (f.isCompletedExceptionally()) {
                    assertInstanceOf(MqttClosedException.class, failure(f, 1));
                }
            }
        }
    }

    @Test
    void qos0PublicationsStillWaitingForTheSocketAtDisconnectComplete() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); FaultProxy proxy = FaultProxy.to(broker)) {
            MqttClient c = MqttClient.create(Fast.config(proxy.host(), proxy.port(), "qos0-at-disconnect").keepalive(60).responseTime(30).build());
            c.connect(true).get(10, TimeUnit.SECONDS);
            proxy.blackhole();
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            byte[] big = new byte[64 * 1024];
            for (int i = 0; i < 200; i++) {
                fs.add(c.publish("q0/disconnect", big, false, 0));
            }
            Thread.sleep(500);
            CompletableFuture<Void> d = c.disconnect();
            proxy.pass(); // the link recovers: whatever the client still holds must now finish one way or the other
            try {
                CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).exceptionally(t -> null).get(10, TimeUnit.SECONDS);
                d.get(10, TimeUnit.SECONDS);
            } finally {
                c.close();
            }
            for (CompletableFuture<Void> f : fs) {
                if (f.isCompletedExceptionally()) {
                    assertInstanceOf(MqttClosedException.class, failure(f, 1));
                }
            }
        }
    }

    @Test
    void operationsSubmittedAfterDisconnectFailAtOnceInsteadOfWaitingForEver() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             MqttClient c = MqttClient.create(Fast.config(broker.host(), broker.port(), "after-disconnect").build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            c.disconnect().get(5, TimeUnit.SECONDS);
            assertInstanceOf(MqttClosedException.class, failure(c.publish("t", utf8("late"), false, 1), 2));
            assertInstanceOf(MqttClosedException.class, failure(c.subscribe("t", 1), 2));
            assertInstanceOf(MqttClosedException.class, failure(c.unsubscribe("t"), 2));
            c.connect(true).get(10, TimeUnit.SECONDS); // and connect() makes the client usable again
            c.publish("t", utf8("again"), false, 1).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectFromTheFirstConnectsFailureHandlerStartsANewAttempt() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            for (int i = 0; i < 5; i++) { // the old defect depended on timing: try it several times
                try (FaultProxy proxy = FaultProxy.to(broker).refuse();
                     MqttClient c = MqttClient.create(Fast.config(proxy.host(), proxy.port(), "retry-from-handler-" + i).build())) {
                    CompletableFuture<CompletableFuture<Boolean>> second = new CompletableFuture<>();
                    c.connect(true).whenComplete((sp, error) -> {
                        if (error != null) {
                            proxy.pass();
                            second.complete(c.connect(true)); // a retry issued by the failure handler itself
                        }
                    });
                    CompletableFuture<Boolean> retry = second.get(10, TimeUnit.SECONDS);
                    retry.get(10, TimeUnit.SECONDS);
                    assertTrue(c.isConnected(), "round " + i + ": the handler's connect() started a new attempt");
                }
            }
        }
    }

    @Test
    void closeCompletesEverythingPendingWithMqttClosedExceptionBeforeItReturns() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); FaultProxy proxy = FaultProxy.to(broker)) {
            MqttClient c = MqttClient.create(Fast.config(proxy.host(), proxy.port(), "close-pending").keepalive(60).responseTime(30).build());
            c.connect(true).get(10, TimeUnit.SECONDS);
            Thread.sleep(1200); // quiet for a second: brokerUp() has to ask the broker
            proxy.blackhole();
            List<CompletableFuture<?>> fs = new ArrayList<>();
            fs.add(c.publish("p/1", utf8("qos1"), false, 1));
            fs.add(c.publish("p/0", utf8("qos0"), false, 0));
            fs.add(c.publish("p/t", utf8("timed"), false, 1, Duration.ofMinutes(5)));
            fs.add(c.subscribe("s/1", 1));
            fs.add(c.unsubscribe("s/2"));
            fs.add(c.brokerUp());
            Thread.sleep(200);
            long t0 = System.nanoTime();
            c.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 3000, "close() took " + ms + " ms");
            for (int i = 0; i < fs.size(); i++) {
                CompletableFuture<?> f = fs.get(i);
                eventually(Duration.ofMillis(500), "future " + i + " complete soon after close()", f::isDone);
                if (i < 5 && f.isCompletedExceptionally()) {
                    assertInstanceOf(MqttClosedException.class, failure(f, 1), "future " + i);
                }
            }
            assertEquals(Boolean.FALSE, fs.get(5).getNow(null), "brokerUp() answers false when closed");
        }
    }
}
