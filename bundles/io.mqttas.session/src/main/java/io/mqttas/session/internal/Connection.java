/* spec/mqtt_as.md §10.4 and DESIGN.md §6: one broker connection, identified by its generation number. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttDecoder;
import io.mqttas.codec.MqttPacket;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A transport plus what belongs to it alone: its generation, decoder, keep-alive state and the
 * write-in-progress stamp. Anything stamped with an older generation (timers, acks, frames) is
 * ignored once this connection is gone.
 */
final class Connection {
    final long generation;
    final Transport transport;
    final String server;
    final KeepAlive keepAlive;
    private final MqttDecoder decoder;
    private final InputStream in;
    final OutputStream out;
    private final byte[] readBuf = new byte[16 * 1024];
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private final Scheduler clock;

    /** Guarded by the session lock. */
    boolean lost;
    boolean connected;
    boolean sessionPresent;
    Scheduler.Task keepAliveTimer;
    Scheduler.Task connackTimer;
    /** Set by the writer when a write failed; later frames for this connection are dropped. */
    volatile boolean writeFailed;
    /** Start of the write in progress, or -1 (written by the writer thread, read by the timer). */
    volatile long writeStartedAt = -1;

    Connection(long generation, Transport transport, String server, int maxPacketSize, KeepAlive keepAlive, Scheduler clock)
            throws IOException {
        this.generation = generation;
        this.transport = transport;
        this.server = server;
        this.keepAlive = keepAlive;
        this.decoder = new MqttDecoder(maxPacketSize);
        this.in = transport.input();
        this.out = new java.io.BufferedOutputStream(transport.output(), 32 * 1024);
        this.clock = clock;
    }

    /**
     * Blocks for the next packet. EOF is an {@link EOFException} at once (B2); a protocol violation
     * is an {@link io.mqttas.codec.MqttCodecException}.
     */
    MqttPacket read(Runnable onBytes) throws IOException {
        return read(onBytes, null);
    }

    /** As {@link #read(Runnable)}; {@code beforeWaiting} runs whenever the buffered bytes are used up. */
    MqttPacket read(Runnable onBytes, Runnable beforeWaiting) throws IOException {
        while (true) {
            if (pending.hasRemaining()) {
                MqttPacket p = decoder.decode(pending);
                if (p != null) {
                    return p;
                }
            }
            if (beforeWaiting != null) {
                beforeWaiting.run();
            }
            int n = in.read(readBuf);
            if (n < 0) {
                throw new EOFException("connection closed by the broker");
            }
            if (n > 0) {
                onBytes.run();
                pending = ByteBuffer.wrap(readBuf, 0, n);
            }
        }
    }

    long now() {
        return clock.nowMillis();
    }

    @Override
    public String toString() {
        return "connection #" + generation + " to " + server;
    }
}
