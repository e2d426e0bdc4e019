/* spec/mqtt_as.md §4.9: wan_ok against a local UDP DNS responder on loopback (never a public address). */
package io.mqttas.watchdog.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DnsProbeTest {
    private DatagramSocket server;
    private Thread responder;
    private final AtomicInteger queries = new AtomicInteger();

    /** Starts a responder that hands each query to {@code reply(query, sender)}. */
    private int respond(BiConsumer<byte[], DatagramPacket> reply) throws Exception {
        server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        responder = new Thread(() -> {
            byte[] buf = new byte[512];
            while (!server.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    server.receive(p);
                    queries.incrementAndGet();
                    reply.accept(Arrays.copyOf(buf, p.getLength()), p);
                } catch (Exception e) {
                    return;
                }
            }
        }, "test-dns");
        responder.start();
        return server.getLocalPort();
    }

    private void send(byte[] data, DatagramPacket to) {
        try {
            server.send(new DatagramPacket(data, data.length, to.getSocketAddress()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] answerTo(byte[] query) {
        byte[] a = query.clone();
        a[2] = (byte) (a[2] | 0x80);   // QR: response
        a[3] = (byte) 0x80;            // RA, RCODE 0
        return a;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
            responder.join(2000);
        }
    }

    @Test
    void anAnsweredQueryMeansTheWanIsOk() throws Exception {
        int port = respond((q, from) -> send(answerTo(q), from));
        assertTrue(DnsProbe.probe("127.0.0.1", port, "www.example.org", Duration.ofSeconds(5)));
        assertEquals(1, queries.get());
    }

    @Test
    void noAnswerMeansFalseAtTheDeadline() throws Exception {
        int port = respond((q, from) -> { });
        long t0 = System.nanoTime();
        assertFalse(DnsProbe.probe("127.0.0.1", port, "www.example.org", Duration.ofMillis(300)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 250 && ms < 5000, "took " + ms + " ms");
    }

    @Test
    void garbageAndForeignAnswersAreIgnoredUntilTheRealOne() throws Exception {
        int port = respond((q, from) -> {
            send(new byte[] {1, 2, 3}, from);                      // too short for a DNS header
            byte[] wrongId = answerTo(q);
            wrongId[1] ^= 0x55;
            send(wrongId, from);                                    // an answer to another query
            send(q, from);                                          // the query echoed: QR not set
            send(answerTo(q), from);
        });
        assertTrue(DnsProbe.probe("127.0.0.1", port, "www.example.org", Duration.ofSeconds(5)));
    }

    @Test
    void onlyGarbageMeansFalse() throws Exception {
        int port = respond((q, from) -> send(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}, from));
        assertFalse(DnsProbe.probe("127.0.0.1", port, "www.example.org", Duration.ofMillis(300)));
    }

    @Test
    void theQueryIsAStandardRecursiveTypeAQuery() {
        byte[] q = DnsProbe.query(0x241A, "www.google.com");
        byte[] expected = {0x24, 0x1A, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
            3, 'w', 'w', 'w', 6, 'g', 'o', 'o', 'g', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1};
        assertArrayEquals(expected, q);
    }

    @Test
    void badNamesFailNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DnsProbe.encodeName("a..b"));
        assertTrue(e.getMessage().contains("wan_dns_name"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DnsProbe.encodeName("x".repeat(64) + ".org"));
        assertThrows(IllegalArgumentException.class, () -> DnsProbe.encodeName(""));
    }

    @Test
    void anUnreachableServerIsFalseNotAnException() {
        assertFalse(DnsProbe.probe("no-such-host.invalid", 53, "www.example.org", Duration.ofMillis(200)));
    }
}
