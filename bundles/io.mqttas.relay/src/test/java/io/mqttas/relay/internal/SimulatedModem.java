/*
 * A simulated ESP-NOW modem board speaking docs/relay-modem.md protocol 2 over in-memory byte
 * pipes, with an ESP32's limits (a peer table of `capacity`, unicast only to registered peers,
 * MAC-level ack only from nodes in range). Like a board on a USB-serial chip it reboots whenever
 * its port is opened (new boot id, empty peer table, HELLO after `bootMillis`). It can be reset,
 * unplugged (the port vanishes), made silent, or made to change channel. The real firmware
 * (features/relay-modem) runs against the gateway in relay-it; this double drives the transport's
 * unit tests quickly.
 */
package io.mqttas.relay.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

final class SimulatedModem implements AutoCloseable {
    record Sent(NodeId to, String frame) {
    }

    final NodeId sta = NodeId.parse("70041dad8f14");
    final NodeId ap = NodeId.parse("70041dad8f15");
    final Set<NodeId> peers = ConcurrentHashMap.newKeySet();
    final Set<NodeId> outOfRange = ConcurrentHashMap.newKeySet();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<Integer> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger opens = new AtomicInteger();
    volatile int capacity = 20;
    volatile int channel = 11;
    volatile boolean silent;
    volatile boolean unplugged;
    volatile boolean onAccessPoint;
    volatile int protocol = ModemHello.PROTOCOL;
    volatile long bootMillis;
    volatile long bootId;
    private volatile long bootedAt;
    private final Random random = new Random(7);
    private volatile BytePipe toHost;
    private volatile BytePipe toModem;

    /** The port, as the host opens it: every opening resets the board. */
    ModemPort.Opener opener() {
        return new ModemPort.Opener() {
            @Override
            public ModemPort open() throws IOException {
                if (unplugged) {
                    throw new IOException("no such device: modem unplugged");
                }
                opens.incrementAndGet();
                BytePipe h = new BytePipe();
                BytePipe m = new BytePipe();
                closePipes();
                toHost = h;
                toModem = m;
                Thread t = new Thread(() -> run(h, m), "test-modem");
                t.setDaemon(true);
                t.start();
                return ModemPort.of(h.in, m.out, () -> {
                    h.close();
                    m.close();
                });
            }

            @Override
            public String name() {
                return "sim:modem";
            }
        };
    }

    ModemTransport transport(java.time.Duration timeout, int wantedChannel, ModemTimings timings) {
        return new ModemTransport(opener(), timeout, wantedChannel, timings);
    }

    /** A node's frame arrives over the air. */
    void receive(NodeId from, byte[] frame) throws IOException {
        byte[] p = new byte[6 + frame.length];
        from.writeTo(p, 0);
        System.arraycopy(frame, 0, p, 6, frame.length);
        write(new ModemFrame(ModemFrame.RECV, p));
    }

    void raw(byte[] bytes) throws IOException {
        toHost.out.write(bytes);
    }

    /** The board resets (watchdog, brown-out) while its port stays open: empty peer table, new HELLO. */
    void reset() throws IOException {
        boot(toHost);
    }

    /** The access point moved: the modem follows and tells the host. */
    void changeChannel(int ch) throws IOException {
        channel = ch;
        write(new ModemFrame(ModemFrame.CHANNEL, new byte[] {(byte) ch}));
    }

    /** Pulled out: the port's streams end, and opening fails until {@link #plug()}. */
    void unplug() {
        unplugged = true;
        closePipes();
    }

    void plug() {
        unplugged = false;
    }

    private void closePipes() {
        BytePipe h = toHost;
        BytePipe m = toModem;
        if (h != null) {
            h.close();
        }
        if (m != null) {
            m.close();
        }
    }

    private void boot(BytePipe to) throws IOException {
        peers.clear();
        bootId = random.nextInt() & 0xffffffffL;
        bootedAt = System.currentTimeMillis();
        if (bootMillis > 0) {
            try {
                Thread.sleep(bootMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
        to.out.write(new byte[] {'e', 't', 's', ' ', 0x00, (byte) 0xA5, 0x13}); // ROM chatter at boot
        to.out.write(new ModemFrame(ModemFrame.HELLO, hello().encode()).encode());
    }

    ModemHello hello() {
        return new ModemHello(protocol, sta, ap, true, channel, capacity, peers.size(), onAccessPoint, true, bootId,
                System.currentTimeMillis() - bootedAt, 0, "sim-2.0");
    }

    private void run(BytePipe h, BytePipe m) {
        try {
            boot(h);
            ModemFrame.Decoder d = new ModemFrame.Decoder();
            byte[] buf = new byte[256];
            while (true) {
                int n;
                try {
                    n = m.in.read(buf, 0, buf.length);
                } catch (java.io.InterruptedIOException quiet) {
                    continue;
                }
                if (n < 0) {
                    return;
                }
                d.feed(buf, 0, n, f -> {
                    if (!silent) {
                        try {
                            answer(h, f);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // pipe closed: the port was closed or the board unplugged
        }
    }

    private void answer(BytePipe h, ModemFrame f) throws IOException {
        byte[] p = f.payload();
        int seq = p[0] & 0xff;
        requests.add(f.type());
        switch (f.type()) {
            case ModemFrame.INFO -> result(h, seq, ModemFrame.OK, hello().encode());
            case ModemFrame.GET_MAC -> result(h, seq, ModemFrame.OK, ap.mac());
            case ModemFrame.GET_CHANNEL -> result(h, seq, ModemFrame.OK, new byte[] {(byte) channel});
            case ModemFrame.SET_CHANNEL -> {
                channel = p[1];
                result(h, seq, ModemFrame.OK, new byte[0]);
            }
            case ModemFrame.ADD_PEER -> {
                NodeId peer = NodeId.of(p, 1);
                if (peers.size() >= capacity && !peers.contains(peer)) {
                    result(h, seq, ModemFrame.ERROR, "ESP_ERR_ESPNOW_FULL".getBytes(StandardCharsets.US_ASCII));
                } else {
                    peers.add(peer);
                    result(h, seq, ModemFrame.OK, new byte[0]);
                }
            }
            case ModemFrame.DEL_PEER -> {
                peers.remove(NodeId.of(p, 1));
                result(h, seq, ModemFrame.OK, new byte[0]);
            }
            case ModemFrame.SEND -> {
                NodeId to = NodeId.of(p, 1);
                if (!peers.contains(to)) {
                    result(h, seq, ModemFrame.ERROR, "ESP_ERR_ESPNOW_NOT_FOUND".getBytes(StandardCharsets.US_ASCII));
                } else if (outOfRange.contains(to)) {
                    result(h, seq, ModemFrame.NOT_ACKED, new byte[0]);
                } else {
                    sent.add(new Sent(to, new String(p, 7, p.length - 7, StandardCharsets.UTF_8)));
                    result(h, seq, ModemFrame.OK, new byte[0]);
                }
            }
            default -> result(h, seq, ModemFrame.ERROR, "unknown request".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void result(BytePipe h, int seq, int status, byte[] value) throws IOException {
        byte[] p = new byte[2 + value.length];
        p[0] = (byte) seq;
        p[1] = (byte) status;
        System.arraycopy(value, 0, p, 2, value.length);
        h.out.write(new ModemFrame(ModemFrame.RESULT, p).encode());
    }

    private void write(ModemFrame f) throws IOException {
        toHost.out.write(f.encode());
    }

    @Override
    public void close() {
        closePipes();
    }
}
