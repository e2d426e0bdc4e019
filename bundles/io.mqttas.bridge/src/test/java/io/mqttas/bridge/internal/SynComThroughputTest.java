/*
 * docs/BENCHMARKS.md "Bridge: simulated SynCom link throughput": characters per second through the
 * passive link and a simulated initiator, both directions at once, over SimulatedWires.
 */
package io.mqttas.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.mqttas.testkit.ThreadLeakCheck;

class SynComThroughputTest {
    /** Records of 100 characters each way; override with -Dbridge.bench.records=N for a longer run. */
    private static final int RECORDS = Integer.getInteger("bridge.bench.records", 100);

    @Test
    void simulatedLinkCarriesCharactersBothWays() throws Exception {
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
        SimulatedWires wires = new SimulatedWires();
        RecordingEvents events = new RecordingEvents();
        SynComLink link = new SynComLink("bench", wires.bridgePins(), 4096, RECORDS + 1, 0, 50);
        link.start(events);
        String payload = "0123456789".repeat(10);
        try (SynComInitiator host = new SynComInitiator(wires.hostPins(), Duration.ofMillis(10),
                Duration.ofMillis(20), Duration.ofSeconds(5)).start()) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!host.synced() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(host.synced());
            long start = System.nanoTime();
            for (int i = 0; i < RECORDS; i++) {
                host.send(payload);
                link.send(payload, false);
            }
            for (int i = 0; i < RECORDS; i++) {
                assertEquals(payload, events.record(Duration.ofSeconds(30)), "host → bridge record " + i);
                assertEquals(payload, host.poll(Duration.ofSeconds(30)), "bridge → host record " + i);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long chars = (long) RECORDS * (payload.length() + 1);
            double perSecond = chars / seconds;
            System.out.printf("BENCH bridge.syncom.simulated: %d records x %d chars each way in %.2f s = %.0f chars/s "
                    + "per direction (%.0f bit/s)%n", RECORDS, payload.length() + 1, seconds, perSecond,
                    perSecond * 7);
            // the ESP8266 original managed about 118 chars/s with the MQTT application running (spec §3.6)
            assertTrue(perSecond > 118, "faster than the original: " + perSecond);
        } finally {
            link.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }
}
