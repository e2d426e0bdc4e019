/*
 * spec/relay.md §16 and docs/relay-modem.md: the ESP-NOW radio through a modem on a byte stream
 * (a serial port in production, a pipe to a simulated modem in tests). Two threads: the reader
 * (mqttas-relay-modem) decodes frames and completes requests; the dispatcher
 * (mqttas-relay-modem-rx) hands received node frames to the gateway, so a gateway reply (a SEND
 * that waits for the modem's RESULT) can never wait on its own reader. Every request has a deadline.
 */
package io.mqttas.relay.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The modem transport over any input/output stream pair. */
public final class ModemTransport implements RadioTransport {
    private static final Logger LOG = LoggerFactory.getLogger(ModemTransport.class);
    private static final int RX_QUEUE = 256;

    /** A modem's answer to a request. */
    record Result(int status, byte[] value) {
    }

    private record Received(NodeId from, byte[] frame) {
    }

    private final InputStream in;
    private final OutputStream out;
    private final Closeable port;
    private final Duration timeout;
    private final int wantedChannel;
    private final Map<Integer, CompletableFuture<Result>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Received> rx = new ArrayBlockingQueue<>(RX_QUEUE);
    private final AtomicLong rxDropped = new AtomicLong();
    private final Object writeLock = new Object();
    private int seq;
    private volatile NodeId gateway;
    private volatile int channel;
    private volatile boolean closed;
    private Thread reader;
    private Thread dispatcher;

    /**
     * {@code port} is closed on {@link #close()} (it must unblock a reader stuck in {@code read});
     * {@code timeout} bounds each request; {@code channel} > 0 is set on the modem at start.
     */
    public ModemTransport(InputStream in, OutputStream out, Closeable port, Duration timeout, int channel) {
        this.in = in;
        this.out = out;
        this.port = port;
        this.timeout = timeout;
        this.wantedChannel = channel;
    }

    @Override
    public synchronized void start(FrameSink sink) throws IOException {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        reader = new Thread(this::read, "mqttas-relay-modem");
        reader.setDaemon(true);
        reader.start();
        dispatcher = new Thread(() -> dispatch(sink), "mqttas-relay-modem-rx");
        dispatcher.setDaemon(true);
        dispatcher.start();
        try {
            Result mac = request(ModemFrame.GET_MAC, new byte[0]);
            if (mac.status != ModemFrame.OK || mac.value.length != NodeId.LENGTH) {
                throw new IOException("modem did not report its MAC (status " + mac.status + ")");
            }
            gateway = NodeId.of(mac.value, 0);
            if (wantedChannel > 0) {
                Result set = request(ModemFrame.SET_CHANNEL, new byte[] {(byte) wantedChannel});
                if (set.status != ModemFrame.OK) {
                    throw new IOException("modem refused channel " + wantedChannel + ": " + text(set));
                }
            }
            refreshChannel();
        } catch (IOException e) {
            close();
            throw e;
        }
        LOG.info("relay ESP-NOW modem ready: gateway {} on channel {}", gateway, channel);
    }

    private void refreshChannel() throws IOException {
        Result ch = request(ModemFrame.GET_CHANNEL, new byte[0]);
        if (ch.status != ModemFrame.OK || ch.value.length != 1) {
            throw new IOException("modem did not report its channel: " + text(ch));
        }
        channel = ch.value[0] & 0xff;
    }

    private void read() {
        ModemFrame.Decoder decoder = new ModemFrame.Decoder();
        byte[] buf = new byte[512];
        while (!closed) {
            int n;
            try {
                n = in.read(buf);
            } catch (InterruptedIOException e) {
                continue; // a read timeout (jSerialComm semi-blocking mode): nothing arrived yet
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("relay modem stream failed; reader ends", e);
                    failPending(e);
                }
                return;
            }
            if (n < 0) {
                if (!closed) {
                    LOG.error("relay modem stream ended");
                    failPending(new IOException("modem stream ended"));
                }
                return;
            }
            decoder.feed(buf, 0, n, f -> {
                try {
                    accept(f);
                } catch (RuntimeException e) {
                    LOG.warn("relay modem frame {} not handled: {}", f, e.toString());
                }
            });
        }
    }

    private void accept(ModemFrame f) {
        byte[] p = f.payload();
        if (f.type() == ModemFrame.RECV && p.length >= NodeId.LENGTH) {
            Received r = new Received(NodeId.of(p, 0), Arrays.copyOfRange(p, NodeId.LENGTH, p.length));
            if (!rx.offer(r)) {
                rxDropped.incrementAndGet(); // bounded: a flood costs frames, not memory
            }
        } else if (f.type() == ModemFrame.RESULT && p.length >= 2) {
            CompletableFuture<Result> waiting = pending.remove(p[0] & 0xff);
            if (waiting != null) {
                waiting.complete(new Result(p[1] & 0xff, Arrays.copyOfRange(p, 2, p.length)));
            }
        } else {
            LOG.debug("relay modem: ignoring {}", f);
        }
    }

    private void dispatch(FrameSink sink) {
        while (!closed) {
            try {
                Received r = rx.poll(250, TimeUnit.MILLISECONDS);
                if (r != null) {
                    sink.onFrame(r.from, r.frame);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("relay modem: frame handler failed", e);
            }
        }
    }

    Result request(int type, byte[] args) throws IOException {
        if (closed) {
            throw new IOException("modem transport closed");
        }
        CompletableFuture<Result> f = new CompletableFuture<>();
        int id;
        synchronized (writeLock) {
            id = seq = (seq + 1) & 0xff;
            byte[] payload = new byte[args.length + 1];
            payload[0] = (byte) id;
            System.arraycopy(args, 0, payload, 1, args.length);
            pending.put(id, f);
            try {
                out.write(new ModemFrame(type, payload).encode());
                out.flush();
            } catch (IOException e) {
                pending.remove(id, f);
                throw e;
            }
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("modem did not answer request 0x" + Integer.toHexString(type) + " within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new IOException("modem request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the modem");
        } finally {
            pending.remove(id, f);
        }
    }

    private void failPending(IOException e) {
        pending.values().forEach(f -> f.completeExceptionally(e));
        pending.clear();
    }

    private static String text(Result r) {
        return "status " + r.status + (r.value.length > 0 ? " " + new String(r.value, StandardCharsets.UTF_8) : "");
    }

    @Override
    public boolean send(NodeId node, byte[] frame) throws IOException {
        byte[] args = new byte[NodeId.LENGTH + frame.length];
        node.writeTo(args, 0);
        System.arraycopy(frame, 0, args, NodeId.LENGTH, frame.length);
        Result r = request(ModemFrame.SEND, args);
        if (r.status == ModemFrame.ERROR) {
            throw new IOException(text(r));
        }
        return r.status == ModemFrame.OK;
    }

    @Override
    public void addPeer(NodeId node) throws IOException {
        Result r = request(ModemFrame.ADD_PEER, node.mac());
        if (r.status != ModemFrame.OK) {
            throw new IOException(text(r));
        }
    }

    @Override
    public int channel() {
        return channel;
    }

    @Override
    public NodeId gatewayId() {
        return gateway;
    }

    /** Received frames dropped because the gateway fell behind. */
    public long rxDropped() {
        return rxDropped.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        failPending(new IOException("modem transport closed"));
        try {
            port.close();
        } catch (IOException e) {
            LOG.warn("closing the modem port: {}", e.toString());
        }
        for (Thread t : new Thread[] {reader, dispatcher}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (t.isAlive()) {
                    LOG.warn("{} did not stop within 2 s", t.getName());
                }
            }
        }
    }
}
