/* spec/bridge.md §3.5–§3.7, §12: the passive link on its thread, driven bit by bit by a simulated host. */
package io.mqttas.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mqttas.testkit.ThreadLeakCheck;

class SynComLinkTest {
    private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SimulatedWires wires = new SimulatedWires();
    private final RecordingEvents events = new RecordingEvents();
    private SynComLink link;
    private SynComInitiator host;

    private void start(int maxLength, long stallMillis, Duration resetPulse, Duration pause) {
        link = new SynComLink("t", wires.bridgePins(), maxLength, 16, stallMillis, 200);
        link.start(events);
        host = new SynComInitiator(wires.hostPins(), resetPulse, pause, Duration.ofSeconds(5)).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (host != null) {
            host.close();
        }
        if (link != null) {
            link.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }

    @Test
    void recordsCrossBothWays() throws Exception {
        start(4096, 0, Duration.ofMillis(100), Duration.ofSeconds(1)); // the host's real timing
        assertNotNull(events.restart(WAIT), "restart for the reset pulse");
        host.send(Records.join("init", "a", "b"));
        host.send("m");
        assertEquals(Records.join("init", "a", "b"), events.record(WAIT));
        assertEquals("m", events.record(WAIT));
        link.send(Records.status(7), false);
        link.send("", false); // empty: nothing visible (spec §3.5)
        link.send(Records.join("u", "t/x", "hello", "False"), true);
        assertEquals(Records.status(7), host.poll(WAIT));
        assertEquals(Records.join("u", "t/x", "hello", "False"), host.poll(WAIT));
        assertEquals("SYNCED", link.state());
    }

    @Test
    void resetPulseRestartsLinkAndDropsQueuedRecords() throws Exception {
        start(4096, 0, Duration.ofMillis(20), Duration.ofMillis(50));
        host.send("i");
        assertEquals("i", events.record(WAIT));
        events.restarts.clear();
        for (int i = 0; i < 10; i++) {
            link.send("queued-" + i, false); // at ~kchar/s these are still queued when the pulse comes
        }
        host.requestReset();
        assertNotNull(events.restart(WAIT), "reset pulse seen");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!host.synced() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(host.synced(), "host re-synchronised after the pulse");
        host.clearReceived();
        host.send("m");
        assertEquals("m", events.record(WAIT));
        link.send("after", false);
        String got;
        do {
            got = host.poll(WAIT);
        } while (got != null && got.startsWith("queued-")); // ones already on the wire before the pulse
        assertEquals("after", got);
    }

    @Test
    void overlongRecordIsDroppedAndTheNextOneArrives() throws Exception {
        start(20, 0, Duration.ofMillis(10), Duration.ofMillis(20));
        host.send("x".repeat(50));
        host.send("m");
        assertEquals("m", events.record(WAIT));
        assertEquals(1, link.counters().recordsDropped.get());
        assertTrue(link.counters().lastError.contains("max_message_length"));
    }

    @Test
    void stalledHostClockRestartsTheLink() throws Exception {
        start(4096, 300, Duration.ofMillis(10), Duration.ofMillis(20));
        host.send("m");
        assertEquals("m", events.record(WAIT));
        events.restarts.clear();
        host.close(); // the host stops clocking mid-stream
        SimulatedWires.HostPins dead = wires.hostPins();
        dead.dataOut(false);
        dead.clockOut(false); // at most one more edge, then nothing
        assertEquals("stall", events.restart(WAIT));
        Thread.sleep(50);
        assertFalse(dead.clockIn(), "clock output low after the restart");
        // a host whose clock then sticks high gives one step after the restart; no restart loop follows
        dead.clockOut(true);
        assertNull(events.restart(Duration.ofMillis(1000)), "one restart per stall, not a loop");
        assertTrue(dead.clockIn(), "the passive end followed that one edge");
        host = null;
    }
}
