/*
 * Issue 12 item 5 and spec/bridge.md §5.5: one SNTP query (RFC 4330) with a deadline. The original
 * sends a 48-byte request and takes the transmit timestamp of whatever comes back; here a reply
 * must also look like an answer to our request, or it is ignored.
 */
package io.mqttas.bridge.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends one client request (version 4, mode 3) carrying a random transmit timestamp, and accepts
 * the first reply that is at least 48 bytes, in server mode (4), synchronised (leap indicator not
 * 3), of stratum 1..15, echoes our timestamp as its originate timestamp and has a non-zero
 * transmit timestamp. Other datagrams are ignored until the deadline, which bounds the whole query.
 */
final class SntpClient {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01. */
    static final long NTP_TO_UNIX = 2_208_988_800L;
    static final int PACKET = 48;

    private SntpClient() {
    }

    /** Unix seconds from {@code server}'s transmit timestamp; IOException naming what went wrong. */
    static long query(InetSocketAddress server, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            byte[] request = new byte[PACKET];
            request[0] = 0x23; // LI 0, VN 4, mode 3 (client)
            long stamp = ((System.currentTimeMillis() / 1000 + NTP_TO_UNIX) << 32)
                    | (ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL);
            put64(request, 40, stamp);
            socket.send(new DatagramPacket(request, PACKET));
            byte[] buf = new byte[512];
            String problem = "no reply";
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    break;
                } catch (PortUnreachableException e) {
                    throw new IOException("no SNTP server at " + server + " (port unreachable)");
                }
                String bad = check(buf, reply.getLength(), stamp);
                if (bad == null) {
                    return seconds(buf);
                }
                problem = "ignored a reply: " + bad;
            }
            throw new SocketTimeoutException("no valid SNTP reply from " + server + " within " + timeout.toMillis()
                    + " ms (" + problem + ")");
        }
    }

    /** Why {@code b} is not an answer to our request, or null if it is. */
    static String check(byte[] b, int length, long stamp) {
        if (length < PACKET) {
            return length + " bytes (an SNTP message has 48)";
        }
        int leap = (b[0] >> 6) & 3;
        int version = (b[0] >> 3) & 7;
        int mode = b[0] & 7;
        int stratum = b[1] & 0xFF;
        if (mode != 4) {
            return "mode " + mode + " (a server answers in mode 4)";
        }
        if (version < 1 || version > 4) {
            return "version " + version;
        }
        if (leap == 3) {
            return "server not synchronised (leap indicator 3)";
        }
        if (stratum == 0) {
            return "kiss-o'-death " + new String(b, 12, 4, StandardCharsets.US_ASCII).strip();
        }
        if (stratum > 15) {
            return "stratum " + stratum + " (unsynchronised)";
        }
        if (get64(b, 24) != stamp) {
            return "originate timestamp is not our request's";
        }
        if (get64(b, 40) == 0) {
            return "transmit timestamp 0";
        }
        return null;
    }

    /** The transmit timestamp's seconds as Unix time (RFC 4330 §3: MSB clear = era 1, from 2036). */
    static long seconds(byte[] b) {
        long s = get64(b, 40) >>> 32;
        if ((s & 0x8000_0000L) == 0) {
            s += 1L << 32;
        }
        return s - NTP_TO_UNIX;
    }

    static void put64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static long get64(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
