/* spec/mqtt_as.md §10.4 and DESIGN.md §6: one broker connection, identified by its generation number. */
package io.mqttas.session.internal;

import java.nio.ByteBuffer;

/**
 * A transport plus what belongs to it alone: its generation, inbound framer, writer, liveness state
 * and timers. Events of a connection that is no longer the current one (timers, acknowledgements,
 * frames, bytes) are ignored ({@link #lost}). Mutable fields are guarded by the session lock.
 */
final class Connection implements Transport.Receiver, WireWriter.Sink {

    /** What the session does with a connection's events; each method takes the session lock. */
    interface Events {
        void data(Connection c, ByteBuffer data);

        void writable(Connection c);

        void closed(Connection c, Throwable cause);

        /** An operation's frame was wholly handed to the socket (under the lock, from the writer). */
        void written(Connection c, Operation op, long now);

        /** A control frame was wholly handed to the socket (under the lock, from the writer). */
        void controlWritten(Connection c, byte[] frame, long now);
    }

    enum Phase { HANDSHAKE, OPEN }

    final long generation;
    final Transport transport;
    final String server;
    final Liveness liveness;
    final InboundFramer framer;
    final WireWriter writer;
    private final Events events;

    Phase phase = Phase.HANDSHAKE;
    boolean lost;
    boolean sessionPresent;
    /** The CONNACK's MQTT 5.0 properties (EMPTY in 3.1.1 and before the CONNACK). */
    io.mqttas.codec.MqttProperties connAck = io.mqttas.codec.MqttProperties.EMPTY;
    /** MQTT 5.0 state of this connection (topic aliases, the broker's limits); null in 3.1.1. */
    V5Session.Limits v5;
    /** The broker's DISCONNECT (MQTT 5.0) that ended this connection, or null. */
    io.mqttas.codec.Disconnect disconnectReason;
    boolean readsPaused;
    long connectedAt;
    Scheduler.Task tick = Scheduler.NONE;
    long tickDue;
    /** When a caller's thread last wrote through (System.nanoTime), and whether a loop flush is queued. */
    long lastWriteThrough = Long.MIN_VALUE / 2;
    boolean flushPosted;
    /** The loop is handing this connection's read to the dispatcher: writes wait for its end ({@link #writeOwed}). */
    boolean feeding;
    boolean writeOwed;
    Scheduler.Task connackDeadline = Scheduler.NONE;
    Scheduler.Task ackTimer = Scheduler.NONE;
    Scheduler.Task uptime = Scheduler.NONE;

    Connection(long generation, Transport transport, String server, ClientContext ctx, Events events) {
        this.generation = generation;
        this.transport = transport;
        this.server = server;
        this.events = events;
        long now = ctx.clock.nowMillis();
        this.liveness = new Liveness(ctx.config.pingIntervalMillis(), ctx.config.responseTimeMillis(), now);
        this.framer = new InboundFramer(ctx.config.maxPacketSize(), liveness, ctx.clock, ctx.version);
        this.writer = new WireWriter(transport, liveness, ctx.clock, this);
    }

    boolean open() {
        return phase == Phase.OPEN && !lost;
    }

    /** Cancels every timer of this connection. */
    void cancelTimers() {
        tick.cancel();
        connackDeadline.cancel();
        ackTimer.cancel();
        uptime.cancel();
    }

    @Override
    public void onData(ByteBuffer data) {
        events.data(this, data);
    }

    @Override
    public void onWritable() {
        events.writable(this);
    }

    @Override
    public void onClosed(Throwable cause) {
        events.closed(this, cause);
    }

    @Override
    public void written(Operation op, long now) {
        events.written(this, op, now);
    }

    @Override
    public void controlWritten(byte[] frame, long now) {
        events.controlWritten(this, frame, now);
    }

    @Override
    public String toString() {
        return "connection #" + generation + " to " + server;
    }
}
