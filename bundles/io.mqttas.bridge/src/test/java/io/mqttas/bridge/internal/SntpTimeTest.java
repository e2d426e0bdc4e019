/*
 * Issue 12 item 5: the host's time from SNTP when ntp_host is set — a real UDP responder on
 * loopback — with a deadline: silence, bogus replies and a dead port give 0 (time unknown) within
 * the deadline; the gateway clock otherwise, 0 while it is before 2016.
 */
package io.mqttas.bridge.internal;

import io.mqttas.testing.FakeMqttClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mqttas.testkit.ThreadLeakCheck;

class SntpTimeTest {
    private static final long NOW = Instant.parse("2026-12-01T12:00:00Z").getEpochSecond();
    private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");

    @AfterEach
    void noThreadLeft() {
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }

    private static long timed(TimeSource t, long[] millis) {
        long start = System.nanoTime();
        long v = t.secondsSince2000();
        millis[0] = (System.nanoTime() - start) / 1_000_000;
        return v;
    }

    @Test
    void aGoodServerGivesSecondsSince2000() throws Exception {
        try (SntpResponder server = new SntpResponder(NOW)) {
            TimeSource t = new SntpTime("t", server.hostPort(), Duration.ofMillis(1000));
            assertEquals(NOW - TimeSource.Y2K, t.secondsSince2000());
            server.bogusFirst = true; // a spoofed reply first: ignored, the real one taken
            assertEquals(NOW - TimeSource.Y2K, t.secondsSince2000());
            server.unixSeconds = Instant.parse("2040-01-01T00:00:00Z").getEpochSecond(); // NTP era 1
            assertEquals(server.unixSeconds - TimeSource.Y2K, t.secondsSince2000());
        }
    }

    @Test
    void silenceAndBogusRepliesGiveZeroWithinTheDeadline() throws Exception {
        try (SntpResponder server = new SntpResponder(NOW)) {
            TimeSource t = new SntpTime("t", server.hostPort(), Duration.ofMillis(150));
            long[] ms = new long[1];
            for (SntpResponder.Mode m : SntpResponder.Mode.values()) {
                if (m == SntpResponder.Mode.GOOD) {
                    continue;
                }
                server.mode = m;
                assertEquals(0, timed(t, ms), m + " gives time unknown");
                assertTrue(ms[0] < 2000, m + ": answered within the deadline, took " + ms[0] + " ms");
            }
            server.mode = SntpResponder.Mode.GOOD;
            server.unixSeconds = Instant.parse("2001-05-01T00:00:00Z").getEpochSecond();
            assertEquals(0, t.secondsSince2000(), "a server claiming 2001 is not believed (spec §5.5 step 4)");
            assertTrue(server.requests.get() >= 8);
        }
    }

    @Test
    void aDeadPortGivesZero() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long[] ms = new long[1];
        assertEquals(0, timed(new SntpTime("t", "127.0.0.1:" + port, Duration.ofMillis(400)), ms));
        assertTrue(ms[0] < 2000, "took " + ms[0]);
    }

    @Test
    void hostPortIsCheckedAndTheSystemClockIsTheDefault() {
        assertThrows(IllegalArgumentException.class, () -> new SntpTime("t", "pool.ntp.org:99999", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new SntpTime("t", " ", Duration.ofSeconds(1)));
        assertEquals("SNTP pool.ntp.org:123", new SntpTime("t", "pool.ntp.org", Duration.ofSeconds(1)).toString());
        assertEquals("SNTP ::1:123", new SntpTime("t", "[::1]", Duration.ofSeconds(1)).toString());
        assertEquals("SNTP ::1:1234", new SntpTime("t", "[::1]:1234", Duration.ofSeconds(1)).toString());
        Clock now = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        assertEquals(NOW - TimeSource.Y2K, TimeSource.system(now).secondsSince2000());
        assertEquals(0, TimeSource.system(Clock.fixed(Instant.parse("2015-06-01T00:00:00Z"), ZoneOffset.UTC))
                .secondsSince2000());
    }

    @Test
    void theHostsTimeRequestIsAnsweredFromNtp() throws Exception {
        try (SntpResponder server = new SntpResponder(NOW)) {
            RecordingLink link = new RecordingLink();
            Clock wrong = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
            BridgeProtocol p = new BridgeProtocol("ntp", link, ClientProvider.own(m -> {
                FakeMqttClient c = new FakeMqttClient();
                c.connected = true;
                c.connectFuture.complete(false);
                return c;
            }), new BridgeProtocol.Options("ntp", 4096, 8, Duration.ofSeconds(5), wrong, Duration.ofMillis(10),
                    Duration.ofMillis(20), new SntpTime("ntp", server.hostPort(), Duration.ofMillis(500))));
            p.start();
            try {
                p.onRestart("start");
                p.onRecord(BridgeProtocolTest.r(BridgeProtocolTest.INIT));
                String got;
                do {
                    got = link.next();
                } while (got != null && !got.equals("t|9"));
                p.onRecord("i");
                assertEquals("i|" + (NOW - TimeSource.Y2K), link.next(), "from the server, not the (wrong) clock");
                server.mode = SntpResponder.Mode.SILENT;
                p.onRecord("i");
                assertEquals("i|0", link.next(), "no answer in time: 0, as the original");
            } finally {
                p.close();
            }
        }
    }
}
