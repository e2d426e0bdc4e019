/*
 * spec/relay.md §16 and docs/relay-modem.md: the ESP-NOW radio through a modem on a serial port.
 * Two threads. mqttas-relay-modem owns the port: it opens it, reads and decodes frames, and after
 * any I/O error (unplugged, modem gone) closes it and opens it again with back-off, for as long
 * as the gateway runs. mqttas-relay-modem-rx hands node frames to the gateway in order and does
 * everything that waits for the modem: it asks for a HELLO until one comes (a board resets when
 * its port opens and needs a moment to boot), configures a modem that booted (channel, the peers
 * it had), sends heartbeats and reopens the port of a modem that stopped answering. A gateway
 * reply (a SEND waiting for its RESULT) therefore never waits on its own reader. The modem's peer
 * table is managed least-recently-heard first (PeerTable). Every request has a deadline.
 */
package io.mqttas.relay.internal;

import io.mqttas.relay.RadioState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The modem transport over a port that may come and go. */
public final class ModemTransport implements RadioTransport {
    private static final Logger LOG = LoggerFactory.getLogger(ModemTransport.class);
    private static final long REPORT_EVERY_MILLIS = 60_000;

    private final ModemPort.Opener opener;
    private final Duration timeout;
    private final ModemTimings timings;
    private final int wantedChannel;
    private final ModemEvents events;
    private final ModemLifeCycle lifeCycle;
    private final ReportLimiter limiter = new ReportLimiter(Clock.systemUTC(), 1);
    private final ModemPeers peers;
    private final AtomicLong portErrors = new AtomicLong();
    private final AtomicLong modemResets = new AtomicLong();
    private final AtomicLong notAcked = new AtomicLong();
    private volatile FrameSink sink;
    private volatile ModemConnection connection;
    private volatile boolean ready;
    private volatile boolean closed;
    private volatile String state = "not started";
    private volatile String lastError = "";
    private volatile ModemHello hello;
    private volatile Long bootId;
    private volatile NodeId gateway;
    private volatile int channel;
    /** Epoch ms of the last node frame, and of anything from the modem (heartbeat). */
    private volatile long lastFrame;
    private volatile long lastFromModem;
    private Thread portThread;
    private Thread rxThread;

    /** {@code timeout} bounds each request; {@code channel} > 0 is set on the modem after every boot. */
    public ModemTransport(ModemPort.Opener opener, Duration timeout, int channel) {
        this(opener, timeout, channel, ModemTimings.DEFAULT);
    }

    public ModemTransport(ModemPort.Opener opener, Duration timeout, int channel, ModemTimings timings) {
        this.opener = opener;
        this.timeout = timeout;
        this.wantedChannel = channel;
        this.timings = timings;
        this.events = new ModemEvents();
        this.peers = new ModemPeers(timeout);
        this.lifeCycle = new ModemLifeCycle(this, timeout, timings);
    }

    @Override
    public synchronized void start(FrameSink s) {
        if (portThread != null) {
            throw new IllegalStateException("already started");
        }
        this.sink = s;
        portThread = new Thread(this::ownPort, "mqttas-relay-modem");
        portThread.setDaemon(true);
        rxThread = new Thread(lifeCycle::run, "mqttas-relay-modem-rx");
        rxThread.setDaemon(true);
        portThread.start();
        rxThread.start();
        LOG.info("relay ESP-NOW modem transport started on {} (waiting for the modem's HELLO)", opener.name());
    }

    // ---- the port thread ------------------------------------------------------------------------

    private void ownPort() {
        long backoff = timings.backoffMin();
        while (!closed) {
            state = "opening";
            ModemPort port;
            try {
                port = opener.open();
            } catch (IOException | RuntimeException e) {
                portError("ESP-NOW modem port " + opener.name() + " cannot be opened: " + e.getMessage()
                        + "; retrying", "open");
                backoff = pause(backoff);
                continue;
            }
            ModemConnection c = new ModemConnection(port);
            connection = c;
            state = "waiting for HELLO";
            long openedAt = System.currentTimeMillis();
            events.offerControl(new ModemEvents.Connected(c));
            IOException cause = ModemReader.read(c, events, this::frameSeen, () -> closed);
            long readyFor = ready ? System.currentTimeMillis() - openedAt : 0;
            ready = false;
            connection = null;
            c.close(cause);
            if (closed) {
                break;
            }
            state = "port lost";
            portError("ESP-NOW modem on " + opener.name() + " lost: " + cause.getMessage() + "; reopening", "lost");
            if (readyFor > 30_000) {
                backoff = timings.backoffMin(); // it worked for a while: a fresh failure, retry soon
            }
            backoff = pause(backoff);
        }
        state = "closed";
    }

    /** Sleeps about {@code backoff} (±20 %), returns the next back-off (doubling, capped). */
    private long pause(long backoff) {
        long jittered = (long) (backoff * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            // closing
        }
        return Math.min(backoff * 2, timings.backoffMax());
    }

    private void portError(String text, String kind) {
        portErrors.incrementAndGet();
        lastError = text;
        if (limiter.once(kind, REPORT_EVERY_MILLIS)) {
            LOG.warn("relay {}", text);
            sink.radioError(text);
        } else {
            LOG.debug("relay {}", text);
        }
    }

    private void frameSeen(boolean fromNode) {
        long now = System.currentTimeMillis();
        lastFromModem = now;
        if (fromNode) {
            lastFrame = now;
        }
    }

    // ---- called by the life cycle (rx thread) ---------------------------------------------------

    ModemEvents events() {
        return events;
    }

    ModemConnection connection() {
        return connection;
    }

    boolean isReady() {
        return ready;
    }

    long lastFromModem() {
        return lastFromModem;
    }

    void deliver(NodeId from, byte[] frame) {
        peers.heard(from);
        sink.onFrame(from, frame);
    }

    /**
     * A HELLO on connection {@code c}, sent at a boot ({@code answer} false) or answering INFO: a
     * modem that booted is configured, then the transport is ready.
     */
    void hello(ModemHello h, ModemConnection c, boolean answer) {
        if (c != connection || closed) {
            return;
        }
        boolean rebooted = bootId == null || bootId != h.bootId();
        if (!rebooted && !answer) {
            return; // the boot announcement of a boot already handled (an INFO answer overtook it)
        }
        NodeId id = h.gatewayMac();
        if (gateway != null && !gateway.equals(id)) {
            String text = "ESP-NOW modem identity changed from " + gateway + " to " + id
                    + ": nodes configured with " + gateway + " no longer reach this gateway";
            LOG.warn("relay {}", text);
            sink.radioError(text);
        }
        gateway = id;
        hello = h;
        if (rebooted) {
            channel = h.channel(); // configure() sets serial_channel on it if wanted
        } else if (h.channel() != channel) {
            channelChanged(h.channel()); // a CHANNEL event was missed; the modem knows its channel
        }
        peers.capacity(h.peerCapacity());
        if (rebooted) {
            state = "configuring";
            if (bootId != null) {
                modemResets.incrementAndGet();
                LOG.warn("relay ESP-NOW modem on {} rebooted (boot id {} -> {}): restoring channel and peers",
                        opener.name(), Long.toHexString(bootId), Long.toHexString(h.bootId()));
            }
            bootId = h.bootId();
            configure(h, c);
        }
        boolean wasReady = ready;
        ready = true;
        state = "ready";
        if (!wasReady) {
            String text = "ESP-NOW modem ready on " + opener.name() + ": firmware " + h.firmware() + ", gateway "
                    + id + " (" + (h.apInterface() ? "AP" : "station") + " interface), channel " + channel
                    + (h.onAccessPoint() ? " (follows its access point)" : "") + ", peers " + peers.used() + "/"
                    + h.peerCapacity();
            LOG.info("relay {}", text);
            sink.radioStatus(text);
        }
    }

    private void configure(ModemHello h, ModemConnection c) {
        if (wantedChannel > 0 && h.channel() != wantedChannel) {
            if (h.onAccessPoint()) {
                sink.radioError("serial_channel=" + wantedChannel + " not set: the modem follows its access point"
                        + " on channel " + h.channel());
            } else {
                try {
                    ModemConnection.Result r = c.request(ModemFrame.SET_CHANNEL, new byte[] {(byte) wantedChannel},
                            timeout);
                    if (r.status() == ModemFrame.OK) {
                        channel = wantedChannel;
                    } else {
                        sink.radioError("ESP-NOW modem refused channel " + wantedChannel + ": " + r.text());
                    }
                } catch (IOException e) {
                    LOG.warn("relay: setting channel {} on the modem failed: {}", wantedChannel, e.getMessage());
                }
            }
        }
        peers.registerAgain(c);
    }

    /** The modem's channel changed (it follows its access point). */
    void channelChanged(int ch) {
        int old = channel;
        channel = ch;
        if (old != ch) {
            String text = "ESP-NOW modem channel changed from " + old + " to " + ch;
            LOG.info("relay {}", text);
            sink.radioStatus(text);
        }
    }

    /** A LOG event from the modem. */
    void modemLog(int level, String text) {
        if (level >= 2 && limiter.once("modem log", 1_000)) {
            LOG.warn("relay ESP-NOW modem: {}", text);
            sink.radioError("ESP-NOW modem: " + text);
        } else {
            LOG.info("relay ESP-NOW modem: {}", text);
        }
    }

    /** The modem stopped answering: close the port so the port thread opens it again (resetting the board). */
    void abandon(ModemConnection c, String why) {
        lastError = why;
        c.close(new IOException(why));
    }

    void silent(String text) {
        lastError = text;
        if (limiter.once("silent", REPORT_EVERY_MILLIS)) {
            LOG.warn("relay {}", text);
            sink.radioError(text);
        }
    }

    String portName() {
        return opener.name();
    }

    // ---- RadioTransport -------------------------------------------------------------------------

    @Override
    public boolean send(NodeId node, byte[] frame) throws IOException {
        ModemConnection c = readyConnection();
        peers.ensure(c, node);
        byte[] args = new byte[NodeId.LENGTH + frame.length];
        node.writeTo(args, 0);
        System.arraycopy(frame, 0, args, NodeId.LENGTH, frame.length);
        ModemConnection.Result r = c.request(ModemFrame.SEND, args, timeout);
        if (r.status() == ModemFrame.ERROR && r.text().contains("NOT_FOUND")) {
            peers.forget(node); // the modem forgot the peer (tables out of step): register, send once more
            peers.ensure(c, node);
            r = c.request(ModemFrame.SEND, args, timeout);
        }
        switch (r.status()) {
            case ModemFrame.OK -> {
                peers.heard(node);
                return true;
            }
            case ModemFrame.NOT_ACKED -> {
                notAcked.incrementAndGet();
                return false;
            }
            default -> throw new IOException(r.text().isEmpty() ? "status " + r.status() : r.text());
        }
    }

    private ModemConnection readyConnection() throws IOException {
        ModemConnection c = connection;
        if (c == null || !ready) {
            throw new IOException("ESP-NOW modem not ready (" + state + ")");
        }
        return c;
    }

    /** Registers a newly heard node now if the modem has a free slot; otherwise its first send does. */
    @Override
    public void addPeer(NodeId node) throws IOException {
        ModemConnection c = connection;
        if (c != null && ready) {
            peers.addIfRoom(c, node);
        }
    }

    @Override
    public boolean acknowledgesDelivery() {
        return true;
    }

    @Override
    public int channel() {
        return channel;
    }

    @Override
    public NodeId gatewayId() {
        return gateway;
    }

    @Override
    public RadioState state() {
        ModemHello h = hello;
        int capacity = h == null ? 0 : peers.capacity();
        int used = peers.used();
        long dropped = events.dropped() + (h == null ? 0 : h.dropped());
        return new RadioState("serial", opener.name(), state, h == null ? "" : h.firmware(), channel, used, capacity,
                lastFrame, portErrors.get(), modemResets.get(), dropped, notAcked.get(), lastError);
    }

    /** Node frames dropped because the gateway fell behind (the modem's own drops are in its HELLO). */
    public long rxDropped() {
        return events.dropped();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ModemConnection c = connection;
        if (c != null) {
            c.close(new IOException("modem transport closed"));
        }
        for (Thread t : new Thread[] {portThread, rxThread}) {
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
        state = "closed";
    }

    boolean isClosed() {
        return closed;
    }
}
