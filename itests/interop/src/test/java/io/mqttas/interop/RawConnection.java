/*
 * Issue 13 item 8: a raw TCP connection speaking MQTT bytes (the kit's Packets / MqttFrame), to check on
 * the wire what a broker claims — v5 CONNACKs, QoS 2 flows, DUP handling — independently of the client.
 */
package io.mqttas.interop;

import io.mqttas.testkit.Hex;
import io.mqttas.testkit.MqttFrame;
import io.mqttas.testkit.Packets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** One socket at a time; every read has a deadline; frames bounded to 16 MiB. */
final class RawConnection implements AutoCloseable {

    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final Duration T = Duration.ofSeconds(30);
    private static final int SUBSCRIBE_ATTEMPTS = 3;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private byte[] connect;
    private boolean subscribeMayDrop;
    private final int receiveBuffer;

    RawConnection(String host, int port) {
        this(host, port, 0);
    }

    private RawConnection(String host, int port, int receiveBuffer) {
        this.host = host;
        this.port = port;
        this.receiveBuffer = receiveBuffer;
        openSocket();
    }

    /**
     * A connection with an accepted CONNECT (protocol level 4). For a broker with
     * MOQUETTE_SUBSCRIBE_RIGHT_AFTER_CONNACK_MAY_DROP_THE_CONNECTION, {@link #subscribe} connects again
     * and repeats the SUBSCRIBE when the broker drops the connection instead of answering.
     */
    static RawConnection open(BrokerUnderTest broker, String clientId, boolean clean) {
        return open(broker, clientId, clean, 0);
    }

    /** As {@link #open(BrokerUnderTest, String, boolean)} with a small socket receive buffer (a slow reader); 0 = default. */
    static RawConnection open(BrokerUnderTest broker, String clientId, boolean clean, int receiveBufferBytes) {
        RawConnection c = new RawConnection(broker.host(), broker.tcpPort(), receiveBufferBytes);
        c.connect = Packets.connect(clientId, clean, 30);
        c.subscribeMayDrop = broker.deviates(Deviation.MOQUETTE_SUBSCRIBE_RIGHT_AFTER_CONNACK_MAY_DROP_THE_CONNECTION);
        c.handshake();
        return c;
    }

    private void handshake() {
        send(connect);
        MqttFrame ack = expectType(MqttFrame.CONNACK, T);
        if (ack.body()[1] != 0) {
            throw new AssertionError("CONNECT refused: " + ack);
        }
    }

    /** SUBSCRIBE one filter; the SUBACK. */
    MqttFrame subscribe(int packetId, String filter, int qos) {
        for (int attempt = 1; ; attempt++) {
            send(Packets.subscribe(packetId, filter, qos));
            MqttFrame f = nextOrClosed(T);
            if (f != null) {
                if (f.type() != MqttFrame.SUBACK) {
                    throw new AssertionError("expected SUBACK, got " + f);
                }
                return f;
            }
            if (!subscribeMayDrop || attempt == SUBSCRIBE_ATTEMPTS) {
                throw new AssertionError("the broker closed the connection instead of answering SUBSCRIBE " + filter);
            }
            System.out.println("interop: " + Deviation.MOQUETTE_SUBSCRIBE_RIGHT_AFTER_CONNACK_MAY_DROP_THE_CONNECTION.name()
                    + " met (attempt " + attempt + "); connecting again");
            close();
            openSocket();
            handshake();
        }
    }

    private void openSocket() {
        try {
            socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer); // before connect: it sets the TCP window
            }
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    void send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("send failed", e);
        }
    }

    /** The next whole frame; AssertionError after {@code deadline}; null if the broker closed the connection. */
    MqttFrame nextOrClosed(Duration deadline) {
        try {
            socket.setSoTimeout((int) Math.max(1, deadline.toMillis()));
            int first = in.read();
            if (first < 0) {
                return null;
            }
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(first);
            int len = 0;
            int mult = 1;
            for (int i = 0; ; i++) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (i == 4) {
                    throw new AssertionError("bad remaining length from the broker: " + Hex.format(frame.toByteArray()));
                }
                frame.write(b);
                len += (b & 0x7f) * mult;
                mult *= 128;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (len > MAX_FRAME) {
                throw new AssertionError("frame of " + len + " bytes from the broker");
            }
            byte[] body = in.readNBytes(len);
            if (body.length < len) {
                return null;
            }
            frame.write(body);
            return MqttFrame.of(frame.toByteArray());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no packet from the broker within " + deadline);
        } catch (IOException e) {
            return null; // reset by the broker: closed as well
        }
    }

    MqttFrame next(Duration deadline) {
        MqttFrame f = nextOrClosed(deadline);
        if (f == null) {
            throw new AssertionError("the broker closed the connection");
        }
        return f;
    }

    MqttFrame expectType(int type, Duration deadline) {
        MqttFrame f = next(deadline);
        if (f.type() != type) {
            throw new AssertionError("expected packet type " + type + ", got " + f);
        }
        return f;
    }

    /** True if nothing arrives within {@code window} (the connection may stay open). */
    boolean silentFor(Duration window) {
        try {
            socket.setSoTimeout((int) window.toMillis());
            in.read();
            return false; // a byte or EOF: not silent
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
