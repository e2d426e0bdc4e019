/* spec/mqtt_as.md §2 (ssl) and issue 9 items 12, 16: TLS through SSLEngine on a non-blocking channel. */
package io.mqttas.session.internal;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * One TLS connection's engine: the handshake, then wrapping what the session writes and unwrapping
 * what arrives. Nothing here blocks: the handshake is a step function the selector loop calls on
 * readiness.
 *
 * <p>Memory: nothing per connection is kept while idle except the engine. Wrapping uses a per-thread
 * scratch buffer, and only bytes the socket did not take are kept ({@code pendingNet}); unwrapping
 * reads into the loop's buffers, and only a partial record is kept ({@code netIn}).
 *
 * <p>Closing never sends close_notify: a TLS close must not wait on a link that may be dead, so the
 * TCP socket is simply closed (after DISCONNECT the broker needs nothing more).
 */
final class TlsSession {
    private static final ThreadLocal<ByteBuffer> SCRATCH = new ThreadLocal<>();
    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

    /** What the handshake needs next. */
    enum Step { READ, WRITE, DONE }

    private final SSLEngine engine;
    private final int packetSize;
    private ByteBuffer netIn;      // partial record, or null
    private ByteBuffer pendingNet; // wrapped bytes the socket has not taken yet, or null

    TlsSession(SSLEngine engine) {
        this.engine = engine;
        this.packetSize = engine.getSession().getPacketBufferSize();
    }

    void begin() throws SSLException {
        engine.beginHandshake();
    }

    /**
     * Advances the handshake as far as it goes without waiting: {@code READ} or {@code WRITE} when it
     * needs the socket, {@code DONE} when finished. Its computations (key exchange, certificate checks:
     * a few milliseconds) run on the calling loop thread.
     */
    Step handshake(SocketChannel ch, IoLoop loop) throws IOException {
        while (true) {
            if (!flush(ch)) {
                return Step.WRITE;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(ch, NOTHING, 0, 1);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    int r = read(ch, loop, data -> { });
                    if (r < 0) {
                        throw new EOFException("the broker closed the connection during the TLS handshake");
                    }
                    if (r == 0 && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                        return Step.READ;
                    }
                }
                case NEED_TASK -> runTasks();
                default -> {
                    return Step.DONE;
                }
            }
        }
    }

    /** Whether wrapped bytes still wait for the socket. */
    boolean hasPendingOutput() {
        return pendingNet != null;
    }

    /**
     * Wraps as much plaintext as fits while the socket takes everything; returns the plaintext bytes
     * consumed. Stops (returning what was consumed) when the socket is full; call again on writable.
     */
    long wrap(SocketChannel ch, ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (!flush(ch)) {
            return 0;
        }
        ByteBuffer out = scratch();
        long consumed = 0;
        do {
            out.clear();
            SSLEngineResult res = engine.wrap(srcs, offset, length, out);
            if (res.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("the TLS session is closed");
            }
            consumed += res.bytesConsumed();
            out.flip();
            ch.write(out);
            if (out.hasRemaining()) {
                pendingNet = ByteBuffer.allocate(out.remaining()).put(out).flip();
                return consumed;
            }
            runTasks();
        } while (remaining(srcs, offset, length) > 0 || engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP);
        return consumed;
    }

    /** Writes pending wrapped bytes; true when none are left. */
    boolean flush(SocketChannel ch) throws IOException {
        if (pendingNet == null) {
            return true;
        }
        ch.write(pendingNet);
        if (pendingNet.hasRemaining()) {
            return false;
        }
        pendingNet = null;
        return true;
    }

    /**
     * Reads once from {@code ch} and hands every whole record's plaintext to {@code sink}; returns the
     * bytes read, or -1 at end of stream (or the peer's close_notify).
     */
    int read(SocketChannel ch, IoLoop loop, Consumer<ByteBuffer> sink) throws IOException {
        ByteBuffer src;
        int n;
        if (netIn != null) {
            n = ch.read(netIn);
            netIn.flip();
            src = netIn;
        } else {
            src = loop.readBuffer();
            n = ch.read(src);
            src.flip();
        }
        boolean closed = n < 0;
        ByteBuffer app = loop.appBuffer();
        while (src.hasRemaining()) {
            app.clear();
            SSLEngineResult res = engine.unwrap(src, app);
            if (res.getStatus() == SSLEngineResult.Status.CLOSED) {
                closed = true;
                break;
            }
            if (res.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                break;
            }
            if (res.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                throw new SSLException("a TLS record larger than the loop's buffer");
            }
            app.flip();
            if (app.hasRemaining()) {
                sink.accept(app);
            }
            runTasks();
            if (res.bytesConsumed() == 0 && res.bytesProduced() == 0) {
                break;
            }
        }
        keepPartialRecord(src);
        return closed ? -1 : Math.max(n, 0);
    }

    /** After unwrapping: the engine wants to answer (e.g. a TLS 1.3 key update), which the writer must send. */
    boolean needsWrap() {
        return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP;
    }

    private void keepPartialRecord(ByteBuffer src) {
        if (!src.hasRemaining()) {
            netIn = null;
        } else if (src == netIn) {
            netIn.compact();
        } else {
            netIn = ByteBuffer.allocate(Math.max(packetSize, src.remaining()));
            netIn.put(src);
        }
    }

    /** Post-handshake computations (rare and short): run on the calling thread. */
    private void runTasks() {
        Runnable t;
        while ((t = engine.getDelegatedTask()) != null) {
            t.run();
        }
    }

    private ByteBuffer scratch() {
        ByteBuffer b = SCRATCH.get();
        if (b == null || b.capacity() < packetSize) {
            b = ByteBuffer.allocate(packetSize);
            SCRATCH.set(b);
        }
        return b;
    }

    private static long remaining(ByteBuffer[] srcs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += srcs[i].remaining();
        }
        return n;
    }
}
