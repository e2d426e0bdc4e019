/*
 * Issue 12 item 4: a stream has no clock and no reset wire, so the bridge sends idle NULs as a
 * heartbeat, ends the session of a host that went silent (once per silence), and re-opens a device
 * that failed with a back-off.
 */
package io.mqttas.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mqttas.testkit.ThreadLeakCheck;

class StreamLivenessTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
    private final RecordingEvents events = new RecordingEvents();
    private StreamLink link;

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }

    @Test
    void idleNulsGoToTheHostAsAHeartbeat() throws Exception {
        PipeOpener opener = new PipeOpener();
        link = new StreamLink("hb", opener, 4096, 16, new StreamLink.Liveness(100, 0, 50, 50));
        link.start(events);
        PipeOpener.HostEnd host = opener.nextHostEnd();
        assertEquals("stream opened", events.restart(WAIT));
        long start = System.nanoTime();
        int nuls = 0;
        while (nuls < 5) {
            int b = host.fromBridge.read();
            assertEquals(0, b, "only idle NULs while nothing else is sent");
            nuls++;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 300 && ms < 3000, "five heartbeats 100 ms apart took " + ms + " ms");
        link.send(Records.status(Records.RUNNING), false);
        assertEquals(Records.status(Records.RUNNING), host.read(), "records still pass between the NULs");
    }

    @Test
    void aSilentHostsSessionEndsOncePerSilence() throws Exception {
        PipeOpener opener = new PipeOpener();
        link = new StreamLink("idle", opener, 4096, 16, new StreamLink.Liveness(0, 200, 50, 50));
        link.start(events);
        PipeOpener.HostEnd host = opener.nextHostEnd();
        assertEquals("stream opened", events.restart(WAIT));
        assertNull(events.restart(Duration.ofMillis(400)), "a host that never spoke has no session to end");
        host.write("m");
        assertEquals("m", events.record(WAIT));
        long spoke = System.nanoTime();
        assertEquals("host silent", events.restart(WAIT));
        long ms = (System.nanoTime() - spoke) / 1_000_000;
        assertTrue(ms >= 150 && ms < 3000, "ended after " + ms + " ms of silence (timeout 200)");
        assertEquals("SILENT", link.state());
        assertNull(events.restart(Duration.ofMillis(500)), "once per silence, not every 200 ms");
        host.toBridge.write(0); // the host's idle NUL: alive again
        host.toBridge.flush();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"OPEN".equals(link.state()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("OPEN", link.state());
        for (int i = 0; i < 5; i++) { // idle NULs every 80 ms keep it alive
            Thread.sleep(80);
            host.toBridge.write(0);
            host.toBridge.flush();
        }
        assertNull(events.restart(Duration.ofMillis(10)), "a host sending idle NULs is alive");
        assertEquals("host silent", events.restart(WAIT), "and silent again later");
        assertEquals(2, link.counters().restarts.get() - 1, "two silences, one open");
    }

    /** An opener that fails {@code failures} times, recording when it was asked. */
    private static final class FlakyOpener implements StreamLink.Opener {
        final PipeOpener pipes = new PipeOpener();
        final List<Long> attempts = new CopyOnWriteArrayList<>();
        final AtomicInteger failures;

        FlakyOpener(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public StreamLink.Streams open() throws IOException {
            attempts.add(System.nanoTime());
            if (failures.getAndDecrement() > 0) {
                throw new IOException("serial device /dev/serial/by-id/usb-test is not present (unplugged?)");
            }
            return pipes.open();
        }

        @Override
        public String describe() {
            return "flaky";
        }
    }

    @Test
    void reopeningBacksOffUpToTheBound() throws Exception {
        FlakyOpener opener = new FlakyOpener(5);
        link = new StreamLink("re", opener, 4096, 16, new StreamLink.Liveness(0, 0, 50, 400));
        link.start(events);
        assertEquals("stream opened", events.restart(WAIT));
        assertEquals(6, opener.attempts.size());
        long[] expected = {50, 100, 200, 400, 400};
        for (int i = 0; i < expected.length; i++) {
            long gap = (opener.attempts.get(i + 1) - opener.attempts.get(i)) / 1_000_000;
            assertTrue(gap >= expected[i] - 5 && gap < expected[i] + 1000,
                    "pause " + i + " was " + gap + " ms, expected about " + expected[i]);
        }
        PipeOpener.HostEnd host = opener.pipes.nextHostEnd();
        assertNotNull(host);
        host.write("i");
        assertEquals("i", events.record(WAIT));
    }
}
