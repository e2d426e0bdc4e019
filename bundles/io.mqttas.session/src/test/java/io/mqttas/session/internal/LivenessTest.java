/* spec/mqtt_as.md §9 and issue 9 items 1, 4, 5: the liveness rules as pure logic over the clock. */
package io.mqttas.session.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LivenessTest {

    @Test
    void b17PingsEveryIntervalEvenWhenTrafficFlows() {
        Liveness k = new Liveness(1000, 10_000, 0);
        assertEquals(Liveness.Verdict.NOTHING, k.check(999));
        k.packetCompleted(500, false);
        assertEquals(Liveness.Verdict.SEND_PING, k.check(1000));
        k.pingQueued(1000);
        k.pingWritten(1000);
        k.packetCompleted(1010, true);
        assertEquals(Liveness.Verdict.NOTHING, k.check(1999));
        assertEquals(Liveness.Verdict.SEND_PING, k.check(2000));
    }

    @Test
    void deadAfterFourSilentPingIntervalsOnceAPingWentOut() {
        Liveness k = new Liveness(1000, 60_000, 0);
        k.packetCompleted(0, false);
        k.pingQueued(1000);
        k.pingWritten(1000);
        assertEquals(Liveness.Verdict.SEND_PING, k.check(3999));
        k.pingQueued(3999);
        assertEquals(Liveness.Verdict.DEAD_SILENT, k.check(4000));
    }

    @Test
    void silenceDoesNotCountWhileOurOwnPingCouldNotGoOut() {
        Liveness k = new Liveness(1000, 60_000, 0);
        k.packetCompleted(0, false);
        k.pingQueued(1000); // queued behind a large frame that takes a long time to write
        assertEquals(Liveness.Verdict.NOTHING, k.check(30_000));
    }

    @Test
    void pingMustBeAnsweredByAPingrespNotByOtherPackets() {
        Liveness k = new Liveness(10_000, 2_000, 0);
        k.pingQueued(10_000);
        k.pingWritten(10_000);
        k.packetCompleted(10_500, false); // a PUBLISH is no answer to a PINGREQ
        k.packetCompleted(11_500, false);
        assertEquals(Liveness.Verdict.NOTHING, k.check(11_999));
        assertEquals(Liveness.Verdict.DEAD_NO_PINGRESP, k.check(12_000));
        Liveness answered = new Liveness(10_000, 2_000, 0);
        answered.pingQueued(10_000);
        answered.pingWritten(10_000);
        answered.packetCompleted(10_050, true);
        assertEquals(Liveness.Verdict.NOTHING, answered.check(12_000));
        assertEquals(50, answered.lastRttMillis());
    }

    @Test
    void aTricklingPacketMustCompleteWithinResponseTimePlusItsLength() {
        Liveness k = new Liveness(60_000, 2_000, 0);
        k.packetStarted(100, 0);
        k.packetStarted(110, 100); // 100 bytes: allowance 2 s + ~0.1 s
        assertEquals(Liveness.Verdict.NOTHING, k.check(2_150));
        assertEquals(Liveness.Verdict.DEAD_PACKET_STALLED, k.check(2_200));
        Liveness big = new Liveness(1_000_000, 2_000, 0);
        big.packetStarted(0, 500 * 1024); // 500 KiB: allowance 2 s + 500 s
        assertEquals(Liveness.Verdict.NOTHING, big.check(400_000));
    }

    @Test
    void answerDeadlinesStopWhileReadingIsPausedOrAPacketArrives() {
        Liveness k = new Liveness(60_000, 2_000, 0);
        k.pingQueued(0);
        k.pingWritten(0);
        k.readsPaused(1_000, true); // backpressure: the PINGRESP cannot be read
        assertEquals(Liveness.Verdict.NOTHING, k.check(30_000));
        k.readsPaused(30_000, false);
        k.packetStarted(30_500, 10 * 1024); // a message ahead of the PINGRESP
        assertEquals(Liveness.Verdict.NOTHING, k.check(35_000));
        k.packetCompleted(35_000, false);
        assertEquals(Liveness.Verdict.NOTHING, k.check(35_499));
        assertEquals(Liveness.Verdict.DEAD_NO_PINGRESP, k.check(35_500));
        assertEquals(1_000 + 500 + 500, k.idleClock(35_500) - 0);
    }

    @Test
    void aSocketThatTakesNothingForResponseTimeIsDead() {
        Liveness k = new Liveness(10_000, 2_000, 0);
        k.writeState(1_500, true, true);
        assertEquals(Liveness.Verdict.NOTHING, k.check(3_000));
        k.writeState(3_000, true, false); // no progress
        assertEquals(Liveness.Verdict.DEAD_WRITE_STALLED, k.check(3_500));
        Liveness moving = new Liveness(10_000, 2_000, 0);
        moving.writeState(1_500, true, true);
        moving.writeState(3_000, true, true); // slow but moving
        assertEquals(Liveness.Verdict.NOTHING, moving.check(4_000));
    }

    @Test
    void tickIsFinerThanEveryRule() {
        assertEquals(2_500, new Liveness(15_000, 10_000, 0).tickMillis());
        assertEquals(250, new Liveness(1_000, 10_000, 0).tickMillis());
    }
}
