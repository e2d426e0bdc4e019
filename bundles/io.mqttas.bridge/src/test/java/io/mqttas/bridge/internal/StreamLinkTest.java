/* Issue 5 item 2: the protocol's framing over a byte stream (pipe pair), bounded and restartable. */
package io.mqttas.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mqttas.testkit.ThreadLeakCheck;

class StreamLinkTest {
    private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final PipeOpener opener = new PipeOpener();
    private final RecordingEvents events = new RecordingEvents();
    private StreamLink link;

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }

    private PipeOpener.HostEnd start(int maxLength) throws Exception {
        link = new StreamLink("s", opener, maxLength, 16, 50);
        link.start(events);
        PipeOpener.HostEnd host = opener.nextHostEnd();
        assertNotNull(host);
        assertEquals("stream opened", events.restart(WAIT));
        return host;
    }

    @Test
    void recordsCrossBothWaysWithTheSameFraming() throws Exception {
        PipeOpener.HostEnd host = start(4096);
        host.write(Records.join("init", "a", "b"));
        host.toBridge.write(new byte[] {0, 0, 'm', 0}); // idle zeros are ignored
        assertEquals(Records.join("init", "a", "b"), events.record(WAIT));
        assertEquals("m", events.record(WAIT));
        link.send(Records.status(5), false);
        assertEquals(Records.status(5), host.read());
        assertEquals("OPEN", link.state());
    }

    @Test
    void overlongAndNonAsciiRecordsAreDropped() throws Exception {
        PipeOpener.HostEnd host = start(16);
        host.write("x".repeat(1000));
        host.toBridge.write(new byte[] {'p', (byte) 0xC3, (byte) 0xA9, 0});
        host.write("i");
        assertEquals("i", events.record(WAIT));
        assertEquals(2, link.counters().recordsDropped.get());
    }

    @Test
    void endOfStreamReopensAndRestartsTheSession() throws Exception {
        PipeOpener.HostEnd host = start(4096);
        host.close(); // the host end goes away: EOF on the bridge's side
        PipeOpener.HostEnd again = opener.nextHostEnd();
        assertNotNull(again, "re-opened");
        assertEquals("stream opened", events.restart(WAIT));
        again.write("m");
        assertEquals("m", events.record(WAIT));
    }
}
