/*
 * Issue 12 items 6 and 7 on the link: the optional reset output is pulsed once the link is ready;
 * polling backs off while the host's clock is idle and still sees every 100 ms reset pulse.
 */
package io.mqttas.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mqttas.bridge.Pins;
import io.mqttas.testkit.ThreadLeakCheck;

class SynComIdleAndResetOutTest {
    private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
    private final RecordingEvents events = new RecordingEvents();
    private SynComLink link;

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }

    /** Simulated pins that poll like GPIO (no wake-up on a change) and count input reads. */
    static final class PolledPins implements Pins {
        final Pins wires;
        final AtomicLong reads = new AtomicLong();

        PolledPins(Pins wires) {
            this.wires = wires;
        }

        @Override
        public boolean clockIn() throws IOException {
            reads.incrementAndGet();
            return wires.clockIn();
        }

        @Override
        public boolean dataIn() throws IOException {
            reads.incrementAndGet();
            return wires.dataIn();
        }

        @Override
        public boolean resetIn() throws IOException {
            reads.incrementAndGet();
            return wires.resetIn();
        }

        @Override
        public void clockOut(boolean level) throws IOException {
            wires.clockOut(level);
        }

        @Override
        public void dataOut(boolean level) throws IOException {
            wires.dataOut(level);
        }

        @Override
        public void awaitInputChange(long maxNanos) throws InterruptedException {
            LockSupport.parkNanos(maxNanos);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }

        @Override
        public void close() {
            wires.close();
        }
    }

    @Test
    void resetOutputIsPulsedOnceWhenTheLinkStarts() throws Exception {
        SimulatedWires wires = new SimulatedWires(true);
        SimulatedWires.HostPins host = wires.hostPins();
        link = new SynComLink("ro", wires.bridgePins(), 4096, 16, 0, 50);
        long start = System.nanoTime();
        link.start(events);
        long deadline = start + 5_000_000_000L;
        while (wires.hostResetPulses() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(1, wires.hostResetPulses());
        while (!host.resetIn() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(host.resetIn(), "released");
        assertTrue(ms >= 95 && ms < 3000, "held low about 100 ms: " + ms);
        Thread.sleep(300);
        assertEquals(1, wires.hostResetPulses(), "once per start");
        try (SynComInitiator h = new SynComInitiator(host, Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofSeconds(5)).start()) {
            h.send("m");
            String got;
            do {
                got = events.record(Duration.ofSeconds(10));
            } while (got != null && !got.equals("m"));
            assertEquals("m", got, "the link works after the pulse");
        }
        assertEquals(1, wires.hostResetPulses(), "a reset from the host does not make the bridge pulse again");
    }

    @Test
    void idlePollingBacksOffAndStillSeesEveryResetPulse() throws Exception {
        SimulatedWires wires = new SimulatedWires();
        SimulatedWires.HostPins host = wires.hostPins();
        PolledPins pins = new PolledPins(wires.bridgePins());
        link = new SynComLink("idle", pins, 4096, 16, 0, 50, 20);
        link.start(events);
        assertEquals("start", events.restart(Duration.ofSeconds(5)));
        Thread.sleep(300); // idle: the pause has grown to its bound
        long before = pins.reads.get();
        long t0 = System.nanoTime();
        Thread.sleep(1000);
        double perSecond = (pins.reads.get() - before) / ((System.nanoTime() - t0) / 1e9);
        // two reads (reset, clock) per 20 ms poll: about 100/s; the old fixed 1 ms poll made about 2,000/s
        assertTrue(perSecond < 300, "idle reads per second: " + perSecond);
        for (int i = 0; i < 3; i++) {
            host.reset(false);
            Thread.sleep(100); // the host's pulse (spec §3.3)
            host.reset(true);
            assertEquals("reset pulse", events.restart(Duration.ofSeconds(2)), "pulse " + i + " seen while idle");
            Thread.sleep(300);
        }
    }
}
