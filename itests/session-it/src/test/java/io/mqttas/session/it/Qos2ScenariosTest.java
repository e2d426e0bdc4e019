/*
 * Issue 13 items 5 and 8: QoS 2 both ways through a real Mosquitto, in MQTT 3.1.1 and 5.0, including
 * outages cut by the fault proxy in the middle of the exchange (the client's resumed session must
 * finish it exactly once), and the outbox keeping a QoS 2 publication across a restart of the client.
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class Qos2ScenariosTest {
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

    @ParameterizedTest(name = "mqttv5={0}")
    @ValueSource(booleans = {false, true})
    void qos2RoundTripThroughMosquittoIsExactlyOnce(boolean v5) throws Exception {
        LinkedBlockingQueue<Message> got = new LinkedBlockingQueue<>();
        String topic = "q2/" + v5;
        MqttClient sub = start(config(broker.host(), broker.port(), "q2-sub-" + v5, v5).messageHandler(got::add));
        assertEquals(2, sub.subscribe(topic, 2).get(10, TimeUnit.SECONDS), "granted QoS 2");
        MqttClient pub = start(config(broker.host(), broker.port(), "q2-pub-" + v5, v5));
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(pub.publish(topic, utf8("m" + i), false, 2));
        }
        for (CompletableFuture<Void> f : sent) {
            f.get(10, TimeUnit.SECONDS);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            Message m = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, "message " + i);
            assertEquals(2, m.qos());
            seen.merge(new String(m.payload(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        assertNull(got.poll(300, TimeUnit.MILLISECONDS), "no duplicate");
        assertEquals(50, seen.size());
    }

    @ParameterizedTest(name = "mqttv5={0}")
    @ValueSource(booleans = {false, true})
    void outagesInTheMiddleOfQos2ExchangesLoseAndDuplicateNothing(boolean v5) throws Exception {
        LinkedBlockingQueue<Message> got = new LinkedBlockingQueue<>();
        String topic = "q2out/" + v5;
        try (FaultProxy subLink = FaultProxy.to(broker); FaultProxy pubLink = FaultProxy.to(broker)) {
            MqttClient sub = start(config(subLink.host(), subLink.port(), "q2o-sub-" + v5, v5).messageHandler(got::add));
            sub.subscribe(topic, 2).get(10, TimeUnit.SECONDS);
            MqttClient pub = start(config(pubLink.host(), pubLink.port(), "q2o-pub-" + v5, v5));
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            int n = 200;
            for (int i = 0; i < n; i++) {
                sent.add(pub.publish(topic, utf8("m" + i), false, 2));
                if (i % 40 == 20) {
                    pubLink.resetConnections(); // cut in the middle of some exchanges, both sides
                    subLink.resetConnections();
                }
            }
            for (CompletableFuture<Void> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
            Map<String, Integer> seen = new HashMap<>();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < n && System.nanoTime() < end) {
                Message m = got.poll(1, TimeUnit.SECONDS);
                if (m != null) {
                    seen.merge(new String(m.payload(), StandardCharsets.UTF_8), 1, Integer::sum);
                }
            }
            Message extra;
            while ((extra = got.poll(500, TimeUnit.MILLISECONDS)) != null) {
                seen.merge(new String(extra.payload(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
            assertEquals(n, seen.size(), "every message arrived");
            seen.forEach((k, count) -> assertEquals(1, count, k + " delivered " + count + " times"));
        }
    }

    @ParameterizedTest(name = "mqttv5={0}")
    @ValueSource(booleans = {false, true})
    void theOutboxKeepsAQos2PublicationAcrossAClientRestart(boolean v5, @TempDir Path dir) throws Exception {
        LinkedBlockingQueue<Message> got = new LinkedBlockingQueue<>();
        String topic = "q2box/" + v5;
        MqttClient sub = start(config(broker.host(), broker.port(), "q2b-sub-" + v5, v5).messageHandler(got::add));
        sub.subscribe(topic, 2).get(10, TimeUnit.SECONDS);
        try (FaultProxy link = FaultProxy.to(broker)) {
            MqttConfig.Builder cfg = config(link.host(), link.port(), "q2b-pub-" + v5, v5).outbox(dir.toString());
            MqttClient pub = start(cfg);
            link.blackhole();
            pub.publish(topic, utf8("survives"), false, 2);
            Thread.sleep(300); // journaled and sent into the void
            pub.close();
            link.pass();
            start(cfg); // a new client replays the journal
            Message m = got.poll(15, TimeUnit.SECONDS);
            assertNotNull(m, "the journaled QoS 2 publication arrived");
            assertEquals("survives", new String(m.payload(), StandardCharsets.UTF_8));
            assertEquals(2, m.qos());
        }
    }
}
