/* The broker side of in-memory transports: the session core is driven without sockets (STYLE.md). */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttDecoder;
import io.mqttas.codec.MqttEncoder;
import io.mqttas.codec.MqttPacket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A {@link Transport.Factory} whose connections are in-memory pipes the test plays the broker on. */
final class FakeBroker implements Transport.Factory {
    private static final byte[] EOF = new byte[0];

    final BlockingQueue<Link> accepted = new LinkedBlockingQueue<>();
    final AtomicInteger opens = new AtomicInteger();
    volatile IOException failNext;
    volatile boolean refuseAll;

    @Override
    public Transport open(String host, int port, long timeoutMillis, Transport.Canceller canceller) throws IOException {
        opens.incrementAndGet();
        IOException f = failNext;
        if (f != null || refuseAll) {
            failNext = null;
            throw f != null ? f : new java.net.ConnectException("Connection refused (fake)");
        }
        Link l = new Link(host + ":" + port);
        accepted.add(l);
        return l.clientSide;
    }

    /** The next connection the client opens. */
    Link accept() throws InterruptedException {
        Link l = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull(l, "the client did not connect");
        return l;
    }

    /** Asserts that no connection is opened within {@code millis}. */
    void assertNoConnection(long millis) throws InterruptedException {
        Link l = accepted.poll(millis, TimeUnit.MILLISECONDS);
        if (l != null) {
            fail("unexpected connection");
        }
    }

    /** One connection: bytes the client wrote, bytes for the client to read. */
    static final class Link {
        final String address;
        private final BlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();
        private final BlockingQueue<byte[]> fromClient = new LinkedBlockingQueue<>();
        private final MqttDecoder decoder = new MqttDecoder(64 * 1024 * 1024);
        private ByteBuffer pendingIn = ByteBuffer.allocate(0);
        volatile boolean closedByClient;
        final Transport clientSide;

        Link(String address) {
            this.address = address;
            this.clientSide = new Transport() {
                private byte[] current;
                private int pos;

                private final InputStream in = new InputStream() {
                    @Override
                    public int read() throws IOException {
                        byte[] one = new byte[1];
                        int n = read(one, 0, 1);
                        return n < 0 ? -1 : one[0] & 0xff;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        while (current == null || pos >= current.length) {
                            if (closedByClient) {
                                throw new java.net.SocketException("Socket closed");
                            }
                            try {
                                current = toClient.poll(50, TimeUnit.MILLISECONDS);
                            } catch (InterruptedException e) {
                                throw new java.io.InterruptedIOException();
                            }
                            pos = 0;
                            if (current == EOF) {
                                toClient.add(EOF);
                                return -1;
                            }
                        }
                        int n = Math.min(len, current.length - pos);
                        System.arraycopy(current, pos, b, off, n);
                        pos += n;
                        return n;
                    }
                };

                private final OutputStream out = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (closedByClient) {
                            throw new java.net.SocketException("Socket closed");
                        }
                        byte[] copy = new byte[len];
                        System.arraycopy(b, off, copy, 0, len);
                        fromClient.add(copy);
                    }
                };

                @Override
                public InputStream input() {
                    return in;
                }

                @Override
                public OutputStream output() {
                    return out;
                }

                @Override
                public String describe() {
                    return "fake://" + address;
                }

                @Override
                public void close() {
                    closedByClient = true;
                }
            };
        }

        /** Sends a packet to the client. */
        void send(MqttPacket p) {
            byte[] buf = new byte[MqttEncoder.encodedLength(p)];
            new MqttEncoder(MqttEncoder.MAX_PACKET_SIZE_LIMIT).encode(p, ByteBuffer.wrap(buf));
            toClient.add(buf);
        }

        /** Sends raw bytes to the client. */
        void sendRaw(byte... bytes) {
            toClient.add(bytes.clone());
        }

        /** The broker closes the connection (the client reads EOF). */
        void close() {
            toClient.add(EOF);
        }

        /** The next packet the client sent, or null after {@code millis}. */
        MqttPacket poll(long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (true) {
                if (pendingIn.hasRemaining()) {
                    MqttPacket p = decoder.decode(pendingIn);
                    if (p != null) {
                        return p;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                byte[] b = fromClient.poll(left, TimeUnit.MILLISECONDS);
                if (b == null) {
                    return null;
                }
                pendingIn = ByteBuffer.wrap(b);
            }
        }

        /** The next packet the client sent, which must be a {@code type}. */
        <T extends MqttPacket> T expect(Class<T> type) throws InterruptedException {
            MqttPacket p = poll(5000);
            assertNotNull(p, "expected " + type.getSimpleName() + " from the client, got nothing");
            assertTrue(type.isInstance(p), "expected " + type.getSimpleName() + ", got " + p);
            return type.cast(p);
        }

        /** Asserts the client sends nothing within {@code millis}. */
        void expectNothing(long millis) throws InterruptedException {
            MqttPacket p = poll(millis);
            if (p != null) {
                fail("expected silence, got " + p);
            }
        }

        /** Waits until the client closes its side. */
        void awaitClientClose() throws InterruptedException {
            long deadline = System.currentTimeMillis() + 5000;
            while (!closedByClient) {
                if (System.currentTimeMillis() > deadline) {
                    fail("client did not close the connection");
                }
                Thread.sleep(5);
            }
        }
    }
}
