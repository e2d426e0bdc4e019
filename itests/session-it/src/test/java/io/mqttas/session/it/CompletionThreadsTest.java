/*
 * Issue 9 item 3 and DESIGN.md §6: completions and listeners never run on an I/O, writer or timer
 * thread, never inline when a pool is full; a dependent stage that blocks cannot deadlock this or
 * another client; one client cannot delay another client's timers; wanOk() does not occupy a shared
 * pool. Real Mosquitto; the blocking is the application's, as users write it.
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttTimeoutException;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionThreadsTest {

    /** A thread the client uses for I/O or timers: application code must never run there. */
    private static boolean forbidden(String thread) {
        return thread.startsWith("mqttas-io") || thread.equals("mqttas-timer") || thread.endsWith("-io")
                || thread.endsWith("-write") || thread.startsWith("mqttas-work");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes {@code n} QoS 1 messages one after the other, each with a dependent stage that blocks for {@code blockMs}. */
    private static List<CompletableFuture<?>> blockingDependents(MqttClient c, String topic, int n, long blockMs, Set<String> threads)
            throws Exception {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompletableFuture<Void> f = c.publish(topic, utf8("m" + i), false, 1);
            // A callback that blocks for a while, as users write them (logging to a slow disk, a database).
            all.add(f.thenRun(() -> {
                threads.add(Thread.currentThread().getName());
                sleep(blockMs);
            }));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!f.isDone() && System.nanoTime() < end) {
                Thread.sleep(1); // each acknowledgement arrives and completes on its own
            }
        }
        return all;
    }

    @Test
    void completionsNeverRunOnAnIoOrTimerThreadEvenWhenCallbacksBlock() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             MqttClient c = MqttClient.create(Fast.config(broker.host(), broker.port(), "completion-threads").maxInflight(100).build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<?>> all = blockingDependents(c, "ct/t", 12, 2000, threads);
            all.add(c.subscribe("ct/s", 1).thenAccept(q -> threads.add(Thread.currentThread().getName())));
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
            assertTrue(threads.stream().noneMatch(CompletionThreadsTest::forbidden), "callbacks ran on " + threads);
        }
    }

    @Test
    void aDependentStageThatBlocksOnAnotherOperationCannotDeadlockTheClient() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             MqttClient c = MqttClient.create(Fast.config(broker.host(), broker.port(), "dependent-join").maxInflight(100).build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> chains = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                CompletableFuture<Void> a = c.publish("dj/a", utf8("a" + i), false, 1);
                CompletableFuture<Void> b = c.publish("dj/b", utf8("b" + i), false, 1);
                chains.add(a.thenRun(() -> b.join())); // a.thenRun(() -> b.join()): b's completion is behind a's
            }
            long before = c.status().reconnects();
            CompletableFuture.allOf(chains.toArray(new CompletableFuture[0])).get(5, TimeUnit.SECONDS);
            assertTrue(c.isConnected() && c.status().reconnects() == before, "no deadlock, no reconnect");
            c.publish("dj/after", utf8("still alive"), false, 1).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void oneClientsBlockingCallbacksCannotDelayAnotherClientsTimers() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             FaultProxy silent = FaultProxy.to(broker);
             MqttClient busy = MqttClient.create(Fast.config(broker.host(), broker.port(), "busy-client").keepalive(60).maxInflight(100)
                     .build());
             MqttClient other = MqttClient.create(Fast.config(silent.host(), silent.port(), "other-client").keepalive(60).responseTime(30).build())) {
            busy.connect(true).get(10, TimeUnit.SECONDS);
            other.connect(true).get(10, TimeUnit.SECONDS);
            Set<String> ignored = ConcurrentHashMap.newKeySet();
            // The busy client's callbacks block every thread they get ...
            List<CompletableFuture<?>> held = blockingDependents(busy, "busy/t", 12, 4000, ignored);
            Thread.sleep(1200); // no traffic for a second: brokerUp() must ping, its answer comes through the timer
            held.add(busy.brokerUp().thenAccept(up -> sleep(3000))); // a timer-completed future with a blocking stage
            Thread.sleep(300);
            silent.blackhole();
            long t0 = System.nanoTime();
            CompletableFuture<Void> timed = other.publish("other/t", utf8("x"), false, 1, Duration.ofSeconds(1));
            ExecutionException e = assertThrows(ExecutionException.class, () -> timed.get(10, TimeUnit.SECONDS));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertInstanceOf(MqttTimeoutException.class, e.getCause());
            assertTrue(ms < 2500, "the other client's 1 s deadline fired after " + ms + " ms");
            silent.pass();
            CompletableFuture.allOf(held.toArray(new CompletableFuture[0])).get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void wanOkHasItsOwnDeadlineAndOccupiesNoSharedThread() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             DatagramSocket mute = new DatagramSocket(0, InetAddress.getLoopbackAddress()); // a DNS server that never answers
             MqttClient c = MqttClient.create(Fast.config(broker.host(), broker.port(), "wan-ok-pool").responseTime(2)
                     .wanOkServer("127.0.0.1:" + mute.getLocalPort()).build());
             MqttClient other = MqttClient.create(Fast.config(broker.host(), broker.port(), "wan-ok-other").build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            other.connect(true).get(10, TimeUnit.SECONDS);
            List<CompletableFuture<Boolean>> probes = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                probes.add(c.wanOk());
            }
            long callMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(callMs < 500, "20 wanOk() calls blocked the caller for " + callMs + " ms");
            Set<String> threads = ConcurrentHashMap.newKeySet();
            long t1 = System.nanoTime();
            other.publish("w/t", utf8("x"), false, 1).thenRun(() -> threads.add(Thread.currentThread().getName())).get(5, TimeUnit.SECONDS);
            long pubMs = (System.nanoTime() - t1) / 1_000_000;
            assertTrue(pubMs < 1000, "another client's publish took " + pubMs + " ms while probes waited");
            assertTrue(threads.stream().noneMatch(CompletionThreadsTest::forbidden), "completed on " + threads);
            for (CompletableFuture<Boolean> p : probes) {
                assertTrue(!p.get(10, TimeUnit.SECONDS), "nobody answers: false after response_time");
            }
        }
    }
}
