/*
 * Issue 13 item 5: the outbound QoS 2 exactly-once state in the durable outbox across a client
 * restart, through a real Mosquitto in MQTT 3.1.1 and 5.0. The fault proxy lets the PUBREC reach the
 * client and then cuts the link, so PUBCOMP never arrives before the client is closed; a new client
 * with the same outbox and client id resumes the exchange (session present) or ends it (session lost).
 */
package io.mqttas.session.it;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.eventually;
import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Qos2OutboxRestartTest {
    /** PUBREC without reason code or properties (Mosquitto sends it so in both versions). */
    private static final int PUBREC_BYTES = 4;
    /** Journal sizes (OutboxFormat): file header, record overhead + ADD fixed part, a RELEASING record. */
    private static final int FILE_HEADER = 32;
    private static final int ADD_OVERHEAD = 18 + 12;
    private static final int RELEASING = 28;

    private static MosquittoBroker broker;
    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(MqttClient::close);
    }

    private MqttConfig.Builder config(String host, int port, String id, boolean v5) {
        return Fast.persistent(host, port, id, v5);
    }

    private MqttClient start(MqttConfig.Builder b) throws Exception {
        MqttClient c = MqttClient.create(b.build());
        clients.add(c);
        c.connect(true).get(10, TimeUnit.SECONDS);
        return c;
    }

    /** What the test saw: the CONNECT's length, the PUBLISH's length. */
    private record Cut(long connectBytes, int publishBytes) {
    }

    /**
     * Publishes {@code payload} at QoS 2 through {@code link}, lets exactly the PUBREC through to the
     * client and then cuts every connection after its first {@value #PUBREC_BYTES} bytes towards the
     * client (no PUBCOMP can arrive); waits until the RELEASING record is on disk and closes the client.
     */
    private Cut publishAndCloseAfterPubrec(FaultProxy link, MqttConfig.Builder cfg, Path dir, String id, String topic, String payload,
            boolean v5) throws Exception {
        long before = link.bytesForwarded(FaultProxy.Direction.TO_BROKER);
        MqttClient pub = start(cfg);
        long connectBytes = link.bytesForwarded(FaultProxy.Direction.TO_BROKER) - before;
        link.dropAfter(FaultProxy.Direction.TO_CLIENT, PUBREC_BYTES);
        pub.publish(topic, utf8(payload), false, 2);
        Path journal = dir.resolve(id + ".outbox");
        long withReleasing = FILE_HEADER + ADD_OVERHEAD + topic.length() + payload.length() + RELEASING;
        eventually(Duration.ofSeconds(10), "the PUBREC journaled (RELEASING record)", () -> size(journal) == withReleasing);
        pub.close();
        int publishBytes = 2 + 2 + topic.length() + 2 + (v5 ? 1 : 0) + payload.length();
        return new Cut(connectBytes, publishBytes);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String text(Message m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "mqttv5={0}")
    @ValueSource(booleans = {false, true})
    void pastPubrecARestartedClientResumesWithPubrelAndTheSubscriberGetsTheMessageOnce(boolean v5, @TempDir Path dir)
            throws Exception {
        LinkedBlockingQueue<Message> got = new LinkedBlockingQueue<>();
        String topic = "q2r/" + v5;
        String id = "q2r-pub-" + v5;
        start(config(broker.host(), broker.port(), "q2r-sub-" + v5, v5).messageHandler(got::add)).subscribe(topic, 2)
                .get(10, TimeUnit.SECONDS);
        try (FaultProxy link = FaultProxy.to(broker)) {
            MqttConfig.Builder cfg = config(link.host(), link.port(), id, v5).outbox(dir.toString());
            Cut cut = publishAndCloseAfterPubrec(link, cfg, dir, id, topic, "once", v5);
            link.pass();
            long before = link.bytesForwarded(FaultProxy.Direction.TO_BROKER);
            MqttClient again = start(cfg); // same client id and outbox, clean=false: session present
            Message m = got.poll(15, TimeUnit.SECONDS);
            assertNotNull(m, "the message arrived (released by the resumed PUBREL, or already before the restart)");
            assertEquals("once", text(m));
            eventually(Duration.ofSeconds(10), "PUBCOMP ended the resumed exchange", () -> again.status().inFlight() == 0);
            long sent = link.bytesForwarded(FaultProxy.Direction.TO_BROKER) - before - cut.connectBytes();
            assertTrue(sent == 4 || sent == 6, "the new client sent PUBREL (4 bytes, maybe a 2-byte PINGREQ), not the PUBLISH ("
                    + cut.publishBytes() + " bytes); it sent " + sent + " bytes after its CONNECT");
            assertNull(got.poll(1, TimeUnit.SECONDS), "exactly once: no second delivery");
            again.close();
            MqttClient third = start(cfg);
            long idle = link.bytesForwarded(FaultProxy.Direction.TO_BROKER);
            assertNull(got.poll(500, TimeUnit.MILLISECONDS), "nothing left in the journal to send");
            assertTrue(link.bytesForwarded(FaultProxy.Direction.TO_BROKER) - idle <= 2, "at most a PINGREQ");
            third.close();
        }
    }

    @ParameterizedTest(name = "mqttv5={0}")
    @ValueSource(booleans = {false, true})
    void pastPubrecARestartWithTheSessionLostEndsTheEntryWithoutPublishingAgain(boolean v5, @TempDir Path dir) throws Exception {
        LinkedBlockingQueue<Message> got = new LinkedBlockingQueue<>();
        String topic = "q2l/" + v5;
        String id = "q2l-pub-" + v5;
        start(config(broker.host(), broker.port(), "q2l-sub-" + v5, v5).messageHandler(got::add)).subscribe(topic, 2)
                .get(10, TimeUnit.SECONDS);
        try (FaultProxy link = FaultProxy.to(broker)) {
            MqttConfig.Builder cfg = config(link.host(), link.port(), id, v5).outbox(dir.toString());
            Cut cut = publishAndCloseAfterPubrec(link, cfg, dir, id, topic, "at-most-once-more", v5);
            link.pass();
            MqttClient wipe = start(Fast.config(broker.host(), broker.port(), id).mqttv5(v5).clean(true)); // discards the session
            wipe.close();
            clients.remove(wipe);
            long before = link.bytesForwarded(FaultProxy.Direction.TO_BROKER);
            MqttClient again = start(cfg);
            eventually(Duration.ofSeconds(10), "the entry ended", () -> again.status().inFlight() == 0);
            long sent = link.bytesForwarded(FaultProxy.Direction.TO_BROKER) - before - cut.connectBytes();
            assertTrue(sent == 0 || sent == 2, "no PUBLISH (" + cut.publishBytes() + " bytes) and no PUBREL after a lost session "
                    + "(at most a PINGREQ); it sent " + sent + " bytes after its CONNECT");
            List<String> delivered = new ArrayList<>();
            for (Message m; (m = got.poll(1, TimeUnit.SECONDS)) != null;) {
                delivered.add(text(m));
            }
            assertTrue(delivered.size() <= 1, "never twice: " + delivered);
            again.close();
            MqttClient third = start(cfg);
            long idle = link.bytesForwarded(FaultProxy.Direction.TO_BROKER);
            assertNull(got.poll(500, TimeUnit.MILLISECONDS), "the entry was ended (DONE): nothing is replayed");
            assertTrue(link.bytesForwarded(FaultProxy.Direction.TO_BROKER) - idle <= 2, "at most a PINGREQ");
            third.close();
        }
    }
}
