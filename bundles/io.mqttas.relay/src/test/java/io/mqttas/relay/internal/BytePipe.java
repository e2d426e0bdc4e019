/*
 * A one-way in-memory byte stream for tests (java.io pipes break when a writer thread ends). Like
 * a serial port in jSerialComm's semi-blocking mode, a read with nothing to read times out after
 * 100 ms with an InterruptedIOException.
 */
package io.mqttas.relay.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;

final class BytePipe {
    private static final byte[] EOF = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int pos;
    private volatile boolean closed;

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("pipe closed");
            }
            chunks.add(Arrays.copyOfRange(b, off, off + len));
        }
    };

    final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= current.length) {
                if (current == EOF) {
                    return -1;
                }
                byte[] next;
                try {
                    next = chunks.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("interrupted");
                }
                if (next == null) {
                    throw new java.io.InterruptedIOException("read timed out");
                }
                current = next;
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    };

    void close() {
        closed = true;
        chunks.add(EOF);
    }
}
