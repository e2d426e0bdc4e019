/*
 * The UDP radio (issue 6 §2a), for nodes on IP networks, simulation and tests. A datagram from a
 * node is its 6-byte MAC followed by the frame; the gateway answers to the datagram's source
 * address with its own 6-byte MAC followed by the reply, and remembers each node's last address
 * for later pushes (lpmode=false). The address book is bounded (least recently heard dropped).
 * UDP has no delivery acknowledgement: a send reports only that the datagram left (issue 11 item
 * 11: the gateway then pushes only to nodes heard within their awake window). If the socket
 * fails, the receive thread binds it again after a pause instead of ending for good.
 */
package io.mqttas.relay.internal;

import io.mqttas.relay.RadioState;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns the socket and the thread {@code mqttas-relay-udp}. */
public final class UdpTransport implements RadioTransport {
    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    /** Large enough to see (and reject) any oversized frame rather than have it truncated. */
    private static final int BUFFER = 2048;
    private static final long REBIND_MILLIS = 1_000;
    /**
     * Room for a burst from a large fleet while the receive thread is briefly descheduled: 4 MiB
     * holds about 5,000 small datagrams (the kernel caps it at net.core.rmem_max).
     */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private final InetSocketAddress bind;
    private final NodeId gateway;
    private final int channel;
    private final Map<NodeId, SocketAddress> addresses;
    private final AtomicLong runts = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile long lastFrame;
    private volatile String lastError = "";
    private volatile DatagramChannel socket;
    /** The address actually bound (port 0 resolved), bound again after a failure. */
    private volatile InetSocketAddress bound;
    private Thread thread;
    private volatile boolean closed;

    /** Listens on {@code host:port} (port 0 = any free port); {@code maxNodes} bounds the address book. */
    public UdpTransport(String host, int port, NodeId gateway, int channel, int maxNodes) throws IOException {
        this.bind = new InetSocketAddress(InetAddress.getByName(host), port);
        this.gateway = gateway;
        this.channel = channel;
        this.addresses = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<NodeId, SocketAddress> eldest) {
                return size() > maxNodes;
            }
        };
    }

    @Override
    public synchronized void start(FrameSink sink) throws IOException {
        if (socket != null) {
            throw new IllegalStateException("already started");
        }
        socket = open(bind);
        bound = (InetSocketAddress) socket.getLocalAddress();
        thread = new Thread(() -> receive(sink), "mqttas-relay-udp");
        thread.setDaemon(true);
        thread.start();
        LOG.info("relay UDP transport listening on {} as gateway {}", bound, gateway);
    }

    private static DatagramChannel open(InetSocketAddress at) throws IOException {
        DatagramChannel ch = DatagramChannel.open(at.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            ch.bind(at);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The bound address (useful with port 0). */
    public InetSocketAddress localAddress() {
        return bound;
    }

    private void receive(FrameSink sink) {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        int failures = 0;
        while (!closed) {
            DatagramChannel ch = socket;
            try {
                buf.clear();
                SocketAddress source = ch.receive(buf);
                failures = 0;
                buf.flip();
                if (buf.remaining() < NodeId.LENGTH) {
                    runts.incrementAndGet(); // no sender MAC: nothing to answer, nobody to report
                    continue;
                }
                byte[] datagram = new byte[buf.remaining()];
                buf.get(datagram);
                NodeId from = NodeId.of(datagram, 0);
                synchronized (addresses) {
                    addresses.put(from, source);
                }
                lastFrame = System.currentTimeMillis();
                sink.onFrame(from, Arrays.copyOfRange(datagram, NodeId.LENGTH, datagram.length));
            } catch (ClosedChannelException e) {
                if (!closed) {
                    rebind(sink, e);
                }
            } catch (IOException | RuntimeException e) { // one bad datagram never ends the loop
                LOG.warn("relay UDP receive: {}", e.toString());
                if (++failures >= 100 && !closed) { // not one datagram: the socket itself is broken
                    failures = 0;
                    rebind(sink, e);
                }
            }
        }
    }

    /** The socket failed under us: report it, wait a moment, bind again (until closed). */
    private void rebind(FrameSink sink, Exception cause) {
        errors.incrementAndGet();
        lastError = cause.toString();
        LOG.error("relay UDP socket on {} failed ({}); binding it again in {} ms", bound, cause.toString(),
                REBIND_MILLIS);
        sink.radioError("UDP radio socket on " + bound + " failed: " + cause + "; binding it again");
        closeQuietly(socket);
        while (!closed) {
            try {
                Thread.sleep(REBIND_MILLIS);
                DatagramChannel ch = open(bound);
                socket = ch;
                if (closed) {
                    closeQuietly(ch);
                }
                return;
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                errors.incrementAndGet();
                lastError = e.toString();
            }
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing a failed socket: nothing more to do
        }
    }

    @Override
    public boolean send(NodeId node, byte[] frame) throws IOException {
        SocketAddress to;
        synchronized (addresses) {
            to = addresses.get(node);
        }
        DatagramChannel ch = socket;
        if (to == null || ch == null) {
            return false;
        }
        ByteBuffer out = ByteBuffer.allocate(NodeId.LENGTH + frame.length);
        gateway.writeTo(out.array(), 0);
        out.position(NodeId.LENGTH);
        out.put(frame).flip();
        ch.send(out, to);
        return true;
    }

    @Override
    public void addPeer(NodeId node) {
        // UDP needs no peer registration; the address is learnt from each datagram.
    }

    @Override
    public boolean acknowledgesDelivery() {
        return false;
    }

    @Override
    public RadioState state() {
        InetSocketAddress a = bound == null ? bind : bound;
        String port = a.getAddress().getHostAddress() + ":" + a.getPort();
        return new RadioState("udp", port, closed ? "closed" : socket == null ? "not started" : "ready", "", channel,
                0, 0, lastFrame, errors.get(), 0, 0, 0, lastError);
    }

    @Override
    public int channel() {
        return channel;
    }

    @Override
    public NodeId gatewayId() {
        return gateway;
    }

    /** Datagrams too short to carry a MAC. */
    public long runts() {
        return runts.get();
    }

    @Override
    public void close() {
        closed = true;
        DatagramChannel ch = socket;
        if (ch != null) {
            closeQuietly(ch);
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
