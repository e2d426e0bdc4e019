/*
 * Issue 9 item 13 (the client's part) and robustness.md P4 (hivemq#297): when a connection comes up
 * without a session — a broker restart without persistence here, a fail-over to another broker of
 * `servers` in a cluster — the client subscribes again to its current subscriptions by itself
 * (resubscribe, on by default); connect_coro still runs, as in the original.
 */
package io.mqttas.session.it;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttPublisher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class ResubscribeTest {

    @Test
    void whenTheSessionIsNotPresentTheClientsSubscriptionsAreRenewedAutomatically() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             MqttClient c = MqttClient.create(Fast.config(broker.host(), broker.port(), "renew").queueLen(10).build())) {
            c.connect(true).get(10, TimeUnit.SECONDS);
            c.subscribe("renew/t", 1).get(5, TimeUnit.SECONDS);
            c.subscribe("renew/u/#", 0).get(5, TimeUnit.SECONDS);
            c.unsubscribe("renew/u/#").get(5, TimeUnit.SECONDS);
            long before = c.status().reconnects();
            broker.kill();
            broker.startAgain(); // no persistence: the broker forgot every subscription
            eventually(Duration.ofSeconds(15), "reconnected", () -> c.status().reconnects() > before && c.isConnected());
            Thread.sleep(300); // the automatic SUBSCRIBE's SUBACK
            MqttPublisher.to(broker).publish("renew/t", "after the restart", 1);
            Message m = c.queue().poll(Duration.ofSeconds(5));
            assertNotNull(m, "the subscription was renewed without the application asking");
            assertEquals("after the restart", new String(m.payload()));
        }
    }
}
