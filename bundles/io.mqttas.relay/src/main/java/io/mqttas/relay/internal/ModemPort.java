/*
 * docs/relay-modem.md: the byte stream to an ESP-NOW modem — a serial port in production
 * (SerialModemPort), a pipe or a pseudo-terminal in tests. The transport opens it again after
 * every failure, so it is given an opener, not a stream.
 */
package io.mqttas.relay.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One open connection to a modem. {@link #close()} must unblock a reader stuck in {@code read}. */
public interface ModemPort extends Closeable {
    InputStream in();

    OutputStream out();

    /** Opens the port (again); throws when it is not there (unplugged) or cannot be opened. */
    interface Opener {
        ModemPort open() throws IOException;

        /** The port's name for logs and the radio state, e.g. /dev/ttyUSB0. */
        String name();
    }

    /** A port over two streams and a close action. */
    static ModemPort of(InputStream in, OutputStream out, Closeable close) {
        return new ModemPort() {
            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public void close() throws IOException {
                close.close();
            }
        };
    }
}
