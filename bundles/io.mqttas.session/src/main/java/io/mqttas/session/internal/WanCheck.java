/* spec/mqtt_as.md §4.9: wan_ok, the original's internet check (a DNS query that must be answered). */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * Sends the original's DNS query (id 0x241A, recursion desired, {@code www.google.com} A IN) over
 * UDP and reports whether an answer of at least 32 bytes arrives within the timeout. Unlike the
 * original it holds no lock and uses no shared buffer (H10), so MQTT traffic is never blocked.
 */
final class WanCheck {
    private static final Logger LOG = LoggerFactory.getLogger(WanCheck.class);

    static final byte[] QUERY = {0x24, 0x1a, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x03, 'w', 'w', 'w', 0x06, 'g', 'o', 'o', 'g', 'l', 'e', 0x03, 'c', 'o', 'm', 0x00, 0x00, 0x01, 0x00, 0x01};

    private WanCheck() {
    }

    /** {@code server} is {@code host[:port]} (port 53 if absent). */
    static boolean dnsAnswers(String server, long timeoutMillis) {
        String host = server;
        int port = 53;
        int colon = server.lastIndexOf(':');
        if (colon > 0 && server.indexOf(':') == colon) {
            host = server.substring(0, colon);
            port = Integer.parseInt(server.substring(colon + 1));
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)));
            s.send(new DatagramPacket(QUERY, QUERY.length, new InetSocketAddress(host, port)));
            byte[] buf = new byte[512];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            s.receive(reply);
            return reply.getLength() >= 32;
        } catch (IOException | RuntimeException e) {
            LOG.debug("wan_ok: no answer from {}: {}", server, e.toString());
            return false;
        }
    }
}
