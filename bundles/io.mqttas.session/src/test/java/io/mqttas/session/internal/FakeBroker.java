/* The broker side of in-memory transports: the session core is driven without sockets (STYLE.md). */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttDecoder;
import io.mqttas.codec.MqttEncoder;
import io.mqttas.codec.MqttPacket;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link Transport.Factory} whose connections are in-memory pipes the test plays the broker on.
 * Its callbacks reach the client on the client's loop, as a real transport's do.
 */
final class FakeBroker implements Transport.Factory {
    private static final byte[] EOF = new byte[0];
    final BlockingQueue<Link> accepted = new LinkedBlockingQueue<>();
    final BlockingQueue<String> hosts = new LinkedBlockingQueue<>();
    final AtomicInteger opens = new AtomicInteger();
    private final Executor loop;
    volatile IOException failNext;
    volatile boolean refuseAll;
    /** Bytes a new connection's socket takes before it is "full" (the test then calls {@link Link#drainSocket}). */
    volatile long socketCapacity = Long.MAX_VALUE;
    /** The protocol version new connections speak (MQTT 5.0 tests set it before connecting). */
    volatile io.mqttas.codec.MqttVersion version = io.mqttas.codec.MqttVersion.MQTT_3_1_1;

    FakeBroker(Executor loop) {
        this.loop = loop;
    }

    @Override
    public Transport.Attempt open(String host, int port, long timeoutMillis, Transport.Callback callback) {
        opens.incrementAndGet();
        hosts.add(host);
        IOException f = failNext;
        if (f != null || refuseAll) {
            failNext = null;
            IOException e = f != null ? f : new java.net.ConnectException("Connection refused (fake)");
            loop.execute(() -> callback.failed(e));
            return () -> { };
        }
        Link l = new Link(host + ":" + port, socketCapacity);
        accepted.add(l);
        loop.execute(() -> callback.opened(l.clientSide));
        return l::closeFromClient;
    }

    /** The next connection the client opens. */
    Link accept() throws InterruptedException {
        Link l = accepted.poll(5, TimeUnit.SECONDS);
        assertNotNull(l, "the client did not connect");
        return l;
    }

    /** Asserts that no connection is opened within {@code millis}. */
    void assertNoConnection(long millis) throws InterruptedException {
        if (accepted.poll(millis, TimeUnit.MILLISECONDS) != null) {
            fail("unexpected connection");
        }
    }

    /** One connection: bytes the client wrote, bytes for the client to read. */
    final class Link {
        final String address;
        private final BlockingQueue<byte[]> fromClient = new LinkedBlockingQueue<>();
        private final io.mqttas.codec.MqttVersion linkVersion = version;
        private final MqttDecoder decoder = new MqttDecoder(64 * 1024 * 1024, linkVersion);
        private ByteBuffer pendingIn = ByteBuffer.allocate(0);
        private final ArrayDeque<byte[]> held = new ArrayDeque<>();
        private Transport.Receiver receiver;
        private boolean paused;
        private boolean owedWritable;
        private long capacity;
        volatile boolean closedByClient;
        volatile Throwable writeError;
        final Transport clientSide = new Transport() {
            @Override
            public void start(Receiver r) {
                synchronized (Link.this) {
                    receiver = r;
                    release();
                }
            }

            @Override
            public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
                Throwable e = writeError;
                if (e instanceof Error err) {
                    throw err;
                }
                if (closedByClient) {
                    throw new java.net.SocketException("Socket closed");
                }
                long n = 0;
                synchronized (Link.this) {
                    for (int i = offset; i < offset + length && capacity > 0; i++) {
                        ByteBuffer b = srcs[i];
                        int take = (int) Math.min(b.remaining(), capacity);
                        if (take == 0) {
                            continue;
                        }
                        byte[] copy = new byte[take];
                        b.get(copy);
                        fromClient.add(copy);
                        capacity -= take;
                        n += take;
                    }
                    for (int i = offset; i < offset + length; i++) {
                        if (srcs[i].hasRemaining()) {
                            owedWritable = true;
                        }
                    }
                }
                return n;
            }

            @Override
            public void pauseReading() {
                synchronized (Link.this) {
                    paused = true;
                }
            }

            @Override
            public void resumeReading() {
                synchronized (Link.this) {
                    paused = false;
                    release();
                }
            }

            @Override
            public String describe() {
                return "fake://" + address;
            }

            @Override
            public void close() {
                closeFromClient();
            }
        };

        Link(String address, long capacity) {
            this.address = address;
            this.capacity = capacity;
        }

        void closeFromClient() {
            closedByClient = true;
        }

        /** Whether the client has stopped reading (backpressure). */
        synchronized boolean paused() {
            return paused;
        }

        private boolean pumping;

        /** Hands held bytes to the client on its loop, one chunk at a time, stopping as soon as it pauses reading. */
        private void release() {
            if (receiver == null || paused || held.isEmpty() || pumping) {
                return;
            }
            pumping = true;
            loop.execute(this::pump);
        }

        private void pump() {
            while (true) {
                byte[] b;
                Transport.Receiver r;
                synchronized (this) {
                    if (paused || held.isEmpty() || closedByClient) {
                        pumping = false;
                        return;
                    }
                    b = held.poll();
                    r = receiver;
                }
                if (b == EOF) {
                    r.onClosed(new EOFException("connection closed by the broker"));
                } else {
                    r.onData(ByteBuffer.wrap(b));
                }
            }
        }

        private synchronized void deliver(byte[] bytes) {
            if (bytes.length == 0 && bytes != EOF) {
                return;
            }
            held.add(bytes);
            release();
        }

        /** Sends a packet to the client. */
        void send(MqttPacket p) {
            byte[] buf = new byte[MqttEncoder.encodedLength(p, linkVersion)];
            new MqttEncoder(MqttEncoder.MAX_PACKET_SIZE_LIMIT, linkVersion).encode(p, ByteBuffer.wrap(buf));
            deliver(buf);
        }

        /** Sends raw bytes to the client. */
        void sendRaw(byte... bytes) {
            deliver(bytes.clone());
        }

        /** The broker closes the connection (the client sees EOF after what was sent before). */
        void close() {
            deliver(EOF); // in order, after the data sent before
        }

        /** The socket takes {@code bytes} more (a slow link draining); the client is told it may write. */
        void drainSocket(long bytes) {
            Transport.Receiver r;
            synchronized (this) {
                capacity = capacity == Long.MAX_VALUE ? capacity : capacity + bytes;
                if (!owedWritable || receiver == null) {
                    return;
                }
                owedWritable = false;
                r = receiver;
            }
            loop.execute(r::onWritable);
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
                ByteBuffer merged = ByteBuffer.allocate(pendingIn.remaining() + b.length);
                merged.put(pendingIn).put(b).flip();
                pendingIn = merged;
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
