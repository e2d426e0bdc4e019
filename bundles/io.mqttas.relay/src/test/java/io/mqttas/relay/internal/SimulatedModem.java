/*
 * A simulated ESP-NOW modem speaking docs/relay-modem.md over a pair of byte pipes, with the
 * ESP32's limits: at most 20 peers, unicast only to registered peers, MAC-level ack only from
 * nodes in range.
 */
package io.mqttas.relay.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

final class SimulatedModem implements AutoCloseable {
    record Sent(NodeId to, String frame) {
    }

    final BytePipe toHost = new BytePipe();
    final BytePipe toModem = new BytePipe();
    final NodeId mac = NodeId.parse("7004 1dad 8f15".replace(" ", ""));
    final Set<NodeId> peers = ConcurrentHashMap.newKeySet();
    final Set<NodeId> outOfRange = ConcurrentHashMap.newKeySet();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    volatile int channel = 11;
    volatile boolean silent;
    private final Thread thread = new Thread(this::run, "test-modem");

    SimulatedModem start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    ModemTransport transport(java.time.Duration timeout, int channel) {
        return new ModemTransport(toHost.in, toModem.out, toHost::close, timeout, channel);
    }

    /** A node's frame arrives over the air. */
    void receive(NodeId from, byte[] frame) throws IOException {
        byte[] p = new byte[6 + frame.length];
        from.writeTo(p, 0);
        System.arraycopy(frame, 0, p, 6, frame.length);
        toHost.out.write(new ModemFrame(ModemFrame.RECV, p).encode());
    }

    void raw(byte[] bytes) throws IOException {
        toHost.out.write(bytes);
    }

    private void run() {
        ModemFrame.Decoder d = new ModemFrame.Decoder();
        byte[] buf = new byte[256];
        try {
            int n;
            while ((n = toModem.in.read(buf, 0, buf.length)) >= 0) {
                d.feed(buf, 0, n, f -> {
                    if (!silent) {
                        try {
                            answer(f);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // pipe closed: the modem is unplugged
        }
    }

    private void answer(ModemFrame f) throws IOException {
        byte[] p = f.payload();
        int seq = p[0] & 0xff;
        switch (f.type()) {
            case ModemFrame.GET_MAC -> result(seq, ModemFrame.OK, mac.mac());
            case ModemFrame.GET_CHANNEL -> result(seq, ModemFrame.OK, new byte[] {(byte) channel});
            case ModemFrame.SET_CHANNEL -> {
                channel = p[1];
                result(seq, ModemFrame.OK, new byte[0]);
            }
            case ModemFrame.ADD_PEER -> {
                NodeId peer = NodeId.of(p, 1);
                if (peers.size() >= 20 && !peers.contains(peer)) {
                    result(seq, ModemFrame.ERROR, "ESP_ERR_ESPNOW_FULL".getBytes(StandardCharsets.US_ASCII));
                } else {
                    peers.add(peer);
                    result(seq, ModemFrame.OK, new byte[0]);
                }
            }
            case ModemFrame.SEND -> {
                NodeId to = NodeId.of(p, 1);
                if (!peers.contains(to)) {
                    result(seq, ModemFrame.ERROR, "ESP_ERR_ESPNOW_NOT_FOUND".getBytes(StandardCharsets.US_ASCII));
                } else if (outOfRange.contains(to)) {
                    result(seq, ModemFrame.NOT_ACKED, new byte[0]);
                } else {
                    sent.add(new Sent(to, new String(p, 7, p.length - 7, StandardCharsets.UTF_8)));
                    result(seq, ModemFrame.OK, new byte[0]);
                }
            }
            default -> result(seq, ModemFrame.ERROR, "unknown request".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void result(int seq, int status, byte[] value) throws IOException {
        byte[] p = new byte[2 + value.length];
        p[0] = (byte) seq;
        p[1] = (byte) status;
        System.arraycopy(value, 0, p, 2, value.length);
        toHost.out.write(new ModemFrame(ModemFrame.RESULT, p).encode());
    }

    @Override
    public void close() {
        toModem.close();
        toHost.close();
    }
}
