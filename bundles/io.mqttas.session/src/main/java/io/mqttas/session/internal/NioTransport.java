/* spec/mqtt_as.md §7, §8.4 and issue 9 items 4, 16: TCP (and TLS) on a non-blocking channel of a shared selector loop. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * An open connection: a non-blocking {@link SocketChannel} registered with one {@link IoLoop}, with
 * an optional {@link TlsSession}. Reads happen on the loop thread (one read of at most
 * {@link IoLoop#READ_BUFFER} bytes per readiness, so one busy connection cannot starve the others);
 * writes on whichever thread calls {@link #write} (the session's write-through path), the loop
 * finishing them when the socket becomes writable again.
 *
 * <p>The socket's send buffer is bounded ({@code socket_send_buffer}, default 16 KiB; Linux doubles
 * it): a byte "handed to the socket" then reaches the wire within a bounded time even on a slow
 * link, so acknowledgement deadlines that start when a frame's last byte is handed over stay honest
 * (issue 9 item 4). The cost is throughput on long fat links (see docs/session.md).
 */
final class NioTransport implements Transport, IoLoop.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(NioTransport.class);

    private final IoLoop loop;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final TlsSession tls;
    private final String description;
    private final Object writeLock = new Object();
    private volatile Receiver receiver;
    private volatile boolean closed;
    /** A write came up short: the receiver is owed an onWritable. Guarded by writeLock. */
    private boolean owed;
    private boolean readPaused;   // loop thread only
    private boolean started;      // loop thread only

    NioTransport(IoLoop loop, SocketChannel channel, SelectionKey key, TlsSession tls, String description) {
        this.loop = loop;
        this.channel = channel;
        this.key = key;
        this.tls = tls;
        this.description = description;
        key.attach(this);
    }

    @Override
    public void start(Receiver r) {
        this.receiver = r;
        loop.execute(() -> {
            started = true;
            updateInterest();
        });
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("connection closed");
        }
        synchronized (writeLock) {
            long n = tls != null ? tls.wrap(channel, srcs, offset, length)
                    : length == 1 ? channel.write(srcs[offset]) // one frame: write(2), cheaper than writev(2)
                    : channel.write(srcs, offset, length);
            boolean short_ = false;
            for (int i = offset; i < offset + length; i++) {
                if (srcs[i].hasRemaining()) {
                    short_ = true;
                    break;
                }
            }
            if (short_) {
                owed = true;
            }
            if (short_ || (tls != null && tls.hasPendingOutput())) {
                requestInterestUpdate();
            }
            return n;
        }
    }

    @Override
    public void pauseReading() {
        loop.execute(() -> {
            readPaused = true;
            updateInterest();
        });
    }

    @Override
    public void resumeReading() {
        loop.execute(() -> {
            readPaused = false;
            updateInterest();
        });
    }

    private void requestInterestUpdate() {
        if (loop.inLoop()) {
            updateInterest();
        } else {
            loop.execute(this::updateInterest);
        }
    }

    /** On the loop thread: read unless paused, write while something waits. */
    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        boolean wantWrite;
        synchronized (writeLock) {
            wantWrite = owed || (tls != null && tls.hasPendingOutput());
        }
        int ops = (started && !readPaused ? SelectionKey.OP_READ : 0) | (wantWrite ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    @Override
    public void ready(int readyOps) throws IOException {
        if (closed) {
            return;
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            writable();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && !closed && !readPaused) {
            read();
        }
    }

    private void writable() throws IOException {
        boolean tell;
        synchronized (writeLock) {
            if (tls != null && !tls.flush(channel)) {
                return; // still full: keep OP_WRITE
            }
            tell = owed;
            owed = false;
        }
        updateInterest();
        if (tell) {
            receiver.onWritable();
        }
    }

    private void read() throws IOException {
        Receiver r = receiver;
        int n;
        if (tls == null) {
            ByteBuffer buf = loop.readBuffer();
            n = channel.read(buf);
            if (n > 0) {
                buf.flip();
                r.onData(buf);
            }
        } else {
            n = tls.read(channel, loop, r::onData);
            if (tls.needsWrap() && !closed) {
                // The engine must answer (TLS 1.3 key update): an empty write lets it.
                write(new ByteBuffer[] {ByteBuffer.allocate(0)}, 0, 1);
            }
        }
        if (n < 0) {
            closeFromHere(new EOFException("connection closed by the broker"));
        }
    }

    @Override
    public void failed(Throwable t) {
        closeFromHere(t);
    }

    private void closeFromHere(Throwable cause) {
        if (closed) {
            return;
        }
        close();
        Receiver r = receiver;
        if (r != null) {
            r.onClosed(cause);
        } else {
            LOG.debug("{}: closed before start: {}", description, cause.toString());
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close(); // the TCP socket: nothing waits on a TLS close_notify
        } catch (IOException e) {
            LOG.debug("{}: close: {}", description, e.toString());
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
