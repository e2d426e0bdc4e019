/*
 * Test part for issue 12 item 5: a real UDP SNTP server on a loopback port, written from RFC 4330.
 * It answers with a chosen time, stays silent, or sends one of several bogus replies.
 */
package io.mqttas.bridge.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

public final class SntpResponder implements AutoCloseable {
    enum Mode {
        GOOD, SILENT, SHORT, WRONG_MODE, UNSYNCHRONISED, KISS_OF_DEATH, WRONG_ORIGIN, ZERO_TRANSMIT
    }

    private final DatagramSocket socket;
    private final Thread thread;
    final AtomicInteger requests = new AtomicInteger();
    volatile Mode mode = Mode.GOOD;
    /** Unix seconds the server reports. */
    volatile long unixSeconds;
    /** A good reply is preceded by a bogus one (ignored by a careful client). */
    volatile boolean bogusFirst;

    public SntpResponder(long unixSeconds) throws SocketException {
        this.unixSeconds = unixSeconds;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "test-sntp-responder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public String hostPort() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket req = new DatagramPacket(buf, buf.length);
                socket.receive(req);
                requests.incrementAndGet();
                if (req.getLength() < 48 || (buf[0] & 7) != 3) {
                    continue; // not a client request
                }
                long origin = SntpClient.get64(buf, 40);
                if (mode == Mode.SILENT) {
                    continue;
                }
                if (bogusFirst) {
                    send(reply(Mode.WRONG_ORIGIN, origin), req);
                }
                send(reply(mode, origin), req);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void send(byte[] b, DatagramPacket to) throws IOException {
        socket.send(new DatagramPacket(b, b.length, to.getSocketAddress()));
    }

    private byte[] reply(Mode m, long origin) {
        byte[] b = new byte[m == Mode.SHORT ? 40 : 48];
        int leap = m == Mode.UNSYNCHRONISED ? 3 : 0;
        int modeBits = m == Mode.WRONG_MODE ? 5 : 4;
        b[0] = (byte) (leap << 6 | 4 << 3 | modeBits);
        b[1] = (byte) (m == Mode.KISS_OF_DEATH ? 0 : 2);
        if (m == Mode.KISS_OF_DEATH) {
            b[12] = 'R';
            b[13] = 'A';
            b[14] = 'T';
            b[15] = 'E';
        }
        if (b.length < 48) {
            return b;
        }
        long ntp = (unixSeconds + SntpClient.NTP_TO_UNIX) & 0xFFFF_FFFFL; // era wrap as on the wire
        SntpClient.put64(b, 24, m == Mode.WRONG_ORIGIN ? origin ^ 1 : origin);
        SntpClient.put64(b, 32, ntp << 32);
        SntpClient.put64(b, 40, m == Mode.ZERO_TRANSMIT ? 0 : ntp << 32 | 0x8000_0000L);
        return b;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
