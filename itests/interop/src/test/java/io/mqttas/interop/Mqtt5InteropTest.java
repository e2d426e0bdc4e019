/*
 * Issue 13 item 8: MQTT 5.0 and QoS 2 of the client against each broker — connect, QoS 0/1/2 both ways
 * (and QoS 2 in 3.1.1), properties round trip, the will with will properties, session present with a
 * Session Expiry Interval, message expiry, the broker's Receive Maximum. Moquette 0.17 speaks only
 * 3.1.1: its v5 cases assert that the client's v5 CONNECT is refused (an expectation, not a skip).
 */
package io.mqttas.interop;

import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.MqttVersion;
import io.mqttas.session.Ack;
import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttConnectException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Mqtt5InteropTest extends BrokerSuite {

    private static MqttConfig.Builder v5(BrokerCase b, String id) {
        return b.client(id).mqttv5(true);
    }

    /** Moquette 0.17: a v5 CONNECT is refused, so the first connect fails (MqttConnectException) and nothing else runs. */
    private static boolean refusesV5(BrokerCase b) throws Exception {
        if (b.broker().supportsV5()) {
            return false;
        }
        try (MqttClient c = MqttClient.create(v5(b, "v5-refused").build())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.connect(true).get(T.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(MqttConnectException.class, e.getCause(), "a 3.1.1-only broker refuses MQTT 5.0 [MQTT-3.1.2-2]");
        }
        return true;
    }

    @AgainstEveryBroker
    void mqtt5ConnectsAndExposesTheConnackProperties(BrokerCase b) throws Exception {
        if (refusesV5(b)) {
            return;
        }
        try (MqttClient c = connected(v5(b, "v5-connect"))) {
            assertEquals(MqttVersion.MQTT_5, c.protocolVersion());
            assertTrue(c.isConnected());
            assertTrue(await(c.brokerUp()));
            assertTrue(c.connAckProperties() != null);
        }
    }

    @AgainstEveryBroker
    void qos012BothWaysInMqtt5WithPropertiesRoundTrip(BrokerCase b) throws Exception {
        if (refusesV5(b)) {
            return;
        }
        try (MqttClient sub = connected(v5(b, "v5-sub").queueLen(100)); MqttClient pub = connected(v5(b, "v5-pub"))) {
            for (int qos = 0; qos <= 2; qos++) {
                String t = b.topic("v5/q" + qos);
                int granted = await(sub.subscribe(t, qos));
                assertEquals(qos, granted, "granted QoS");
                MqttProperties p = MqttProperties.builder().userProperty("k", "v" + qos).userProperty("k", "again").contentType("text/plain")
                        .responseTopic(b.topic("v5/reply")).correlationData(utf8("c" + qos)).build();
                Ack ack = await(pub.publish(t, utf8("m" + qos), false, qos, p, null));
                assertTrue(ack.reasonCode() < 0x80, ack.toString());
                Message m = next(sub, "QoS " + qos + " message");
                assertEquals("m" + qos, text(m));
                assertEquals(qos, m.qos());
                assertEquals(List.of("v" + qos, "again"), m.userProperties().stream().map(u -> u.value()).toList(), "User Properties in order");
                assertEquals("text/plain", m.properties().contentType().orElseThrow());
                assertEquals(b.topic("v5/reply"), m.responseTopic().orElseThrow());
                assertEquals("c" + qos, new String(m.correlationData().orElseThrow()));
            }
            expectNoMessage(sub, "each message exactly once");
        }
    }

    @AgainstEveryBroker
    void qos2BothWaysInMqtt311(BrokerCase b) throws Exception {
        String t = b.topic("v311/q2");
        try (MqttClient sub = connected(b.client("q2-sub").queueLen(100)); MqttClient pub = connected(b.client("q2-pub"))) {
            int granted = await(sub.subscribe(t, 2));
            if (!b.broker().supportsQos2()) {
                assertTrue(granted < 2, "QoS 2 downgraded");
                return;
            }
            assertEquals(2, granted);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(pub.publish(t, utf8("m" + i), false, 2));
            }
            awaitAll(sent, T);
            Set<String> got = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                Message m = next(sub, "QoS 2 message " + i);
                assertEquals(2, m.qos());
                assertTrue(got.add(text(m)), "delivered twice: " + text(m));
            }
            expectNoMessage(sub, "exactly once");
        }
    }

    @AgainstEveryBroker
    void willWithWillPropertiesInMqtt5(BrokerCase b) throws Exception {
        if (refusesV5(b)) {
            return;
        }
        String t = b.topic("v5/will");
        try (MqttClient watcher = connected(v5(b, "v5-will-watch").queueLen(10))) {
            await(watcher.subscribe(t, 1));
            MqttClient dying = connected(v5(b, "v5-will").will(t, "gone", false, 1)
                    .property("mqttv5_will_props", "user_property.reason", "test").property("mqttv5_will_props", "content_type", "text/plain"));
            dying.close(); // no DISCONNECT: the broker publishes the will
            Message m = next(watcher, "the will");
            assertEquals("gone", text(m));
            assertEquals("test", m.userProperties().get(0).value(), "will properties carried to the subscriber");
            assertEquals("text/plain", m.properties().contentType().orElseThrow());
        }
    }

    @AgainstEveryBroker
    void sessionPresentWithSessionExpiryInMqtt5(BrokerCase b) throws Exception {
        if (refusesV5(b)) {
            return;
        }
        String t = b.topic("v5/session");
        MqttConfig.Builder cfg = v5(b, "v5-session").clean(false).cleanInit(true).queueLen(10)
                .property("mqttv5_con_props", "session_expiry_interval", 120);
        try (MqttClient pub = connected(v5(b, "v5-session-pub"))) {
            MqttClient first = connected(cfg);
            await(first.subscribe(t, 1));
            first.close();
            await(pub.publish(t, utf8("while away"), false, 1));
            try (MqttClient again = MqttClient.create(cfg.cleanInit(false).build())) {
                assertTrue(await(again.connect(true)), "session present: the Session Expiry Interval kept it");
                assertEquals("while away", text(next(again, "the message queued for the session")));
            }
        }
    }

    @AgainstEveryBroker
    void messageExpiryDropsARetainedMessageInMqtt5(BrokerCase b) throws Exception {
        if (refusesV5(b)) {
            return;
        }
        String t = b.topic("v5/expiry");
        try (MqttClient pub = connected(v5(b, "v5-exp-pub"))) {
            await(pub.publish(t, utf8("short-lived"), true, 1, MqttProperties.builder().messageExpiryInterval(1).build(), null));
            Fixtures.sleep(2500);
            try (MqttClient late = connected(v5(b, "v5-exp-late").queueLen(10))) {
                await(late.subscribe(t, 1));
                expectNoMessage(late, "the retained message expired [MQTT-3.3.2-5]");
            }
            await(pub.publish(t, new byte[0], true, 1));
        }
    }

    @AgainstEveryBroker
    void theBrokersReceiveMaximumBoundsTheWindowInMqtt5(BrokerCase b) throws Exception {
        if (refusesV5(b)) {
            return;
        }
        String t = b.topic("v5/window");
        try (MqttClient pub = connected(v5(b, "v5-window").maxInflight(1000))) {
            int max = pub.connAckProperties().receiveMaximum().orElse(65_535);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            int peak = 0;
            for (int i = 0; i < 200; i++) {
                sent.add(pub.publish(t, utf8("m" + i), false, 1));
                peak = Math.max(peak, pub.metrics().inFlight());
            }
            awaitAll(sent, T);
            assertTrue(peak <= max, "in flight " + peak + " above the broker's Receive Maximum " + max);
            assertFalse(pub.metrics().reconnects() > 0, "no Receive Maximum exceeded disconnect (0x93)");
        }
    }
}
