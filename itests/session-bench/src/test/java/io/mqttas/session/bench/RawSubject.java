/*
 * issue 3 item 17: the ceiling — MQTT 3.1.1 written by hand on a plain socket, no library, no
 * reconnection logic beyond "try again at once". What no client can beat on this machine.
 */
package io.mqttas.session.bench;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

final class RawSubject implements Subject {
    @Override
    public String name() {
        return "raw-socket";
    }

    private static final class Conn {
        final Socket s;
        final DataInputStream in;
        final OutputStream out;

        Conn(String host, int port, String id) throws IOException {
            s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), 5000);
            in = new DataInputStream(s.getInputStream());
            out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            byte[] cid = id.getBytes(StandardCharsets.UTF_8);
            out.write(new byte[] {0x10, (byte) (12 + cid.length), 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, (byte) cid.length});
            out.write(cid);
            out.flush();
            byte[] connack = new byte[4];
            in.readFully(connack);
            if (connack[0] != 0x20 || connack[3] != 0) {
                throw new IOException("refused");
            }
        }

        void publish(byte[] topic, byte[] payload, int qos, int id) throws IOException {
            int rl = 2 + topic.length + (qos > 0 ? 2 : 0) + payload.length;
            out.write(0x30 | qos << 1);
            do {
                int b = rl & 0x7f;
                rl >>>= 7;
                out.write(rl > 0 ? b | 0x80 : b);
            } while (rl > 0);
            out.write(topic.length >> 8);
            out.write(topic.length);
            out.write(topic);
            if (qos > 0) {
                out.write(id >> 8);
                out.write(id);
            }
            out.write(payload);
        }

        /** Skips to the next PUBACK. */
        void readPuback() throws IOException {
            while (true) {
                int type = in.readUnsignedByte();
                int rl = 0;
                int shift = 0;
                int b;
                do {
                    b = in.readUnsignedByte();
                    rl |= (b & 0x7f) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0);
                in.skipNBytes(rl);
                if (type == 0x40) {
                    return;
                }
            }
        }

        void close() throws IOException {
            s.close();
        }
    }

    @Override
    public Publisher publisher(String host, int port, String clientId, int window) throws Exception {
        Conn[] c = {new Conn(host, port, clientId)};
        return new Publisher() {
            int nextId = 1;

            private int id() {
                int id = nextId;
                nextId = nextId == 65_535 ? 1 : nextId + 1;
                return id;
            }

            @Override
            public void burst(String topic, int n, int size, int qos) throws Exception {
                byte[] t = topic.getBytes(StandardCharsets.UTF_8);
                byte[] p = new byte[size];
                int inFlight = 0;
                for (int i = 0; i < n; i++) {
                    if (qos > 0 && inFlight == window) {
                        c[0].out.flush();
                        c[0].readPuback();
                        inFlight--;
                    }
                    c[0].publish(t, p, qos, id());
                    inFlight++;
                }
                c[0].out.flush();
                if (qos > 0) {
                    while (inFlight-- > 0) {
                        c[0].readPuback();
                    }
                }
            }

            @Override
            public void lockStep(String topic, byte[] payload) throws Exception {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (true) {
                    try {
                        c[0].publish(topic.getBytes(StandardCharsets.UTF_8), payload, 1, id());
                        c[0].out.flush();
                        c[0].readPuback();
                        return;
                    } catch (IOException e) {
                        if (System.nanoTime() > deadline) {
                            throw e;
                        }
                        c[0].close();
                        while (true) { // reconnect at once, no back-off: the ceiling
                            try {
                                c[0] = new Conn(host, port, clientId);
                                break;
                            } catch (IOException again) {
                                if (System.nanoTime() > deadline) {
                                    throw again;
                                }
                                Thread.sleep(1);
                            }
                        }
                    }
                }
            }

            @Override
            public void close() throws Exception {
                c[0].close();
            }
        };
    }

    @Override
    public Counter subscriber(String host, int port, String clientId, String topic) throws Exception {
        Conn c = new Conn(host, port, clientId);
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        c.out.write(new byte[] {(byte) 0x82, (byte) (5 + t.length), 0, 1, 0, (byte) t.length});
        c.out.write(t);
        c.out.write(0);
        c.out.flush();
        AtomicLong n = new AtomicLong();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    int type = c.in.readUnsignedByte();
                    int rl = 0;
                    int shift = 0;
                    int b;
                    do {
                        b = c.in.readUnsignedByte();
                        rl |= (b & 0x7f) << shift;
                        shift += 7;
                    } while ((b & 0x80) != 0);
                    c.in.skipNBytes(rl);
                    if ((type & 0xf0) == 0x30) {
                        n.incrementAndGet();
                    }
                }
            } catch (IOException ended) {
                // closed
            }
        }, "bench-raw-sub");
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(100); // SUBACK
        return new Counter() {
            @Override
            public long count() {
                return n.get();
            }

            @Override
            public void close() throws Exception {
                c.close();
                reader.join(2000);
            }
        };
    }
}
