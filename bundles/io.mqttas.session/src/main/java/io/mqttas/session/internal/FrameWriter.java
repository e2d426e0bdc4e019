/* spec/mqtt_as.md §12 and DESIGN.md §6: the single writer path; whole frames only, so no cancellation can tear a packet. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttEncoder;
import io.mqttas.codec.MqttPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One writer thread per client ({@code mqttas-<client>-write}) takes frames in order, encodes each
 * whole packet and writes it to the frame's connection, flushing when the queue runs dry (so bursts
 * are batched). A frame for a connection that is already lost is dropped and its owner told, so it
 * can be re-sent on the next connection. Callers never block.
 */
final class FrameWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FrameWriter.class);

    /** A packet for one connection, with what to do once written or dropped. */
    record Frame(Connection conn, MqttPacket packet, Runnable onWritten, Runnable onDropped) {
    }

    private static final Frame STOP = new Frame(null, null, null, null);
    private static final int CHUNK = 16 * 1024;

    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final MqttEncoder encoder;
    private final BiConsumer<Connection, Throwable> onFailure;
    private final Thread thread;
    private volatile boolean stopped;
    private byte[] buf = new byte[8 * 1024];
    /** Frames written but not yet flushed: told "written" only once the bytes left the buffer. */
    private final java.util.List<Frame> unflushed = new java.util.ArrayList<>();

    FrameWriter(String name, int maxPacketSize, BiConsumer<Connection, Throwable> onFailure) {
        this.encoder = new MqttEncoder(maxPacketSize);
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void send(Connection conn, MqttPacket packet, Runnable onWritten, Runnable onDropped) {
        Frame f = new Frame(conn, packet, onWritten, onDropped);
        if (stopped) {
            drop(f);
            return;
        }
        frames.add(f);
    }

    private void run() {
        Connection dirty = null;
        while (true) {
            Frame f;
            try {
                f = frames.poll();
                if (f == null) {
                    if (dirty != null) {
                        flush(dirty);
                        dirty = null;
                    }
                    f = frames.poll(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                if (stopped) {
                    break;
                }
                continue;
            }
            if (f == STOP) {
                break;
            }
            if (f == null) {
                if (stopped) {
                    break;
                }
                continue;
            }
            if (dirty != null && dirty != f.conn()) {
                flush(dirty);
                dirty = null;
            }
            if (write(f)) {
                dirty = f.conn();
                if (unflushed.size() >= 256) {
                    flush(dirty);
                    dirty = null;
                }
            }
        }
        if (dirty != null) {
            flush(dirty);
        }
        Frame f;
        while ((f = frames.poll()) != null) {
            if (f != STOP) {
                drop(f);
            }
        }
    }

    private boolean write(Frame f) {
        Connection c = f.conn();
        if (c.writeFailed) {
            drop(f);
            return false;
        }
        int len;
        try {
            len = MqttEncoder.encodedLength(f.packet());
            if (len > buf.length) {
                buf = new byte[Math.max(len, buf.length * 2)];
            }
            len = encoder.encode(f.packet(), ByteBuffer.wrap(buf));
        } catch (RuntimeException e) {
            // A packet we cannot encode (e.g. larger than max_packet_size): the owner learns why; the link is fine.
            LOG.warn("cannot send {}: {}", f.packet(), e.getMessage());
            if (f.onDropped() != null) {
                runQuietly(f.onDropped());
            }
            return false;
        }
        try {
            // In chunks, each stamped: a stall means no chunk got through for response_time (spec §7.2),
            // so a large packet on a slow but moving link is not mistaken for a dead one.
            for (int off = 0; off < len; off += CHUNK) {
                c.writeStartedAt = c.now();
                c.out.write(buf, off, Math.min(CHUNK, len - off));
            }
        } catch (IOException | RuntimeException e) {
            c.writeStartedAt = -1;
            c.writeFailed = true;
            drop(f);
            for (Frame u : unflushed) {
                drop(u);
            }
            unflushed.clear();
            onFailure.accept(c, e);
            return false;
        }
        c.writeStartedAt = -1;
        if (f.onWritten() != null || f.onDropped() != null) {
            unflushed.add(f);
        }
        return true;
    }

    private void flush(Connection c) {
        boolean ok = !c.writeFailed;
        if (ok) {
            c.writeStartedAt = c.now();
            try {
                c.out.flush();
            } catch (IOException | RuntimeException e) {
                ok = false;
                c.writeFailed = true;
                c.writeStartedAt = -1;
                onFailure.accept(c, e);
            } finally {
                c.writeStartedAt = -1;
            }
        }
        for (Frame f : unflushed) {
            if (ok) {
                if (f.onWritten() != null) {
                    runQuietly(f.onWritten());
                }
            } else {
                drop(f);
            }
        }
        unflushed.clear();
    }

    private static void drop(Frame f) {
        if (f.onDropped() != null) {
            runQuietly(f.onDropped());
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("frame callback failed (ignored)", e);
        }
    }

    void stop(long millis) {
        stopped = true;
        frames.add(STOP);
        try {
            thread.join(millis);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
