package io.mqttas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.testkit.ExternalCommand;
import io.mqttas.testkit.MosquittoBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our MQTT 5.0 bytes against a real peer: a Mosquitto 2.0 broker (test kit) and its v5 clients.
 * What we encode (CONNECT, PUBLISH, SUBSCRIBE, DISCONNECT and a will, with properties) must arrive
 * with its properties as {@code mosquitto_sub -V mqttv5 -F} prints them; what Mosquitto sends
 * (CONNACK, PUBACK, SUBACK, PUBLISH with a Subscription Identifier and user properties) must
 * decode with our v5 decoder.
 */
class MosquittoV5InteropTest {
    private static final MqttVersion V5 = MqttVersion.MQTT_5;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** One raw v5 connection driven by our encoder and decoder. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final MqttEncoder encoder = new MqttEncoder(1 << 20, V5);
        final MqttDecoder decoder = new MqttDecoder(1 << 20, V5);
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();

        Client() throws IOException {
            socket = new Socket(broker.host(), broker.port());
            socket.setSoTimeout((int) WAIT.toMillis());
            out = socket.getOutputStream();
        }

        void send(MqttPacket p) throws IOException {
            byte[] b = new byte[MqttEncoder.encodedLength(p, V5)];
            encoder.encode(p, b, 0);
            out.write(b);
            out.flush();
        }

        MqttPacket read() throws IOException {
            while (true) {
                MqttPacket p = decoder.decode(in);
                if (p != null) {
                    return p;
                }
                in.clear();
                int n = socket.getInputStream().read(in.array());
                if (n < 0) {
                    throw new java.io.EOFException("broker closed the connection");
                }
                in.limit(n);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** mosquitto_sub -V mqttv5 with a format that prints the v5 properties of each message. */
    static final class Subscriber implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final CountDownLatch subscribed = new CountDownLatch(1);

        Subscriber(String filter) throws Exception {
            process = new ProcessBuilder("stdbuf", "-oL", "mosquitto_sub", "-h", broker.host(), "-p", String.valueOf(broker.port()),
                    "-V", "mqttv5", "-t", filter, "-q", "1", "-d", "-F", "MSG|%t|%q|%r|%C|%R|%E|%F|%P|%x").redirectErrorStream(true).start();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.contains("received SUBACK") || line.contains("Received SUBACK")) {
                            subscribed.countDown();
                        } else if (line.startsWith("MSG|")) {
                            lines.add(line);
                        }
                    }
                } catch (IOException ignored) {
                    // process killed
                }
            }, "mqttas-test-mosquitto-sub");
            t.setDaemon(true);
            t.start();
            assertTrue(subscribed.await(WAIT.toSeconds(), TimeUnit.SECONDS), "mosquitto_sub got no SUBACK");
        }

        String next() throws InterruptedException {
            String l = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (l == null) {
                throw new AssertionError("mosquitto_sub printed no message within " + WAIT);
            }
            return l;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ConnAck connect(Client c, String id, Connect.Will will) throws IOException {
        c.send(new Connect(id, true, 30, will, null, null, MqttProperties.builder().sessionExpiryInterval(0).receiveMaximum(10)
                .maximumPacketSize(1 << 20).topicAliasMaximum(5).userProperty("client", "mqttas").build()));
        MqttPacket p = c.read();
        assertTrue(p instanceof ConnAck, "expected CONNACK, got " + p);
        ConnAck ack = (ConnAck) p;
        assertEquals(0, ack.returnCode(), ack.toString());
        return ack;
    }

    @Test
    void ourPublishWithPropertiesArrivesWithThemAndMosquittosAcksDecode() throws Exception {
        try (Subscriber sub = new Subscriber("interop/props/#"); Client c = new Client()) {
            ConnAck ack = connect(c, "mqttas-interop-1", null);
            // Mosquitto 2.0 announces its topic alias maximum (default 10) in the CONNACK properties.
            assertEquals(10, ack.properties().topicAliasMaximum().orElse(-1), ack.toString());

            MqttProperties props = MqttProperties.builder().payloadFormatIndicator(1).messageExpiryInterval(3600).contentType("text/plain")
                    .responseTopic("interop/reply").correlationData(utf8("c-1")).userProperty("k1", "v1").userProperty("k2", "vé").build();
            c.send(new Publish("interop/props/a", utf8("hi"), 1, false, false, 7, props));
            MqttPacket puback = c.read();
            assertEquals(7, ((PubAck) puback).packetId(), puback.toString());
            assertTrue(((PubAck) puback).reasonCode() < 0x80, puback.toString());

            String[] f = sub.next().split("\\|", -1);
            assertEquals("interop/props/a", f[1]);
            assertEquals("1", f[2]);
            assertEquals("text/plain", f[4]);
            assertEquals("interop/reply", f[5]);
            assertTrue(Long.parseLong(f[6]) > 3500 && Long.parseLong(f[6]) <= 3600, "message expiry " + f[6]);
            assertEquals("1", f[7]);
            assertEquals("k1:v1 k2:vé", f[8].trim());
            assertEquals("6869", f[9]);
            c.send(Disconnect.INSTANCE);
        }
    }

    @Test
    void topicAliasesAreUnderstoodByMosquitto() throws Exception {
        try (Subscriber sub = new Subscriber("interop/alias/#"); Client c = new Client()) {
            connect(c, "mqttas-interop-2", null);
            c.send(new Publish("interop/alias/t", utf8("1"), 0, false, false, 0, MqttProperties.builder().topicAlias(1).build()));
            c.send(new Publish("", utf8("2"), 0, false, false, 0, MqttProperties.builder().topicAlias(1).build()));
            assertEquals("interop/alias/t", sub.next().split("\\|")[1]);
            String[] second = sub.next().split("\\|", -1);
            assertEquals("interop/alias/t", second[1]);
            assertEquals("32", second[9]);
            c.send(Disconnect.INSTANCE);
        }
    }

    @Test
    void ourSubscribeOptionsAndIdentifierAreHonouredAndMosquittosPublishDecodes() throws Exception {
        try (Client c = new Client()) {
            connect(c, "mqttas-interop-3", null);
            c.send(new Subscribe(3, List.of(new Subscribe.Subscription("interop/sub/#", 1, true, false, Subscribe.SEND_RETAINED)),
                    MqttProperties.builder().subscriptionIdentifier(42).userProperty("why", "test").build()));
            SubAck subAck = (SubAck) c.read();
            assertEquals(new SubAck(3, List.of(1), MqttProperties.EMPTY), subAck);

            // No Local: our own publication must not come back to us ...
            c.send(new Publish("interop/sub/self", utf8("mine"), 0, false, false, 0));
            // ... but a v5 publication from mosquitto_pub does, with our Subscription Identifier and its properties.
            ExternalCommand.run(List.of("mosquitto_pub", "-h", broker.host(), "-p", String.valueOf(broker.port()), "-V", "5", "-q", "1",
                    "-t", "interop/sub/other", "-m", "theirs", "-D", "publish", "user-property", "a", "b", "-D", "publish", "user-property",
                    "a", "c", "-D", "publish", "content-type", "text/x", "-D", "publish", "message-expiry-interval", "120"), null, WAIT)
                    .requireSuccess();
            Publish p = (Publish) c.read();
            assertEquals("interop/sub/other", p.topic(), "No Local was not honoured: " + p);
            assertEquals("theirs", new String(p.payload(), StandardCharsets.UTF_8));
            assertEquals(1, p.qos());
            assertEquals(List.of(42), p.properties().subscriptionIdentifiers());
            assertEquals(List.of(new UserProperty("a", "b"), new UserProperty("a", "c")), p.properties().userProperties());
            assertEquals("text/x", p.properties().contentType().orElseThrow());
            assertTrue(p.properties().messageExpiryInterval().orElseThrow() <= 120);
            c.send(new PubAck(p.packetId()));
            c.send(new Unsubscribe(4, List.of("interop/sub/#"), MqttProperties.builder().userProperty("k", "v").build()));
            assertEquals(new UnsubAck(4, List.of(0), MqttProperties.EMPTY), c.read());
            c.send(Disconnect.INSTANCE);
        }
    }

    @Test
    void disconnectWithWillMessageMakesMosquittoPublishOurWillWithItsProperties() throws Exception {
        try (Subscriber sub = new Subscriber("interop/will/#"); Client c = new Client()) {
            Connect.Will will = new Connect.Will("interop/will/gone", utf8("bye"), 1, false,
                    MqttProperties.builder().contentType("text/will").userProperty("why", "reason 4").build());
            connect(c, "mqttas-interop-4", will);
            c.send(new Disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE.code(),
                    MqttProperties.builder().reasonString("testing the will").build()));
            String[] f = sub.next().split("\\|", -1);
            assertEquals("interop/will/gone", f[1]);
            assertEquals("text/will", f[4]);
            assertEquals("why:reason 4", f[8].trim());
            assertEquals("627965", f[9]);
        }
    }

    @Test
    void mosquittoRefusesAPropertyOutOfPlaceWithAReasonCodeWeDecode() throws Exception {
        try (Client c = new Client()) {
            connect(c, "mqttas-interop-5", null);
            // A topic alias above the maximum Mosquitto announced (10): Mosquitto answers DISCONNECT 0x94 Topic Alias invalid.
            c.send(new Publish("interop/x", utf8("x"), 0, false, false, 0, MqttProperties.builder().topicAlias(11).build()));
            MqttPacket p = c.read();
            assertTrue(p instanceof Disconnect, "expected DISCONNECT, got " + p);
            assertEquals(ReasonCode.TOPIC_ALIAS_INVALID, ((Disconnect) p).reason(), p.toString());
        }
    }
}
