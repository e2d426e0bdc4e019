/* What the gateway's unit tests share: the client double, a memory radio, a hand-moved clock, cleanup. */
package io.mqttas.relay.internal;

import io.mqttas.testing.FakeMqttClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;

abstract class GatewayTestBase {
    static final NodeId A = NodeId.parse("246f28aabbcc");
    static final NodeId B = NodeId.parse("246f28aabbcd");

    final FakeMqttClient client = FakeMqttClient.accepting();
    final MemoryRadio radio = new MemoryRadio();
    final TestClock clock = new TestClock(Instant.parse("2026-03-04T05:06:07Z"));
    final List<Gateway> gateways = new ArrayList<>();

    /** A started gateway with these relay keys (key, value, …). */
    Gateway gateway(Object... keyValues) throws Exception {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        Gateway g = new Gateway(RelayConfig.fromMap(m), client, radio, clock);
        gateways.add(g);
        g.start();
        return g;
    }

    @AfterEach
    void closeGateways() {
        gateways.forEach(Gateway::close);
        waitFor(GatewayTestBase::relayThreadsGone, "relay threads gone after close");
    }

    static boolean relayThreadsGone() {
        return Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("mqttas-relay"));
    }

    static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Publications never acknowledged by the broker, reports accepted at once. */
    void brokerNeverAcknowledgesNodePublications() {
        client.responder = call -> {
            if (!call.op().equals("publish") || call.topic().startsWith("gw_")) {
                FakeMqttClient.ACCEPT.answer(call);
            }
        };
    }

    List<String> errors() {
        return client.payloads("gw_errors");
    }

    List<String> statuses() {
        return client.payloads("gw_status");
    }
}
