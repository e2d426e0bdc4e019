/* DESIGN.md §2.4: the session knows MQTT state and a Transport (TCP, TLS); sockets stay at the edge. */
package io.mqttas.session.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One open byte stream to a broker. {@link #close()} may be called from any thread at any time and
 * must unblock a read or write in progress (this is how every deadline is enforced).
 */
public interface Transport extends Closeable {
    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** For logs: e.g. {@code tcp://broker:1883 (10.0.0.5)}. */
    String describe();

    @Override
    void close();

    /** Receives what to close to abort an attempt in progress (close() must not wait for a TCP connect timeout). */
    @FunctionalInterface
    interface Canceller {
        void onAttempt(Closeable toClose);
    }

    /** Opens transports; each call resolves the host name again (B10). */
    @FunctionalInterface
    interface Factory {
        /**
         * Connects to {@code host:port}, TCP connect and (for TLS) handshake each bounded by
         * {@code timeoutMillis}. Throws the I/O error on failure.
         */
        Transport open(String host, int port, long timeoutMillis, Canceller canceller) throws IOException;
    }
}
