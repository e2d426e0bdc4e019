/*
 * spec/mqtt_as.md §16.1: the original's 8 protocol scenarios, against a real Mosquitto. The target is
 * our client in event mode (queue_len 4, keepalive 120, connect(quick)); the challenger is the
 * independent mosquitto_pub/mosquitto_sub. The target subscribes to "control" on every up event,
 * runs the JSON commands it receives there, and echoes any other message to "response".
 */
package io.mqttas.session.it;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtocolScenariosTest {
    private static final String LONG_TOPIC = "abcdefghij".repeat(20);
    private static final String LONG_MSG = "zyxwvutsrq".repeat(20);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static MosquittoBroker broker;
    private static MqttClient target;
    private static Thread targetLoop;
    private static MqttSubscriber responses;
    private static MqttPublisher challenger;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start();
        target = MqttClient.create(MqttConfig.builder().server(broker.host()).port(broker.port()).clientId("target")
                .queueLen(4).keepalive(120).build());
        targetLoop = new Thread(ProtocolScenariosTest::runTarget, "test-target");
        targetLoop.setDaemon(true);
        targetLoop.start();
        assertEquals(false, target.connect(true).get(10, TimeUnit.SECONDS));
        responses = MqttSubscriber.start(broker, "response", 1);
        challenger = MqttPublisher.to(broker);
        // wait until the target's control subscription is in place
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            command("subscribe", "warmup", "");
            challenger.publish("warmup", "w", 0);
            try {
                responses.awaitMessage(Duration.ofMillis(300));
                command("unsubscribe", "warmup", "");
                Thread.sleep(200);
                responses.drain();
                return;
            } catch (AssertionError notYet) {
                // the up-event handler has not subscribed yet
            }
        }
        throw new AssertionError("target never echoed");
    }

    /** The original's target.py, in Java: resubscribe on up, run control commands, echo the rest. */
    private static void runTarget() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (target.up().isSet()) {
                    target.up().clear();
                    target.subscribe("control", 1);
                }
                Message m = target.queue().poll(Duration.ofMillis(50));
                if (m == null) {
                    continue;
                }
                String text = new String(m.payload(), StandardCharsets.UTF_8);
                if (m.topic().equals("control")) {
                    List<String> cmd = Json.parse(text);
                    switch (cmd.get(0)) {
                        case "subscribe" -> target.subscribe(cmd.get(1), 1);
                        case "publish" -> target.publish(cmd.get(1), cmd.get(2).getBytes(StandardCharsets.UTF_8), false, 1);
                        case "unsubscribe" -> target.unsubscribe(cmd.get(1));
                        default -> { }
                    }
                } else {
                    target.publish("response", Json.array(m.topic(), text).getBytes(StandardCharsets.UTF_8), false, 1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        targetLoop.interrupt();
        targetLoop.join(5000);
        if (responses != null) {
            responses.close();
        }
        target.close();
        broker.close();
    }

    private static void command(String... parts) {
        challenger.publish("control", Json.array(parts), 1);
    }

    private static void remotePublish(String topic, String msg) {
        try (MqttSubscriber sub = MqttSubscriber.start(broker, topic, 1)) {
            command("publish", topic, msg);
            MqttSubscriber.Message m = sub.awaitMessage(WAIT);
            assertEquals(topic, m.topic());
            assertEquals(msg, m.payloadUtf8());
        }
    }

    private static void remoteSubscribe(String topic, String msg) throws InterruptedException {
        responses.drain();
        command("subscribe", topic, "");
        Thread.sleep(300); // the original's challenger waits 1 s before each check
        challenger.publish(topic, msg, 0);
        MqttSubscriber.Message echo = responses.awaitMessage(WAIT);
        assertEquals(List.of(topic, msg), Json.parse(echo.payloadUtf8()));
    }

    private static void remoteUnsubscribe(String topic, String msg) throws InterruptedException {
        command("unsubscribe", topic, "");
        Thread.sleep(300);
        responses.drain();
        challenger.publish(topic, msg, 0);
        responses.expectNoMessage(Duration.ofSeconds(1));
    }

    @Test
    @Order(1)
    void remotePublish() {
        remotePublish("foo topic", "hello");
    }

    @Test
    @Order(2)
    void remoteSubscribe() throws Exception {
        remoteSubscribe("target test topic", "this is a message");
    }

    @Test
    @Order(3)
    void remoteUnsubscribe() throws Exception {
        remoteUnsubscribe("target test topic", "this is a message");
    }

    @Test
    @Order(4)
    void longPublishForcesTwoByteRemainingLengths() {
        remotePublish(LONG_TOPIC, LONG_MSG);
    }

    @Test
    @Order(5)
    void longSubscribe() throws Exception {
        remoteSubscribe(LONG_TOPIC, LONG_MSG);
    }

    @Test
    @Order(6)
    void longUnsubscribe() throws Exception {
        remoteUnsubscribe(LONG_TOPIC, LONG_MSG);
    }

    @Test
    @Order(7)
    void unsubscribeFromATopicNeverSubscribedCompletesNormally() throws Exception {
        target.unsubscribe("rats").get(5, TimeUnit.SECONDS);
        remoteUnsubscribe("rats", "nonsense");
    }

    @Test
    @Order(8)
    void sanityRerunProvesTheTargetSurvived() {
        remotePublish("foo topic", "hello");
        assertTrue(target.isConnected());
        assertEquals(0, target.status().reconnects());
    }
}
