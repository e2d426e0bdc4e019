/*
 * Issue 13 item 6, MQTT 3.1.1 §6: byte-exact WebSocket scripts against the client — a packet split
 * over two binary frames and a frame holding the end of one packet and a whole second one are read
 * as one MQTT stream; a text frame from the server closes the connection [MQTT-6.0.0-1]. A scripted
 * server (RFC 6455 handshake, unmasked server frames) instead of a broker, so the framing is exact.
 */
package io.mqttas.session.it;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConnectException;
import io.mqttas.testkit.FreePort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketFramingTest {

    private static final byte BINARY = 0x2;
    private static final byte TEXT = 0x1;

    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void packetsSpanAndShareBinaryFrames(String version) throws Exception {
        boolean v5 = version.equals("5");
        // QoS 0 PUBLISH "w/t" "hi" (5.0: an empty property list after the topic)
        byte[] publish = v5 ? new byte[] {0x30, 0x08, 0x00, 0x03, 'w', '/', 't', 0x00, 'h', 'i'}
                : new byte[] {0x30, 0x07, 0x00, 0x03, 'w', '/', 't', 'h', 'i'};
        // the CONNACK's remaining length, flags, return code (5.0: and an empty property list) in the
        // second frame ...
        byte[] connackRest = v5 ? new byte[] {0x03, 0x00, 0x00, 0x00} : new byte[] {0x02, 0x00, 0x00};
        byte[] tail = new byte[connackRest.length + publish.length];
        System.arraycopy(connackRest, 0, tail, 0, connackRest.length);
        System.arraycopy(publish, 0, tail, connackRest.length, publish.length); // ... followed by a whole PUBLISH
        try (ScriptedServer s = new ScriptedServer("mqtt", List.of(frame(BINARY, new byte[] {0x20}), frame(BINARY, tail)));
             MqttClient c = MqttClient.create(WsVersions.apply(version, Fast.config("ws://" + FreePort.HOST + ":" + s.port() + "/mqtt", 0,
                     "wsframe-" + version)).keepalive(60).queueLen(4).build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            Message m = c.queue().poll(Duration.ofSeconds(10));
            assertNotNull(m, "the PUBLISH sharing a frame with the end of the CONNACK");
            assertEquals("w/t", m.topic());
            assertEquals("hi", new String(m.payload(), StandardCharsets.UTF_8));
            assertTrue(s.received().length > 2, "the client's CONNECT arrived in a masked binary frame");
        }
    }

    @ParameterizedTest(name = "MQTT {0}")
    @MethodSource("io.mqttas.session.it.WsVersions#all")
    void aTextFrameClosesTheConnection(String version) throws Exception {
        try (ScriptedServer s = new ScriptedServer("mqtt", List.of(frame(TEXT, "CONNACK?".getBytes(StandardCharsets.UTF_8))));
             MqttClient c = MqttClient.create(WsVersions.apply(version, Fast.config("ws://" + FreePort.HOST + ":" + s.port() + "/mqtt", 0,
                     "wstext-" + version)).responseTime(5).build())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.connect(true).get(15, TimeUnit.SECONDS));
            MqttConnectException ce = assertInstanceOf(MqttConnectException.class, e.getCause());
            assertTrue(String.valueOf(ce.getCause()).contains("text frame") || String.valueOf(ce.getMessage()).contains("text frame"),
                    "names the rule: " + ce + " / " + ce.getCause());
        }
    }

    /** An unmasked server frame (RFC 6455 §5.2), payload under 126 bytes. */
    private static byte[] frame(byte opcode, byte[] payload) {
        byte[] f = new byte[2 + payload.length];
        f[0] = (byte) (0x80 | opcode);
        f[1] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 2, payload.length);
        return f;
    }

    /** Accepts one WebSocket upgrade choosing {@code subprotocol}, reads the client's first frame, then writes {@code script}. */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName(FreePort.HOST));
        private final Thread thread;
        private volatile byte[] received = new byte[0];

        ScriptedServer(String subprotocol, List<byte[]> script) throws IOException {
            thread = new Thread(() -> serve(subprotocol, script), "test-ws-script");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        byte[] received() {
            return received;
        }

        private void serve(String subprotocol, List<byte[]> script) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                String answer = WsTestHttp.switchingProtocols(WsTestHttp.readHead(in), subprotocol);
                if (answer == null) {
                    return;
                }
                OutputStream out = s.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // The client's first frame (its CONNECT): masked, so at least 2 + 4 header bytes.
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                if (n > 0) {
                    received = java.util.Arrays.copyOf(buf, n);
                }
                for (byte[] f : script) {
                    out.write(f);
                    out.flush();
                    Thread.sleep(50); // separate TCP segments: the frames really arrive one by one
                }
                while (in.read(buf) >= 0) {
                    // until the client closes
                }
            } catch (Exception e) {
                // the client went away
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }
}
