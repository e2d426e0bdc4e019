/* DESIGN.md §2.4 and issue 9 items 4, 12 (and issue 13's WebSocket): the session knows MQTT state and a Transport; sockets stay at the edge. */
package io.mqttas.session.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One open byte stream to a broker, driven by events, never blocking: TCP and TLS over the shared
 * selector loop ({@link NioTransport}); an in-memory pipe in unit tests; a WebSocket on the
 * JDK's asynchronous {@code java.net.http.WebSocket} ({@link WebSocketTransport}: its
 * {@code request(n)} is {@link #resumeReading()}, its send futures {@link Receiver#onWritable()}).
 *
 * <p>Callbacks to the {@link Receiver} come one at a time, on the transport's event thread; they
 * stop once {@link #close()} was called.
 */
public interface Transport {

    /** What the session does with the stream's events. */
    interface Receiver {
        /** Bytes arrived; {@code data} is only valid during the call (its buffer is reused). */
        void onData(ByteBuffer data);

        /** A {@link #write} that took less than offered can go on now. */
        void onWritable();

        /** The peer closed the stream or it failed ({@link java.io.EOFException} for an orderly close). Called once. */
        void onClosed(Throwable cause);
    }

    /** Starts delivering events to {@code receiver}. */
    void start(Receiver receiver);

    /**
     * Hands as many bytes of {@code srcs[offset..offset+length)} to the network as it takes now,
     * without blocking, advancing the buffers' positions; returns how many it took. A byte taken is
     * "handed to the socket": acknowledgement deadlines start from the moment a frame's last byte is
     * taken. When it takes less than offered, {@link Receiver#onWritable()} follows once it can take
     * more. May be called from any thread, by one thread at a time.
     */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** Stops reading (backpressure); the peer's data waits in its socket. Any thread. */
    void pauseReading();

    /** Reads again after {@link #pauseReading()}. Any thread. */
    void resumeReading();

    /** For logs: e.g. {@code tcp://broker:1883 (10.0.0.5)}. */
    String describe();

    /** Closes the stream at once (the TCP socket first, never waiting on a TLS close). Any thread, idempotent. */
    void close();

    /** A connection attempt in progress. */
    interface Attempt {
        /** Abandons the attempt: closes what it opened; no callback follows. Idempotent. */
        void cancel();
    }

    /** The outcome of {@link Factory#open}. Exactly one method is called, once, unless the attempt was cancelled. */
    interface Callback {
        void opened(Transport transport);

        void failed(Throwable cause);
    }

    /** Opens transports; each call resolves the host name again (B10). */
    interface Factory {
        /**
         * Starts connecting to {@code host:port}: DNS resolution, TCP connect and (for TLS) the
         * handshake, all within {@code timeoutMillis} together. Never blocks the caller.
         */
        Attempt open(String host, int port, long timeoutMillis, Callback callback);

        /** Starts connecting to {@code server} (its scheme picks TCP, TLS or a WebSocket; see {@link Transports}). */
        default Attempt open(io.mqttas.session.MqttConfig.Server server, long timeoutMillis, Callback callback) {
            return open(server.host(), server.port(), timeoutMillis, callback);
        }
    }
}
