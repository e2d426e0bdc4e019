/*
 * spec/mqtt_as.md §4.9: wan_ok(), the original's internet check — a DNS query to a public resolver.
 * Deliberate differences: the target is configurable; the answer must carry our query id and the
 * response bit (the original accepted any 32 bytes); the query id is random; nothing is locked
 * (the original blocked all MQTT traffic for 2–3 s while probing).
 */
package io.mqttas.watchdog.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One DNS query (type A, class IN, recursion desired) over UDP, answered or not within a deadline. */
public final class DnsProbe {
    private static final Logger LOG = LoggerFactory.getLogger(DnsProbe.class);
    private static final int HEADER = 12;

    private DnsProbe() {
    }

    /** True if {@code server:port} answers a query for {@code name} within {@code timeout}. Never throws. */
    public static boolean probe(String server, int port, String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(server), port);
            socket.connect(target);
            byte[] query = query(id, name);
            socket.send(new DatagramPacket(query, query.length));
            byte[] buffer = new byte[512];
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.debug("wan_ok: no answer from {}:{} within {} ms", server, port, timeout.toMillis());
                    return false;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (answers(id, buffer, reply.getLength())) {
                    return true;
                }
                LOG.debug("wan_ok: ignored a {}-byte datagram that is not an answer to query {}", reply.getLength(), id);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("wan_ok: probe of {}:{} failed: {}", server, port, e.toString());
            return false;
        }
    }

    /** Whether a datagram is a DNS response (QR set) to query {@code id}. Any RCODE counts: the WAN answered. */
    static boolean answers(int id, byte[] b, int length) {
        if (length < HEADER) {
            return false;
        }
        int replyId = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        boolean response = (b[2] & 0x80) != 0;
        return replyId == id && response;
    }

    static byte[] query(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id >> 8);
        out.write(id);
        out.write(0x01);   // RD: recursion desired
        out.write(0x00);
        out.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0});   // QDCOUNT 1, no other sections
        out.writeBytes(encodeName(name));
        out.writeBytes(new byte[] {0, 1, 0, 1});   // QTYPE A, QCLASS IN
        return out.toByteArray();
    }

    /** The QNAME encoding of {@code name}; fails naming {@code wan_dns_name} if a label is empty or too long. */
    public static byte[] encodeName(String name) {
        if (name == null || name.isBlank() || name.length() > 253) {
            throw new IllegalArgumentException("wan_dns_name='" + name + "': a DNS name of 1..253 characters is required");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (String label : trimmed.split("\\.", -1)) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length == 0 || bytes.length > 63) {
                throw new IllegalArgumentException("wan_dns_name='" + name + "': label '" + label + "' must have 1..63 characters");
            }
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0);
        return out.toByteArray();
    }
}
