/* B18, DESIGN.md §7: bounded exponential back-off with jitter. */
package io.mqttas.session.internal;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconnectPolicyTest {

    @Test
    void doublesUpToTheCeilingWithoutJitter() {
        ReconnectPolicy p = new ReconnectPolicy(1000, 8000, 0, () -> 0.5);
        assertEquals(1000, p.nextDelayMillis());
        assertEquals(2000, p.nextDelayMillis());
        assertEquals(4000, p.nextDelayMillis());
        assertEquals(8000, p.nextDelayMillis());
        assertEquals(8000, p.nextDelayMillis());
        for (int i = 0; i < 100; i++) {
            assertEquals(8000, p.nextDelayMillis());
        }
        p.reset();
        assertEquals(1000, p.nextDelayMillis());
    }

    @Test
    void b18JitterSpreadsAFleetWithinTheBound() {
        Random r = new Random(42);
        Set<Long> seen = new HashSet<>();
        for (int client = 0; client < 50; client++) {
            ReconnectPolicy p = new ReconnectPolicy(1000, 30_000, 0.5, r::nextDouble);
            long d = p.nextDelayMillis();
            assertTrue(d >= 500 && d <= 1000, "delay " + d);
            seen.add(d);
        }
        assertTrue(seen.size() > 20, "clients must not reconnect in lock-step: " + seen.size() + " distinct delays");
    }

    @Test
    void zeroMinimumNeverBecomesAHotLoop() {
        ReconnectPolicy p = new ReconnectPolicy(0, 10_000, 0, () -> 0);
        assertEquals(0, p.nextDelayMillis());
        assertTrue(p.nextDelayMillis() >= ReconnectPolicy.FLOOR_MILLIS);
        long last = 0;
        for (int i = 0; i < 10; i++) {
            long d = p.nextDelayMillis();
            assertTrue(d >= last);
            last = d;
        }
        assertEquals(10_000, last);
    }
}
