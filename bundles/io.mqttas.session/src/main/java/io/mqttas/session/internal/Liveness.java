/* spec/mqtt_as.md §9, robustness.md P2 and issue 9 items 1, 4, 5: liveness that cannot be faked and cannot be fooled by backpressure. */
package io.mqttas.session.internal;

/**
 * The liveness rules of one connection, as pure logic over clock values given by the caller:
 * <ul>
 * <li>a PINGREQ is due every ping interval, whatever other traffic flows (the original's rule, §9.1);</li>
 * <li>a PINGREQ must be answered by a <em>PINGRESP packet</em> within {@code response_time} of its
 * last byte being handed to the socket — other bytes or packets do not count (item 5);</li>
 * <li>a packet whose first byte arrived must be complete within {@code response_time} plus its
 * length at {@value #MIN_RATE} bytes/s, so a peer that trickles bytes cannot keep a dead session
 * alive, while a large message on a slow link is not cut off (item 5);</li>
 * <li>the broker is dead after 4 ping intervals without a complete packet although we asked (a
 * PINGREQ went out since the last packet) — the original's rule, minus the case where our own
 * PINGREQ could not be sent because a large frame was still going out;</li>
 * <li>the link is dead when the socket has taken no byte of what waits for {@code response_time}.</li>
 * </ul>
 *
 * <p>Waiting for an answer only counts while the answer could arrive: the answer deadlines run on an
 * <em>idle clock</em> that stops while reading is paused (backpressure, item 1) and while a packet is
 * arriving (the answer is behind it in the stream). Acknowledgement deadlines of operations use the
 * same clock ({@link #idleClock}). Not thread-safe: used under the session lock.
 */
final class Liveness {

    /** What the connection should do now. */
    enum Verdict { NOTHING, SEND_PING, DEAD_SILENT, DEAD_NO_PINGRESP, DEAD_PACKET_STALLED, DEAD_WRITE_STALLED }

    /** The least average rate, in bytes per second, at which a packet in progress must arrive beyond response_time. */
    static final long MIN_RATE = 1024;

    private long pingInterval;
    private final long responseTime;
    private long lastUpdate;
    /** Advances while reading is not paused. */
    private long readClock;
    /** Advances while reading is not paused and no packet is in progress. */
    private long idleClock;
    private boolean paused;
    private boolean inProgress;
    private long packetStartedRead;
    private long packetDeadline;
    private long lastPacketIdle;
    private boolean askedSincePacket;
    private long pingWrittenIdle = -1;
    private long pingWrittenReal;
    private long lastPingQueued;
    private boolean pingQueued;
    private long lastRtt = -1;
    private long lastPacketAt = Long.MIN_VALUE / 2;
    private long writeStuckSince = -1;

    Liveness(long pingIntervalMillis, long responseTimeMillis, long now) {
        this.pingInterval = pingIntervalMillis;
        this.responseTime = responseTimeMillis;
        this.lastUpdate = now;
        this.lastPingQueued = now;
    }

    /** MQTT 5.0 §3.2.2.3.14: the broker's Server Keep Alive replaces the keepalive the ping interval came from. */
    void pingInterval(long millis) {
        this.pingInterval = millis;
    }

    /** How often the session should call {@link #check} while something is pending: fine enough for every rule. */
    long tickMillis() {
        return Math.max(5, Math.min(pingInterval, responseTime) / 4);
    }

    /**
     * When to call {@link #check} next: while an answer, a packet or a write is pending, every
     * {@link #tickMillis()}; on an idle connection only when the next PINGREQ is due (an idle
     * client then costs a few timer events a minute, not dozens).
     */
    long nextCheckMillis(long now) {
        if (pingWrittenIdle >= 0 || inProgress || paused || writeStuckSince >= 0 || pingQueued || askedSincePacket) {
            return tickMillis();
        }
        return Math.max(5, Math.min(pingInterval, lastPingQueued + pingInterval - now));
    }

    private void advance(long now) {
        long dt = now - lastUpdate;
        if (dt > 0) {
            if (!paused) {
                readClock += dt;
                if (!inProgress) {
                    idleClock += dt;
                }
            }
            lastUpdate = now;
        }
    }

    /** The idle clock at {@code now}: what answer deadlines are measured on. */
    long idleClock(long now) {
        advance(now);
        return idleClock;
    }

    /** A packet's first byte arrived; {@code remainingLength} is 0 until its fixed header is complete. */
    void packetStarted(long now, int remainingLength) {
        advance(now);
        if (!inProgress) {
            inProgress = true;
            packetStartedRead = readClock;
        }
        packetDeadline = packetStartedRead + responseTime + remainingLength * 1000L / MIN_RATE;
    }

    /** A whole packet arrived. */
    void packetCompleted(long now, boolean pingResp) {
        advance(now);
        inProgress = false;
        lastPacketAt = now;
        lastPacketIdle = idleClock;
        askedSincePacket = false;
        if (pingResp && pingWrittenIdle >= 0) {
            lastRtt = now - pingWrittenReal;
            pingWrittenIdle = -1;
        }
    }

    /** A PINGREQ was queued (the next one is due an interval later). */
    void pingQueued(long now) {
        lastPingQueued = now;
        pingQueued = true;
    }

    /** A PINGREQ's last byte was handed to the socket: its answer's deadline starts now. */
    void pingWritten(long now) {
        advance(now);
        pingQueued = false;
        askedSincePacket = true;
        if (pingWrittenIdle < 0) {
            pingWrittenIdle = idleClock;
            pingWrittenReal = now;
        }
    }

    /** Whether a PINGREQ waits for its PINGRESP. */
    boolean pingOutstanding() {
        return pingWrittenIdle >= 0;
    }

    /** Reading paused (backpressure) or resumed. */
    void readsPaused(long now, boolean isPaused) {
        advance(now);
        paused = isPaused;
    }

    boolean readsPaused() {
        return paused;
    }

    /**
     * After a write attempt: whether bytes still wait for the socket, and whether this attempt
     * handed over any. The write-stall rule runs from the last attempt that made progress.
     */
    void writeState(long now, boolean pending, boolean progressed) {
        if (!pending) {
            writeStuckSince = -1;
        } else if (progressed || writeStuckSince < 0) {
            writeStuckSince = now;
        }
    }

    /** When the last whole packet arrived (real time). */
    long lastPacketAt() {
        return lastPacketAt;
    }

    /** Round trip of the last answered PINGREQ in ms, or -1. */
    long lastRttMillis() {
        return lastRtt;
    }

    /** The verdict at {@code now}. The caller queues the ping and then calls {@link #pingQueued}. */
    Verdict check(long now) {
        advance(now);
        if (writeStuckSince >= 0 && now - writeStuckSince >= responseTime) {
            return Verdict.DEAD_WRITE_STALLED;
        }
        if (inProgress && readClock >= packetDeadline) {
            return Verdict.DEAD_PACKET_STALLED;
        }
        if (pingWrittenIdle >= 0 && idleClock - pingWrittenIdle >= responseTime) {
            return Verdict.DEAD_NO_PINGRESP;
        }
        if (askedSincePacket && idleClock - lastPacketIdle >= 4 * pingInterval) {
            return Verdict.DEAD_SILENT;
        }
        if (!pingQueued && now - lastPingQueued >= pingInterval) {
            return Verdict.SEND_PING;
        }
        return Verdict.NOTHING;
    }
}
