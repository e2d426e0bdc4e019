/* spec/mqtt_as.md §9 and issue 9 items 4, 5: the per-connection tick that applies the liveness rules. */
package io.mqttas.session.internal;

import java.util.function.BiConsumer;

/**
 * Every {@link Liveness#tickMillis()} the connection's rules are checked: a PINGREQ is queued when
 * due (control frames go ahead of queued operations), a dead link is lost with the rule that found
 * it. One timer per connection; it posts to the loop. Under the session lock.
 */
final class LivenessTimer {
    private final ClientContext ctx;
    private final Operations ops;
    private final BiConsumer<Connection, String> lost;

    LivenessTimer(ClientContext ctx, Operations ops, BiConsumer<Connection, String> lost) {
        this.ctx = ctx;
        this.ops = ops;
        this.lost = lost;
    }

    void start(Connection c) {
        long now = ctx.clock.nowMillis();
        long delay = c.liveness.nextCheckMillis(now);
        c.tickDue = now + delay;
        c.tick = ctx.later(delay, () -> tick(c));
    }

    /**
     * Something became pending on an idle connection (a packet started, reading paused, the socket
     * full): check at the finer tick from now on instead of at the next ping.
     */
    void poke(Connection c) {
        if (!c.open()) {
            return;
        }
        long now = ctx.clock.nowMillis();
        if (c.tickDue - now > c.liveness.nextCheckMillis(now)) {
            c.tick.cancel();
            start(c);
        }
    }

    private void tick(Connection c) {
        if (!c.open()) {
            return;
        }
        long now = ctx.clock.nowMillis();
        long rt = ctx.config.responseTimeMillis();
        switch (c.liveness.check(now)) {
            case SEND_PING -> {
                c.liveness.pingQueued(now);
                c.writer.control(Frames.PINGREQ);
                ops.flush(c);
            }
            case DEAD_SILENT -> {
                lost.accept(c, "broker silent for 4 ping intervals (" + 4 * ctx.config.pingIntervalMillis() + " ms)");
                return;
            }
            case DEAD_NO_PINGRESP -> {
                lost.accept(c, "no PINGRESP within response_time (" + rt + " ms) of a PINGREQ: half-open link");
                return;
            }
            case DEAD_PACKET_STALLED -> {
                lost.accept(c, "a packet from the broker did not complete within response_time (" + rt + " ms) plus its length at "
                        + Liveness.MIN_RATE + " bytes/s: the link trickles");
                return;
            }
            case DEAD_WRITE_STALLED -> {
                lost.accept(c, "the socket took no byte for response_time (" + rt + " ms): write stalled");
                return;
            }
            default -> { }
        }
        if (c.open()) {
            start(c);
        }
    }
}
