/* spec/mqtt_as.md §9 and robustness.md P2: pings, the 4-silent-intervals rule, half-open and stalled-write detection. */
package io.mqttas.session.internal;

/**
 * The liveness rules of one connection, as pure logic over a clock value:
 * <ul>
 * <li>a PINGREQ is due every ping interval, whatever other traffic flows (the original's rule, §9.1);</li>
 * <li>the broker is dead after 4 whole ping intervals without any received byte (§9.1);</li>
 * <li>the link is half-open if nothing at all arrived within {@code response_time} of a PINGREQ;</li>
 * <li>the link is dead if one write has been stuck for {@code response_time} (§7.2).</li>
 * </ul>
 * Thread-safe: the reader reports received bytes, the timer checks.
 */
final class KeepAlive {

    /** What the connection should do now. */
    enum Verdict { NOTHING, SEND_PING, DEAD_SILENT, DEAD_NO_PINGRESP, DEAD_WRITE_STALLED }

    private final long pingInterval;
    private final long responseTime;
    private long lastRx;
    private long lastPing;
    private long pingOutstandingSince = -1;

    KeepAlive(long pingIntervalMillis, long responseTimeMillis, long now) {
        this.pingInterval = pingIntervalMillis;
        this.responseTime = responseTimeMillis;
        this.lastRx = now;
        this.lastPing = now;
    }

    /** How often the session should call {@link #check}: fine enough for both rules. */
    long tickMillis() {
        return Math.max(5, Math.min(pingInterval, responseTime) / 4);
    }

    /** Any byte arrived. */
    synchronized void received(long now) {
        lastRx = now;
        pingOutstandingSince = -1;
    }

    synchronized long lastRx() {
        return lastRx;
    }

    /** A PINGREQ was queued for sending (also by brokerUp). */
    synchronized void pingSent(long now) {
        lastPing = now;
        if (pingOutstandingSince < 0) {
            pingOutstandingSince = now;
        }
    }

    /**
     * The verdict at {@code now}; {@code writeStartedAt} is when the write in progress started, or -1.
     * The caller sends the ping and then calls {@link #pingSent}.
     */
    synchronized Verdict check(long now, long writeStartedAt) {
        if (writeStartedAt >= 0 && now - writeStartedAt >= responseTime) {
            return Verdict.DEAD_WRITE_STALLED;
        }
        if ((now - lastRx) / pingInterval >= 4) {
            return Verdict.DEAD_SILENT;
        }
        if (pingOutstandingSince >= 0 && now - pingOutstandingSince >= responseTime) {
            return Verdict.DEAD_NO_PINGRESP;
        }
        if (now - lastPing >= pingInterval) {
            return Verdict.SEND_PING;
        }
        return Verdict.NOTHING;
    }
}
