/* spec/mqtt_as.md §8.4, B10: a TCP connection, the host name resolved on every attempt. */
package io.mqttas.session.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** A plain TCP transport with TCP_NODELAY and keep-alive; the connect has a deadline. */
final class TcpTransport implements Transport {
    private final Socket socket;
    private final String description;

    TcpTransport(Socket socket, String description) {
        this.socket = socket;
        this.description = description;
    }

    /** Resolves {@code host} now (never cached across attempts) and connects within {@code timeoutMillis}. */
    static Socket connect(String host, int port, long timeoutMillis, Transport.Canceller canceller) throws IOException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("cannot resolve broker host " + host + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        IOException last = null;
        for (InetAddress a : addresses) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            Socket s = new Socket();
            canceller.onAttempt(s);
            try {
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                s.connect(new InetSocketAddress(a, port), (int) Math.min(Integer.MAX_VALUE, left));
                return s;
            } catch (IOException e) {
                closeQuietly(s);
                last = e;
            }
        }
        if (last == null) {
            last = new SocketTimeoutException("TCP connect to " + host + ":" + port + " timed out after " + timeoutMillis + " ms");
        }
        throw last;
    }

    static Transport open(String host, int port, long timeoutMillis, Transport.Canceller canceller) throws IOException {
        Socket s = connect(host, port, timeoutMillis, canceller);
        return new TcpTransport(s, "tcp://" + host + ":" + port + " (" + s.getInetAddress().getHostAddress() + ")");
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing: nothing more to do
        }
    }

    @Override
    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }
}
