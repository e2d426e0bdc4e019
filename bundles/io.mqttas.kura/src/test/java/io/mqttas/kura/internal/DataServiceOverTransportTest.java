/*
 * Issue 10 item 8: a DataService-like driver (Kura's documented contract) publishes QoS 0 and QoS 1
 * messages with priorities through the mqttas DataTransportService to a real Mosquitto that is restarted
 * and killed meanwhile: every QoS 1 message is confirmed exactly once by its id, no confirmation arrives
 * before the driver tracks its token, and a persistent mosquitto_sub receives every QoS 1 message.
 */
package io.mqttas.kura.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.mqttas.kura.testing.DataServiceDriver;
import io.mqttas.session.MqttClient;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MosquittoClientOptions;
import io.mqttas.testkit.MqttSubscriber;
import io.mqttas.testkit.ThreadLeakCheck;

class DataServiceOverTransportTest {

    static Map<String, Object> properties(int port) {
        Map<String, Object> p = new HashMap<>();
        p.put("server", "127.0.0.1");
        p.put("port", port);
        p.put("client_id", "kura-driver");
        p.put("timeout", 5);
        p.put("reconnect_delay_min", 0.05);
        p.put("reconnect_delay_max", 0.5);
        p.put("response_time", 3.0);
        p.put("kura.service.pid", "io.mqttas.kura.DataTransport-test");
        return p;
    }

    static KuraTransport transport(Map<String, Object> props) {
        return new KuraTransport("test-transport", TransportSettings.of(props, UnaryOperator.identity()), MqttClient::create,
                new KeystoreTls(), new ConnectionStatus());
    }

    static void await(String what, Duration max, BooleanSupplier done, DataServiceDriver d) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; unconfirmed " + d.unconfirmed().size()
                        + ", stored " + d.storedCount() + ", established " + d.established() + ", lost " + d.connectionsLost());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void everyQos1ConfirmationExactlyOnceAcrossBrokerRestartsAndACrash() throws Exception {
        ThreadLeakCheck threads = ThreadLeakCheck.snapshot("mqttas-");
        try (MosquittoBroker broker = MosquittoBroker.builder().persistence(true).start();
             MqttSubscriber sub = MqttSubscriber.start(MosquittoClientOptions.plain(broker).clientId("kura-sub"), "kura/#", 1, "-c")) {
            KuraTransport transport = transport(properties(broker.port()));
            Set<String> expected = new HashSet<>();
            try (DataServiceDriver driver = new DataServiceDriver(transport, 9, 300)) {
                driver.connect();
                int n = 0;
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < 80; i++, n++) {
                        String payload = "m" + n;
                        int qos = n % 5 == 0 ? 0 : 1;
                        driver.publish("kura/t" + (n % 3), payload.getBytes(StandardCharsets.UTF_8), qos, n % 10);
                        if (qos == 1) {
                            expected.add(payload);
                        }
                    }
                    Thread.sleep(40);          // some in flight, some stored, when the broker goes
                    int before = driver.established().size();
                    broker.restart();          // SIGTERM (persistence saved) and start again on the same port
                    await("reconnection after restart " + (round + 1), Duration.ofSeconds(30),
                            () -> driver.established().size() > before, driver);
                }
                await("every QoS 1 message confirmed after 3 restarts", Duration.ofSeconds(60), () -> driver.unconfirmed().isEmpty(), driver);
                assertEquals(List.of(), driver.confirmedTwice(), "a message id confirmed more than once");
                assertEquals(0, driver.untracked(), "confirmations before the driver tracked the token, or of abandoned tokens");
                assertTrue(driver.connectionsLost() >= 3, "onConnectionLost per restart: " + driver.connectionsLost());
                assertEquals(Boolean.TRUE, driver.established().get(0), "the first connection is a new session");
                assertFalse(driver.established().subList(1, driver.established().size()).contains(Boolean.TRUE),
                        "automatic reconnections keep the session (nothing republished): " + driver.established());
                Set<String> received = new HashSet<>();
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!received.containsAll(expected) && System.nanoTime() < end) {
                    MqttSubscriber.Message m = sub.awaitMessage(Duration.ofSeconds(5));
                    if (m != null) {
                        received.add(m.payloadUtf8());
                    }
                }
                Set<String> missing = new HashSet<>(expected);
                missing.removeAll(received);
                assertEquals(Set.of(), missing, "QoS 1 messages the broker never delivered to the persistent subscriber");

                // A crash (SIGKILL, no goodbye): confirmations still complete exactly once.
                for (int i = 0; i < 60; i++, n++) {
                    driver.publish("kura/crash", ("c" + n).getBytes(StandardCharsets.UTF_8), 1, 4);
                }
                Thread.sleep(30);
                broker.kill();
                Thread.sleep(300);
                broker.startAgain();
                await("every QoS 1 message confirmed after a crash", Duration.ofSeconds(60), () -> driver.unconfirmed().isEmpty(), driver);
                assertEquals(List.of(), driver.confirmedTwice());
                assertEquals(0, driver.untracked());
            } finally {
                transport.close();
            }
        }
        threads.assertNoLeak(Duration.ofSeconds(10));
    }
}
