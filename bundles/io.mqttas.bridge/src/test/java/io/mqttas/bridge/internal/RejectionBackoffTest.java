/*
 * Issue 12 item 3: a host refused again and again (bad INIT field or will, failing broker) is
 * answered later and later, bounded; logged once per change of reason; counted.
 */
package io.mqttas.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.ThreadLeakCheck;

class RejectionBackoffTest {
    private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-");
    private final RecordingLink link = new RecordingLink();
    private BridgeProtocol protocol;

    @AfterEach
    void stop() {
        if (protocol != null) {
            protocol.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(10));
    }

    @Test
    void delaysDoubleUpToTheBoundAndResetOnSuccess() {
        RejectionBackoff b = new RejectionBackoff("b", Duration.ofMillis(100), Duration.ofMillis(500));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            delays.add(b.refused("same reason").toMillis());
        }
        assertEquals(List.of(0L, 100L, 200L, 400L, 500L, 500L), delays);
        assertEquals(1, b.warnings(), "logged once for one reason");
        b.refused("another reason");
        assertEquals(2, b.warnings(), "and again when the reason changes");
        b.succeeded();
        assertEquals(0, b.refused("another reason").toMillis(), "after a running session: at once again");
        assertEquals(8, b.refusals());
    }

    private static String r(String bars) {
        return BridgeProtocolTest.r(bars);
    }

    /** Time from sending {@code record} (after a restart, as the host does after its reset) to the answer. */
    private long answerMillis(String record, String expectedPrefix) throws InterruptedException {
        protocol.onRestart("reset pulse");
        long start = System.nanoTime();
        protocol.onRecord(r(record));
        String got = link.next();
        while (got != null && !got.startsWith(expectedPrefix)) {
            got = link.next();
        }
        assertNotNull(got, "no " + expectedPrefix);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aHostRepeatingABadInitIsAnsweredLaterAndLater() throws Exception {
        protocol = new BridgeProtocol("bo", link, ClientProvider.own(c -> {
            throw new AssertionError("no client for a bad INIT");
        }), new BridgeProtocol.Options("bo", 4096, 8, Duration.ofSeconds(5), Clock.systemUTC(), Duration.ofMillis(100),
                Duration.ofMillis(400), TimeSource.system(Clock.systemUTC())));
        protocol.start();
        String bad = BridgeProtocolTest.INIT.replace("|60|", "|sixty|");
        long[] expected = {0, 100, 200, 400, 400};
        for (long e : expected) {
            long took = answerMillis(bad, "t|6|Bad init:|field 'keepalive'");
            assertTrue(took >= e - 20 && took < e + 2000, "answer after " + took + " ms, expected about " + e);
        }
        assertEquals(5, link.counters().rejected.get());
        // a will refused the same way counts as a refusal in a row too
        long took = answerMillis("w|a/#|x|False|0", "t|6|Bad will:");
        assertTrue(took >= 380, "still backing off: " + took);
        // the host resets while the answer is held back: nothing is sent into the new session
        protocol.onRestart("reset pulse");
        protocol.onRecord(r(bad));
        Thread.sleep(100);
        protocol.onRestart("reset pulse");
        assertEquals(null, link.next(Duration.ofMillis(600)), "the held-back answer died with its session");
    }

    @Test
    void aFailingBrokerIsRetriedDuringTheHoldBackAndTheLoopEndsWhenItReturns() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            int port = broker.port();
            broker.kill();
            protocol = new BridgeProtocol("bf", link, ClientProvider.own(
                    m -> MqttClient.create(MqttConfig.fromMap(m))), new BridgeProtocol.Options(
                    "bf-" + ProcessHandle.current().pid(), 4096, 8, Duration.ofSeconds(5), Clock.systemUTC(),
                    Duration.ofMillis(1500), Duration.ofSeconds(3), TimeSource.system(Clock.systemUTC())));
            protocol.start();
            String init = "init|s|p|127.0.0.1|||{}|0|" + port + "|0|1|10|0|1|4|2|0|pool.ntp.org";
            long first = answerMillis(init, "t|8");
            assertTrue(first < 1500, "first failure answered at once (the original's behaviour): " + first);
            // the host resets and tries again: the answer is held back 1.5 s, the bridge keeps trying;
            // the broker comes back in the meantime, so the session runs instead of BROKER_FAIL
            protocol.onRestart("reset pulse");
            protocol.onRecord(r(init));
            assertEquals("t|1", link.next());
            Thread.sleep(300);
            broker.startAgain();
            String got = link.next(Duration.ofSeconds(15));
            assertEquals("t|0", got, "connected during the hold-back");
            assertEquals("t|5", link.next());
            assertEquals("t|9", link.next());
            assertEquals(1, link.counters().rejected.get(), "one BROKER_FAIL");
        }
    }
}
