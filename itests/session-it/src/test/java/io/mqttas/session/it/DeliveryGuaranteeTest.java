/*
 * robustness.md P4 and docs/session.md "Delivery guarantees": one test per (clean_init, clean) cell
 * for incoming QoS 1, against Mosquitto: what is queued for the client before power-up (a backlog
 * left in an old session) and during an outage.
 */
package io.mqttas.session.it;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttPublisher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryGuaranteeTest {

    private static List<String> drain(MqttClient c, Duration quiet) throws InterruptedException {
        List<String> got = new ArrayList<>();
        Message m;
        while ((m = c.queue().poll(quiet)) != null) {
            got.add(new String(m.payload()));
        }
        return got;
    }

    @ParameterizedTest(name = "clean_init={0}, clean={1}: backlog delivered={2}, outage messages delivered={3}")
    @CsvSource({
        "true,  true,  false, false",
        "false, true,  false, false",
        "true,  false, false, true",
        "false, false, true,  true"
    })
    void incomingQos1AcrossPowerUpAndOutage(boolean cleanInit, boolean clean, boolean backlogExpected, boolean outageExpected)
            throws Exception {
        String id = "cell-" + cleanInit + "-" + clean;
        try (MosquittoBroker broker = MosquittoBroker.start();
             FaultProxy proxy = FaultProxy.to(broker)) {
            MqttPublisher pub = MqttPublisher.to(broker);
            // An earlier life of this device left a persistent session with a subscription ...
            try (MqttClient old = MqttClient.create(Fast.config(broker.host(), broker.port(), id).clean(false).cleanInit(false).build())) {
                old.connect(true).get(10, TimeUnit.SECONDS);
                old.subscribe("cell/t", 1).get(5, TimeUnit.SECONDS);
            }
            // ... and messages arrived for it while it was off.
            pub.publish("cell/t", "backlog", 1);
            MqttConfig cfg = Fast.config(proxy.host(), proxy.port(), id).clean(clean).cleanInit(cleanInit).queueLen(50).build();
            try (MqttClient c = MqttClient.create(cfg)) {
                c.connect(true).get(15, TimeUnit.SECONDS);
                c.subscribe("cell/t", 1).get(5, TimeUnit.SECONDS);
                List<String> first = drain(c, Duration.ofMillis(400));
                assertEquals(backlogExpected, first.contains("backlog"), "backlog from before power-up: " + first);
                // an outage during which a message is published
                c.down().clear();
                proxy.refuse();
                proxy.resetConnections();
                assertTrue(c.down().await(Duration.ofSeconds(5)));
                pub.publish("cell/t", "during-outage", 1);
                proxy.pass();
                eventually(Duration.ofSeconds(10), "reconnected", c::isConnected);
                if (clean) {
                    c.subscribe("cell/t", 1).get(5, TimeUnit.SECONDS); // clean sessions re-subscribe (connect_coro pattern)
                }
                List<String> after = drain(c, Duration.ofMillis(500));
                assertEquals(outageExpected, after.contains("during-outage"), "message published during the outage: " + after);
                pub.publish("cell/t", "live", 1);
                Message live = c.queue().poll(Duration.ofSeconds(5));
                assertEquals("live", live == null ? null : new String(live.payload()), "connected: always delivered");
            }
        }
    }
}
