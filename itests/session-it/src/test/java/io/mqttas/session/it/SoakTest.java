/*
 * robustness.md §6.3 and P4/P5: many forced disconnects with a flat thread count, and QoS 1
 * delivery through broker restarts with zero loss (duplicates counted and reported).
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.ThreadLeakCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.mqttas.session.it.Fast.eventually;
import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoakTest {

    private static long threads(String prefix) {
        return ThreadLeakCheck.live(prefix).size();
    }

    @Test
    void thousandForcedReconnectsKeepTheThreadCountFlat() throws Exception {
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-");
        try (MosquittoBroker broker = MosquittoBroker.start();
             FaultProxy proxy = FaultProxy.to(broker)) {
            MqttClient c = MqttClient.create(Fast.config(proxy.host(), proxy.port(), "soak-reconnects")
                    .reconnectDelayMin(0).reconnectDelayMax(0.01).build());
            c.connect(true).get(10, TimeUnit.SECONDS);
            long threadsAtStart = -1;
            int cycles = 1000;
            for (int i = 0; i < cycles; i++) {
                long before = c.status().reconnects();
                proxy.resetConnections();
                eventually(Duration.ofSeconds(10), "reconnect #" + (i + 1), () -> c.status().reconnects() > before && c.isConnected());
                if (i == 9) {
                    threadsAtStart = threads("mqttas-soak-reconnects");
                }
            }
            long threadsAtEnd = threads("mqttas-soak-reconnects");
            assertEquals(threadsAtStart, threadsAtEnd, "client threads after 10 and after " + cycles + " reconnects");
            assertTrue(threadsAtEnd <= 3, "reader, writer, delivery: " + ThreadLeakCheck.live("mqttas-soak-reconnects"));
            c.publish("soak/t", utf8("still alive"), false, 1).get(5, TimeUnit.SECONDS);
            assertTrue(c.status().reconnects() >= cycles);
            c.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(10));
    }

    @Test
    void tenThousandQos1MessagesThroughTwentyBrokerRestartsLoseNothing() throws Exception {
        int total = 10_000;
        int restarts = 20;
        try (MosquittoBroker broker = MosquittoBroker.builder().persistence(true).start()) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            AtomicLong received = new AtomicLong();
            MqttConfig.Builder subCfg = Fast.config(broker.host(), broker.port(), "soak-sub").clean(false).cleanInit(true)
                    .keepalive(5).responseTime(2)
                    .subsCb((t, p, r) -> {
                        received.incrementAndGet();
                        seen.add(new String(p));
                    });
            try (MqttClient sub = MqttClient.create(subCfg.build());
                 MqttClient pub = MqttClient.create(Fast.config(broker.host(), broker.port(), "soak-pub").keepalive(5)
                         .responseTime(2).maxInflight(20).build())) {
                sub.connect(true).get(15, TimeUnit.SECONDS);
                sub.subscribe("soak/qos1", 1).get(5, TimeUnit.SECONDS);
                pub.connect(true).get(10, TimeUnit.SECONDS);
                List<CompletableFuture<Void>> fs = new ArrayList<>(total);
                java.util.concurrent.atomic.AtomicInteger acked = new java.util.concurrent.atomic.AtomicInteger();
                long t0 = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    CompletableFuture<Void> f = pub.publish("soak/qos1", utf8("m" + i), false, 1);
                    f.thenRun(acked::incrementAndGet);
                    fs.add(f);
                }
                // Restarts spread over the run: each one when another 1/21 of the messages is acknowledged.
                for (int k = 1; k <= restarts; k++) {
                    int mark = k * total / (restarts + 1);
                    eventually(Duration.ofSeconds(60), "progress to " + mark + " acknowledged", () -> acked.get() >= mark);
                    // SIGTERM: the broker saves its persistence (a SIGKILL would make the broker itself
                    // lose messages it had acknowledged, which no client can prevent).
                    broker.stop();
                    broker.startAgain();
                }
                CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
                eventually(Duration.ofSeconds(60), "all " + total + " messages at the subscriber (seen " + seen.size() + ")",
                        () -> seen.size() == total);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                long duplicates = received.get() - seen.size();
                System.out.printf("soak: %d QoS 1 messages through %d broker restarts in %d ms: 0 lost, %d duplicates, "
                        + "publisher reconnects %d, subscriber reconnects %d%n", total, broker.starts() - 1, ms, duplicates,
                        pub.status().reconnects(), sub.status().reconnects());
                assertEquals(restarts + 1, broker.starts());
                assertEquals(total, seen.size());
            }
        }
    }
}
