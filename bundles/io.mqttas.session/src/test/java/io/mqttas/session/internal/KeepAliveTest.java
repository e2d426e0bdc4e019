/* spec/mqtt_as.md §9: pings every interval, 4 silent intervals, half-open and stalled writes. */
package io.mqttas.session.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeepAliveTest {

    @Test
    void b17PingsEveryIntervalEvenWhenTrafficFlows() {
        KeepAlive k = new KeepAlive(1000, 10_000, 0);
        assertEquals(KeepAlive.Verdict.NOTHING, k.check(999, -1));
        k.received(500);
        assertEquals(KeepAlive.Verdict.SEND_PING, k.check(1000, -1));
        k.pingSent(1000);
        k.received(1010);
        assertEquals(KeepAlive.Verdict.NOTHING, k.check(1999, -1));
        assertEquals(KeepAlive.Verdict.SEND_PING, k.check(2000, -1));
    }

    @Test
    void deadAfterFourSilentPingIntervals() {
        KeepAlive k = new KeepAlive(1000, 60_000, 0);
        k.received(0);
        assertEquals(KeepAlive.Verdict.SEND_PING, k.check(3999, -1));
        assertEquals(KeepAlive.Verdict.DEAD_SILENT, k.check(4000, -1));
    }

    @Test
    void halfOpenWhenNothingAnswersAPingWithinResponseTime() {
        KeepAlive k = new KeepAlive(10_000, 2_000, 0);
        k.pingSent(10_000);
        assertEquals(KeepAlive.Verdict.NOTHING, k.check(11_999, -1));
        assertEquals(KeepAlive.Verdict.DEAD_NO_PINGRESP, k.check(12_000, -1));
        KeepAlive answered = new KeepAlive(10_000, 2_000, 0);
        answered.pingSent(10_000);
        answered.received(10_050);
        assertEquals(KeepAlive.Verdict.NOTHING, answered.check(12_000, -1));
    }

    @Test
    void writeStuckForResponseTimeIsDead() {
        KeepAlive k = new KeepAlive(10_000, 2_000, 0);
        assertEquals(KeepAlive.Verdict.NOTHING, k.check(3_000, 1_500));
        assertEquals(KeepAlive.Verdict.DEAD_WRITE_STALLED, k.check(3_500, 1_500));
    }

    @Test
    void tickIsFinerThanBothRules() {
        assertEquals(2_500, new KeepAlive(15_000, 10_000, 0).tickMillis());
        assertEquals(250, new KeepAlive(1_000, 10_000, 0).tickMillis());
    }
}
