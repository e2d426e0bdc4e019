/*
 * Simulated ESP-NOW nodes on the modem board's air (the datagram format of
 * src/test/python/standins/_board.py): many node radios on one UDP socket. A node's radio is
 * awake or asleep and on a channel; awake, it acknowledges every frame addressed to it at once
 * (as the radio hardware does) and buffers it. Node behaves like the original synchronous node
 * (spec/relay.md §11.1, nodes/link.py): MicroPython's JSON spacing, sends that report the
 * gateway radio's acknowledgement, replies awaited 200 ms, non-reply frames held for get().
 */
package io.mqttas.relay.it;

import io.mqttas.relay.internal.NodeId;
import io.mqttas.relay.internal.sim.UdpNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

final class AirNodes implements AutoCloseable {
    static final Duration REPLY_WINDOW = UdpNode.REPLY_WINDOW;
    private static final Set<String> PUBLICATION_REPLIES = Set.of("ACK", "NAK", "BAD");
    private static final int DATA = 0x01;
    private static final int ACK = 0x02;

    private final DatagramSocket socket;
    private final InetSocketAddress modem;
    private final Map<NodeId, Node> nodes = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Boolean>> acks = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final Thread receiver;
    private volatile boolean closed;

    AirNodes(int modemAirPort) throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setReceiveBufferSize(1 << 20);
        modem = new InetSocketAddress(InetAddress.getLoopbackAddress(), modemAirPort);
        receiver = new Thread(this::receive, "air-nodes");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** A node with this MAC, on {@code channel}, sending to the gateway's MAC {@code gateway}. */
    Node node(String mac, int channel, String gateway) {
        Node n = new Node(NodeId.parse(mac), channel, NodeId.parse(gateway));
        nodes.put(n.mac, n);
        return n;
    }

    private void receive() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
                int len = p.getLength();
                if (len < 16) {
                    continue;
                }
                NodeId src = NodeId.of(buf, 1);
                NodeId dst = NodeId.of(buf, 7);
                int channel = buf[13] & 0xff;
                int token = ((buf[14] & 0xff) << 8) | (buf[15] & 0xff);
                if (buf[0] == ACK) {
                    CompletableFuture<Boolean> f = acks.remove(token);
                    if (f != null) {
                        f.complete(true);
                    }
                } else if (buf[0] == DATA) {
                    Node n = nodes.get(dst);
                    if (n != null && n.awake && n.channel == channel) {
                        byte[] ack = new byte[16];
                        ack[0] = ACK;
                        dst.writeTo(ack, 1);
                        src.writeTo(ack, 7);
                        ack[13] = (byte) channel;
                        ack[14] = buf[14];
                        ack[15] = buf[15];
                        socket.send(new DatagramPacket(ack, ack.length, p.getSocketAddress()));
                        n.inbox.offer(new String(buf, 16, len - 16, StandardCharsets.UTF_8)); // full: dropped
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("air nodes: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            receiver.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One node. Not thread-safe (a node does one thing at a time). */
    final class Node {
        final NodeId mac;
        final NodeId gateway;
        volatile int channel;
        volatile boolean awake = true;
        final BlockingQueue<String> inbox = new ArrayBlockingQueue<>(32);
        private final List<String> held = new ArrayList<>();

        Node(NodeId mac, int channel, NodeId gateway) {
            this.mac = mac;
            this.channel = channel;
            this.gateway = gateway;
        }

        /** ESPNow.send(gateway, frame, True): true when the gateway's radio acknowledged. */
        boolean send(String json) throws IOException {
            byte[] payload = json.getBytes(StandardCharsets.UTF_8);
            int token = tokens.incrementAndGet() & 0xffff;
            CompletableFuture<Boolean> ack = new CompletableFuture<>();
            acks.put(token, ack);
            byte[] out = new byte[16 + payload.length];
            out[0] = DATA;
            mac.writeTo(out, 1);
            gateway.writeTo(out, 7);
            out[13] = (byte) channel;
            out[14] = (byte) (token >> 8);
            out[15] = (byte) token;
            System.arraycopy(payload, 0, out, 16, payload.length);
            socket.send(new DatagramPacket(out, out.length, modem));
            try {
                return ack.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                acks.remove(token);
            }
        }

        /** ESPNow.recv(timeout): the next frame, or null. */
        String recv(Duration timeout) throws InterruptedException {
            return inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** As Link.publish: frames until ACK/NAK/BAD, others held for get(); null after 200 ms of nothing. */
        private String publicationReply() throws InterruptedException {
            while (true) {
                String f = recv(REPLY_WINDOW);
                if (f == null || PUBLICATION_REPLIES.contains(f)) {
                    return f;
                }
                held.add(f);
            }
        }

        /** As Link.ping: the first frame within 200 ms ("UP"/"DOWN"), null if none, "ESP_FAIL" if not acknowledged. */
        String ping() throws Exception {
            return send(UdpNode.frame("ping")) ? recv(REPLY_WINDOW) : "ESP_FAIL";
        }

        /** As Link.get_channel: the first frame within 200 ms. */
        String chan() throws Exception {
            return send(UdpNode.frame("chan")) ? recv(REPLY_WINDOW) : "ESP_FAIL";
        }

        /** "ACK"/"NAK"/"BAD", null (no reply), or "ESP_FAIL". */
        String publish(String topic, String payload, boolean retain, int qos) throws Exception {
            return send(UdpNode.frame(topic, payload, retain, qos)) ? publicationReply() : "ESP_FAIL";
        }

        boolean subscribe(String topic, int qos) throws Exception {
            return send(UdpNode.frame(topic, qos));
        }

        /** Held frames, then frames until 200 ms of silence (empty also when the send failed). */
        List<String> get() throws Exception {
            List<String> out = new ArrayList<>(held);
            held.clear();
            if (!send(UdpNode.frame("get"))) {
                return out;
            }
            String f;
            while ((f = recv(REPLY_WINDOW)) != null) {
                out.add(f);
            }
            return out;
        }
    }
}
