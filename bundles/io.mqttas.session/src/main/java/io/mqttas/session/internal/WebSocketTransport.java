/* MQTT 3.1.1 §6 / 5.0 §6 and issue 13 item 6: the MQTT byte stream in binary WebSocket frames, on the JDK's java.net.http.WebSocket. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One WebSocket carrying the MQTT stream. The rules of MQTT over WebSocket (§6 of both standards):
 * binary frames only (a text frame closes the connection [MQTT-6.0.0-1]); a packet may span frames
 * and a frame may hold several packets, so bytes go to the session's framer as a stream, exactly as
 * TCP reads do.
 *
 * <p><b>Reading and backpressure.</b> The JDK delivers a message (or part of one) only after
 * {@code request(1)}; one is outstanding at a time, renewed after the part was handed to the
 * session on the client's loop. While reading is paused no request is made, so the JDK stops
 * reading the socket: at most one part (the JDK's buffer, some KiB) arrives after
 * {@link #pauseReading()}. Data goes to the receiver on the JDK's delivery thread (a shared pool
 * thread), one part at a time; the other callbacks (writable, closed) run on the client's
 * {@link IoLoop}. The receiver takes the client's lock for each, so they never overlap.
 *
 * <p><b>Writing.</b> {@link #write} copies what it is offered (at most {@value #MAX_FRAME} bytes)
 * into one binary frame and hands it to {@code sendBinary}; until that send completes it takes
 * nothing (returns 0) and {@code onWritable} follows the completion. The JDK completes
 * {@code sendBinary} once the whole frame was written to its socket — so "taken" here means "in
 * the one frame in flight, at most 64 KiB before the socket", and a peer that stops reading stops
 * the completions, which the session's write-stall rule sees as a socket that takes nothing.
 */
final class WebSocketTransport implements Transport, WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    static final int MAX_FRAME = 64 * 1024;
    /** How long {@link #close()} lets a frame in flight (a DISCONNECT) reach the socket before aborting. */
    static final long CLOSE_GRACE_MILLIS = 1000;

    private final Executor loop;
    private final Scheduler timer;
    private final String description;
    /** Sends in flight over the shared HttpClient, so its last user lets a DISCONNECT out before stopping it. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight;
    private final Object lock = new Object();
    private volatile WebSocket socket;
    private volatile Receiver receiver;
    private volatile boolean closed;
    private volatile boolean reported;
    // guarded by lock
    private boolean sending;
    private boolean owed;
    private boolean paused;
    private boolean requestOwed;
    private ByteBuffer frame;

    WebSocketTransport(Executor loop, Scheduler timer, String description, java.util.concurrent.atomic.AtomicInteger inFlight) {
        this.loop = loop;
        this.timer = timer;
        this.description = description;
        this.inFlight = inFlight;
    }

    // ---- WebSocket.Listener (the JDK's executor threads, one call at a time) ----

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket; // no request yet: nothing is read before start()
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        // Straight into the session (it takes the client's lock; no application code runs here): a hop
        // to the loop would add a thread switch to every message. The JDK calls the listener one at a
        // time, so parts arrive in order; data is consumed before this returns (null: reusable at once).
        try {
            if (!closed) {
                receiver.onData(data);
            }
        } catch (RuntimeException | Error e) {
            loop.execute(() -> closeFromHere(e));
            return null;
        }
        next();
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        loop.execute(() -> closeFromHere(new IOException(description
                + ": the broker sent a WebSocket text frame; MQTT allows binary frames only [MQTT-6.0.0-1]")));
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        next(); // the JDK answers with a Pong itself
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        next();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        String why = reason == null || reason.isEmpty() ? "" : " '" + reason + "'";
        loop.execute(() -> closeFromHere(new EOFException("WebSocket closed by the broker (status " + statusCode + why + ")")));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        loop.execute(() -> closeFromHere(error));
    }

    /** After one message part: request the next unless reading is paused. */
    private void next() {
        WebSocket ws = socket;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (paused) {
                requestOwed = true;
                return;
            }
        }
        ws.request(1);
    }

    // ---- Transport ----

    @Override
    public void start(Receiver r) {
        this.receiver = r;
        socket.request(1);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("connection closed");
        }
        ByteBuffer out;
        synchronized (lock) {
            if (sending) {
                owed = true;
                return 0;
            }
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += srcs[i].remaining();
            }
            int n = (int) Math.min(total, MAX_FRAME);
            if (n == 0) {
                return 0;
            }
            if (frame == null || frame.capacity() < n) {
                frame = ByteBuffer.allocate(Math.max(n, Math.min(MAX_FRAME, frame == null ? 512 : frame.capacity() * 2)));
            }
            frame.clear();
            for (int i = offset; i < offset + length && frame.position() < n; i++) {
                ByteBuffer src = srcs[i];
                int take = Math.min(src.remaining(), n - frame.position());
                int limit = src.limit();
                src.limit(src.position() + take);
                frame.put(src);
                src.limit(limit);
            }
            frame.flip();
            out = frame;
            sending = true;
            owed = n < total; // took less than offered: onWritable follows the send's completion
        }
        inFlight.incrementAndGet();
        CompletableFuture<WebSocket> send;
        try {
            send = socket.sendBinary(out, true);
        } catch (RuntimeException e) { // output already closed (the JDK aborted the socket)
            inFlight.decrementAndGet();
            synchronized (lock) {
                sending = false;
            }
            throw new IOException(description + ": " + e.getMessage(), e);
        }
        send.whenComplete((ws, e) -> {
            inFlight.decrementAndGet();
            sent(e);
        });
        return out.limit();
    }

    /** A frame's send completed (the JDK's thread, or inline in {@link #write}): onWritable goes through the loop. */
    private void sent(Throwable e) {
        if (e != null) {
            loop.execute(() -> closeFromHere(e));
            return;
        }
        boolean tell;
        synchronized (lock) {
            sending = false;
            tell = owed;
            owed = false;
            if (closed) {
                abortNow();
                return;
            }
        }
        if (tell) {
            loop.execute(() -> {
                if (!closed) {
                    receiver.onWritable();
                }
            });
        }
    }

    @Override
    public void pauseReading() {
        synchronized (lock) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        boolean request;
        synchronized (lock) {
            paused = false;
            request = requestOwed && !closed;
            requestOwed = false;
        }
        if (request) {
            socket.request(1);
        }
    }

    private void closeFromHere(Throwable cause) {
        if (closed) {
            return;
        }
        close();
        Receiver r = receiver;
        if (r != null && !reported) {
            reported = true;
            r.onClosed(cause);
        } else {
            LOG.debug("{}: closed before start: {}", description, cause.toString());
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /**
     * Closes at once — unless a frame is still in flight (a DISCONNECT just written): then the TCP
     * connection is aborted when that send completes, at the latest after {@value #CLOSE_GRACE_MILLIS} ms.
     */
    @Override
    public void close() {
        boolean wait;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            wait = sending;
        }
        if (wait) {
            timer.schedule(CLOSE_GRACE_MILLIS, this::abortNow);
        } else {
            abortNow();
        }
    }

    private void abortNow() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
