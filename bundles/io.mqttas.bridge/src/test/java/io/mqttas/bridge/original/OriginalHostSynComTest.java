/*
 * Issue 12 items 1, 3 and 6 with a host that behaves like the unmodified original (the Python model
 * of pbmqtt.py over the model of its bit-banged SynCom, both with their defects), wired to the
 * gateway's passive SynCom end through simulated pins, against Mosquitto with the real client.
 */
package io.mqttas.bridge.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mqttas.bridge.internal.Records;
import io.mqttas.bridge.internal.TimeSource;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;
import io.mqttas.testkit.ThreadLeakCheck;

class OriginalHostSynComTest {
    private static final Duration WAIT = OriginalHostFixture.WAIT;
    private ThreadLeakCheck leaks;
    private OriginalHostFixture f;

    @BeforeEach
    void start() {
        leaks = ThreadLeakCheck.snapshot("mqttas-");
        f = new OriginalHostFixture();
    }

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(10));
    }

    private static TimeSource clock() {
        return TimeSource.system(Clock.systemUTC());
    }

    /** Publishes {@code payload} until the host's callback reports it (the subscription may still be on its way). */
    private static void publishUntilReceived(OriginalHostFixture f, PythonHost host, String topic, String payload)
            throws Exception {
        MqttPublisher pub = MqttPublisher.to(f.broker);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            pub.publish(topic, payload, 1);
            PythonHost.Event e = host.poll("message", Duration.ofMillis(1500));
            if (e != null && e.field(1).equals(payload)) {
                return;
            }
        }
        throw new AssertionError("the host never got " + payload + "\n" + host.log());
    }

    @Test
    void aVerboseOriginalHostSurvivesEverythingTheBridgeSends() throws Exception {
        f.syncomWires(false);
        f.startSyncomBridge("verbose", OriginalHostFixture.options("verbose", 4096, Duration.ofMillis(100),
                Duration.ofMillis(400), clock()));
        MqttSubscriber fromHost = f.subscribe("host/#");
        PythonHost host = f.host("syncom", "\"verbose\": true, \"keepalive\": 10, \"response_time\": 2",
                "[\"dead/host\", \"gone\", false, 1]").start();
        host.awaitStatus(Records.WILLOK, WAIT);
        host.awaitStatus(Records.RUNNING, WAIT);
        host.await("start", WAIT);
        host.send("subscribe", "to/host", "1");
        publishUntilReceived(f, host, "to/host", "first");
        // what the old bridge answered with t|13, a status the host's table lacks: dropped now
        MqttPublisher pub = MqttPublisher.to(f.broker);
        pub.publish("to/host", "25\u00b0C", 1);
        pub.publish("to/host", "after", 1);
        PythonHost.Event after = host.await("message", WAIT);
        assertEquals("after", after.field(1), "the unsafe message was dropped, the next one arrives");
        host.send("publish", "1", "host/q1", "hello", "1", "0");
        host.await("published", WAIT);
        assertEquals("hello", fromHost.awaitMessage(WAIT).payloadUtf8());
        // UNKNOWN (t|6) is printed with its two text fields by a verbose host, then it resets the bridge
        host.send("command", "zap");
        host.awaitStatus(Records.UNKNOWN, WAIT);
        host.await("crash", WAIT);
        host.awaitStatus(Records.RUNNING, WAIT);
        assertTrue(host.log().contains("Unknown status: Unknown command: zap"), host.log());
        host.send("publish", "2", "host/q1", "again", "1", "0");
        host.await("published", WAIT);
        assertNull(host.poll("died", Duration.ofMillis(300)), "the host's link task is alive");

        // the test host does reproduce the original's defect: a status outside its table kills it
        f.link.send(String.join(String.valueOf(Records.SEP), "t", "13", "Rejected message:", "to/host", "x"), false);
        PythonHost.Event died = host.await("died", WAIT);
        assertTrue(died.field(0).contains("IndexError"), died.fields().toString());
    }

    @Test
    void anOriginalHostRepeatingABadInitIsAnsweredLaterAndLater() throws Exception {
        f.syncomWires(false);
        f.startSyncomBridge("badinit", OriginalHostFixture.options("badinit", 4096, Duration.ofMillis(250),
                Duration.ofMillis(1000), clock()));
        // the host's keepalive is not a number: the bridge refuses its INIT, the host resets it and tries again
        PythonHost host = f.host("syncom", "\"keepalive\": \"sixty\"", "null").start();
        List<Long> refusals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refusals.add(host.awaitStatus(Records.UNKNOWN, WAIT).nanos());
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < refusals.size(); i++) {
            gaps.add((refusals.get(i) - refusals.get(i - 1)) / 1_000_000);
        }
        // the host's own cycle is about 1.1 s (100 ms reset pulse, 1 s pause) plus the bridge's hold-back
        long[] holdBack = {250, 500, 1000};
        for (int i = 0; i < gaps.size(); i++) {
            assertTrue(gaps.get(i) >= 1000 + holdBack[i] && gaps.get(i) < 1100 + holdBack[i] + 3000,
                    "refusal " + (i + 1) + " came " + gaps.get(i) + " ms after the previous one; gaps " + gaps);
        }
        assertEquals(4, f.bridge.status().rejected(), f.bridge.status().toString());
        assertTrue(f.bridge.status().lastError().contains("field 'keepalive' = 'sixty'"), f.bridge.status().lastError());
        assertNull(host.poll("died", Duration.ofMillis(10)));
    }

    /** The same wires, with the gateway's reset output not connected. */
    private static io.mqttas.bridge.Pins withoutResetOut(io.mqttas.bridge.Pins p) {
        return new io.mqttas.bridge.Pins() {
            @Override
            public boolean clockIn() throws java.io.IOException {
                return p.clockIn();
            }

            @Override
            public boolean dataIn() throws java.io.IOException {
                return p.dataIn();
            }

            @Override
            public boolean resetIn() throws java.io.IOException {
                return p.resetIn();
            }

            @Override
            public void clockOut(boolean level) throws java.io.IOException {
                p.clockOut(level);
            }

            @Override
            public void dataOut(boolean level) throws java.io.IOException {
                p.dataOut(level);
            }

            @Override
            public void awaitInputChange(long maxNanos) throws InterruptedException {
                p.awaitInputChange(maxNanos);
            }

            @Override
            public void close() {
                // the wires stay for the next bridge
            }
        };
    }

    @Test
    void aHostThatGaveUpBeforeTheGatewayCameUpIsResetByTheResetOutput() throws Exception {
        f.syncomWires(true);
        // the host starts first (the gateway is still booting): reset pulse, 1 s pause, then 1 s
        // per bit (its timeout): no clock from the gateway, so it gives up and waits for ever
        String config = "\"verbose\": true, \"timeout\": 1";
        PythonHost host = f.host("syncom", config, "null").start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!host.log().contains("SynCom Timeout.") && System.nanoTime() < deadline) {
            OriginalHostFixture.sleep(50);
        }
        assertTrue(host.log().contains("SynCom Timeout."), host.log());
        // a gateway without the reset wire: the host stays stuck although the bridge is there
        try (io.mqttas.bridge.internal.BridgeRuntime without = new io.mqttas.bridge.internal.BridgeRuntime("noreset",
                new io.mqttas.bridge.internal.SynComLink("noreset", withoutResetOut(f.wires.bridgePins()), 4096, 64,
                        5000, 50), io.mqttas.bridge.internal.ClientProvider.own(),
                OriginalHostFixture.options("noreset", 4096, Duration.ofMillis(100), Duration.ofMillis(400), clock()))
                .start()) {
            assertNull(host.poll("status", Duration.ofSeconds(2)), "stuck: " + host.kinds());
            assertEquals(0, without.status().sessions());
        }
        // with it, the bridge pulses the host's reset once it is ready
        f.startSyncomBridge("resetout", OriginalHostFixture.options("resetout", 4096, Duration.ofMillis(100),
                Duration.ofMillis(400), clock()));
        long pulseBy = System.nanoTime() + WAIT.toNanos();
        while (f.wires.hostResetPulses() == 0 && System.nanoTime() < pulseBy) {
            OriginalHostFixture.sleep(10);
        }
        assertEquals(1, f.wires.hostResetPulses());
        // the board's reset restarts its program: a new process, which now finds the gateway
        host.kill();
        host.clearEvents();
        host.start();
        host.awaitStatus(Records.RUNNING, WAIT);
        host.await("start", WAIT);
    }
}
