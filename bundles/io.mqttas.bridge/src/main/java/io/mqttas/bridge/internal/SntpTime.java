/* Issue 12 item 5: the host's time from an SNTP server (ntp_host), 0 when it does not answer in time. */
package io.mqttas.bridge.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each request resolves {@code host[:port]} (port 123 by default) and makes one {@link SntpClient}
 * query, on a short-lived thread {@code mqttas-bridge-ntp-NAME}, so a slow name lookup cannot hold
 * the caller past {@code timeout}: the answer is then 0, "time unknown", as the original answers
 * when its query fails. A failure is logged when its reason changes (DEBUG otherwise).
 */
public final class SntpTime implements TimeSource {
    private static final Logger LOG = LoggerFactory.getLogger(SntpTime.class);
    static final int NTP_PORT = 123;

    private final String bridge;
    private final String host;
    private final int port;
    private final Duration timeout;
    private String lastFailure;

    public SntpTime(String bridge, String hostPort, Duration timeout) {
        this.bridge = bridge;
        String hp = hostPort.strip();
        int colon = hp.lastIndexOf(':');
        boolean bracketed = hp.startsWith("[");
        if (colon > 0 && (bracketed ? hp.lastIndexOf(']') < colon : hp.indexOf(':') == colon)) {
            this.host = strip(hp.substring(0, colon));
            this.port = parsePort(hp, hp.substring(colon + 1));
        } else {
            this.host = strip(hp);
            this.port = NTP_PORT;
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("ntp_host '" + hostPort + "': no host name");
        }
        this.timeout = timeout;
    }

    @Override
    public long secondsSince2000() {
        CompletableFuture<Long> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread t = new Thread(() -> {
            try {
                InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(host), port);
                result.complete(SntpClient.query(server, Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "mqttas-bridge-ntp-" + bridge);
        t.setDaemon(true);
        t.start();
        try {
            long unix = result.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
            long answer = TimeSource.fromUnix(unix);
            if (answer == 0) {
                failed("time from " + host + ":" + port + " is before 2016 (" + unix + " Unix seconds)");
            } else {
                lastFailure = null;
            }
            return answer;
        } catch (TimeoutException e) {
            t.interrupt();
            failed("no answer from " + host + ":" + port + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            failed(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    @Override
    public String toString() {
        return "SNTP " + host + ":" + port;
    }

    private void failed(String why) {
        if (!why.equals(lastFailure)) {
            lastFailure = why;
            LOG.warn("bridge {}: SNTP: {}; the host gets time 0 (unknown)", bridge, why);
        } else {
            LOG.debug("bridge {}: SNTP: {}", bridge, why);
        }
    }

    private static String strip(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static int parsePort(String all, String p) {
        try {
            int n = Integer.parseInt(p);
            if (n >= 1 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("ntp_host '" + all + "': port '" + p + "' must be 1..65535");
    }
}
