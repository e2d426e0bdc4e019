/*
 * A node simulator for the UDP transport, modelled on the MicroPython node's synchronous Link
 * (spec/relay.md §11.1): frames JSON-encoded the way MicroPython does (", " separators), replies
 * awaited for 200 ms, frames that are not replies kept for the next get (10-slot ring).
 */
package io.mqttas.relay.internal.sim;

import com.google.gson.stream.JsonWriter;
import io.mqttas.relay.internal.NodeId;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** One simulated node: its own UDP socket and MAC. Not thread-safe (a node does one thing at a time). */
public final class UdpNode implements AutoCloseable {
    /** How long MicroPython nodes wait for any reply (spec §11.1). */
    public static final Duration REPLY_WINDOW = Duration.ofMillis(200);
    private static final Set<String> REPLIES = Set.of("ACK", "NAK", "BAD", "UP", "DOWN");

    private final NodeId mac;
    private final InetSocketAddress gateway;
    private final DatagramSocket socket;
    private final ArrayDeque<String> held = new ArrayDeque<>();
    private final byte[] buf = new byte[2048];
    private Duration window = REPLY_WINDOW;
    private NodeId lastGateway;

    public UdpNode(NodeId mac, InetSocketAddress gateway) throws IOException {
        this.mac = mac;
        this.gateway = gateway;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    public NodeId mac() {
        return mac;
    }

    /** Changes the reply window (the real nodes use 200 ms). */
    public UdpNode window(Duration d) {
        this.window = d;
        return this;
    }

    /** The gateway MAC seen on the last reply. */
    public NodeId lastGateway() {
        return lastGateway;
    }

    /** Sends a raw frame (anything, for hostile-input tests). */
    public void sendRaw(byte[] frame) throws IOException {
        byte[] out = new byte[NodeId.LENGTH + frame.length];
        mac.writeTo(out, 0);
        System.arraycopy(frame, 0, out, NodeId.LENGTH, frame.length);
        socket.send(new DatagramPacket(out, out.length, gateway));
    }

    public void send(String json) throws IOException {
        sendRaw(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The next frame from the gateway, or null after {@code timeout}. */
    public String receive(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        if (p.getLength() < NodeId.LENGTH) {
            return null;
        }
        lastGateway = NodeId.of(Arrays.copyOf(buf, NodeId.LENGTH), 0);
        return new String(buf, NodeId.LENGTH, p.getLength() - NodeId.LENGTH, StandardCharsets.UTF_8);
    }

    /** The next reply (ACK/NAK/BAD/UP/DOWN or a channel); broker messages met meanwhile are held for get. */
    private String reply() throws IOException {
        while (true) {
            String f = receive(window);
            if (f == null) {
                return null;
            }
            if (REPLIES.contains(f) || f.chars().allMatch(Character::isDigit)) {
                return f;
            }
            hold(f);
        }
    }

    private void hold(String f) {
        if (held.size() >= 9) {
            held.pollFirst();
        }
        held.addLast(f);
    }

    /** {@code ["ping"]}: "UP", "DOWN" or null (no answer in the window). */
    public String ping() throws IOException {
        send(frame("ping"));
        return reply();
    }

    /** {@code ["chan"]}: the gateway's channel, or null. */
    public Integer channel() throws IOException {
        send(frame("chan"));
        String r = reply();
        return r == null || !r.chars().allMatch(Character::isDigit) || r.isEmpty() ? null : Integer.valueOf(r);
    }

    /** A 4-array publication: "ACK", "NAK", "BAD" or null. */
    public String publish(String topic, String payload, boolean retain, int qos) throws IOException {
        send(frame(topic, payload, retain, qos));
        return reply();
    }

    /** A 2-array subscription (no reply expected). */
    public void subscribe(String topic, int qos) throws IOException {
        send(frame(topic, qos));
    }

    /** {@code ["get"]}: held frames, then frames until the window passes in silence. */
    public List<String> get() throws IOException {
        send(frame("get"));
        return drain();
    }

    /** {@code ["aget"]}: the UP/DOWN reply first, then the queued messages. */
    public List<String> aget() throws IOException {
        send(frame("aget"));
        List<String> out = new ArrayList<>();
        String r = reply();
        out.add(r);
        out.addAll(drain());
        return out;
    }

    private List<String> drain() throws IOException {
        List<String> out = new ArrayList<>(held);
        held.clear();
        String f;
        while ((f = receive(window)) != null) {
            out.add(f);
        }
        return out;
    }

    /** A frame as MicroPython's json.dumps writes it: elements separated by ", ". */
    public static String frame(Object... items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            Object o = items[i];
            if (o instanceof String s) {
                b.append(quote(s));
            } else {
                b.append(o);
            }
        }
        return b.append(']').toString();
    }

    private static String quote(String s) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.setHtmlSafe(false);
            w.setLenient(true); // allows a bare top-level string
            w.value(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public void close() {
        socket.close();
    }
}
