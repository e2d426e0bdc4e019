/*
 * Issue 9 item 6: a publication that makes the broker drop the connection every time (here: larger
 * than Mosquitto's max_packet_size, below ours) must not loop for ever. After max_attempts lost
 * connections it fails with a typed rejection, and the other publications carry on.
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttRejectedException;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttSubscriber;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoisonMessageTest {

    @Test
    void aPublicationTheBrokerDropsTheConnectionForIsGivenUpAndTheRestCarryOn() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("max_packet_size 2000").start();
             MqttSubscriber sub = MqttSubscriber.start(broker, "poison/#", 1);
             MqttClient c = MqttClient.create(Fast.config(broker.host(), broker.port(), "poisoned").build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> good = new ArrayList<>();
            good.add(c.publish("poison/ok", utf8("before"), false, 1));
            CompletableFuture<Void> poison = c.publish("poison/big", new byte[5000], false, 1); // the broker disconnects us for it
            for (int i = 0; i < 5; i++) {
                good.add(c.publish("poison/ok", utf8("after" + i), false, 1));
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> poison.get(30, TimeUnit.SECONDS));
            assertInstanceOf(MqttRejectedException.class, e.getCause(), "given up with a typed rejection, not retried for ever");
            CompletableFuture.allOf(good.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
            List<MqttSubscriber.Message> got = sub.awaitMessages(6, Duration.ofSeconds(10));
            assertEquals(6, got.stream().map(MqttSubscriber.Message::payloadUtf8).distinct().count(), "the others all arrived");
            c.publish("poison/ok", utf8("later"), false, 1).get(10, TimeUnit.SECONDS);
        }
    }
}
