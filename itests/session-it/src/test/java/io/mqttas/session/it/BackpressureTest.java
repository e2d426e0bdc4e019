/*
 * Issue 9 item 1 (robustness.md P2, Paho #199/#576): a slow consumer must not deadlock the client.
 * A persistent session comes back to a backlog larger than the client's inbound queue, from a
 * Mosquitto that does not throttle (max_inflight_messages 0), while the application's connect and
 * message listeners block on subscribe(..).join() and publish(.., timeout).join(). Acknowledgements
 * must keep completing and the healthy link must not be declared dead.
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.mqttas.session.it.Fast.eventually;
import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackpressureTest {
    private static final int BACKLOG = 2500; // more than any client's delivery queue (1024 before, 1000 by default now)

    @Test
    void aSlowConsumerBlockingOnTheClientNeverStopsAcknowledgementsNorMakesTheLinkLookDead() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("max_inflight_messages 0")
                .configLine("max_queued_messages 10000").start();
             FaultProxy proxy = FaultProxy.to(broker)) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            AtomicInteger connects = new AtomicInteger();
            List<Integer> grantedAfterReconnect = new CopyOnWriteArrayList<>();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            MqttClient[] self = new MqttClient[1];
            MqttClient sub = MqttClient.create(Fast.config(proxy.host(), proxy.port(), "slow-consumer").clean(false).cleanInit(true)
                    .connectCoro(c -> {
                        if (connects.incrementAndGet() > 1) {
                            // The original's pattern: (re)subscribe in connect_coro and wait for it.
                            grantedAfterReconnect.add(c.subscribe("bp/extra", 1).join());
                        }
                    })
                    .subsCb((topic, payload, retained) -> {
                        String m = new String(payload);
                        if (seen.add(m) && m.endsWith("00")) {
                            try { // every 100th message the application answers, and waits for its PUBACK
                                self[0].publish("bp/echo", payload, false, 1, Duration.ofSeconds(20)).join();
                            } catch (RuntimeException e) {
                                errors.add(e);
                            }
                        }
                    }).build());
            self[0] = sub;
            try (MqttClient pub = MqttClient.create(Fast.config(broker.host(), broker.port(), "backlog-pub").maxInflight(50).build())) {
                sub.connect(true).get(10, TimeUnit.SECONDS);
                sub.subscribe("bp/t", 1).get(5, TimeUnit.SECONDS);
                proxy.refuse();
                proxy.resetConnections();
                eventually(Duration.ofSeconds(5), "outage seen", () -> !sub.isConnected());
                pub.connect(true).get(10, TimeUnit.SECONDS);
                List<CompletableFuture<Void>> fs = new ArrayList<>();
                for (int i = 0; i < BACKLOG; i++) {
                    fs.add(pub.publish("bp/t", utf8(String.format("m%05d", i)), false, 1));
                }
                CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
                long reconnectsBefore = sub.status().reconnects();
                proxy.pass(); // the session comes back with a backlog of BACKLOG messages, sent at once
                eventually(Duration.ofSeconds(40), "the whole backlog of " + BACKLOG + " delivered",
                        () -> seen.size() == BACKLOG);
                eventually(Duration.ofSeconds(10), "the connect listener's subscribe completed", () -> grantedAfterReconnect.size() == 1);
                assertEquals(List.of(1), grantedAfterReconnect);
                assertTrue(errors.isEmpty(), "the listener's own publications completed: " + errors);
                assertEquals(reconnectsBefore + 1, sub.status().reconnects(), "one reconnect (the outage), no spurious one");
                assertTrue(sub.isConnected());
            } finally {
                sub.close();
            }
        }
    }
}
