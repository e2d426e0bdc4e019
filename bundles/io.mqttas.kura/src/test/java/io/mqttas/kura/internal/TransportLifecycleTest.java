/*
 * Issue 10 item 1: what Kura's DataService relies on besides confirmations — the order of listener
 * events (Kura's MqttDataTransport order), idle until configured, subscribe and arrivals with a QoS,
 * automatic reconnection reported as lost then established(false), and a reconfiguration in flight
 * handled the Kura way (updating → disconnect → updated → new session → republish) with every QoS 1
 * message confirmed exactly once.
 */
package io.mqttas.kura.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraNotConnectedException;
import org.eclipse.kura.data.DataTransportToken;
import org.junit.jupiter.api.Test;

import io.mqttas.kura.testing.DataServiceDriver;
import io.mqttas.kura.testing.RecordingListener;
import io.mqttas.session.MqttClient;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.ThreadLeakCheck;

class TransportLifecycleTest {

    @Test
    void idleUntilConfiguredAndNeverConnectedBeforeThat() throws Exception {
        KuraTransport t = DataServiceOverTransportTest.transport(TransportSettingsTest.kuraDefaults());
        try {
            KuraConnectException e = assertThrows(KuraConnectException.class, t::connect);
            assertTrue(e.getMessage().contains("not configured") && e.getMessage().contains("server"), e.getMessage());
            assertFalse(t.isConnected());
            assertThrows(KuraNotConnectedException.class, () -> t.publish("a", new byte[0], 1, false));
            assertThrows(KuraNotConnectedException.class, () -> t.subscribe("a", 1));
            assertThrows(KuraConnectException.class, t::connect);
            assertEquals(1, t.failureWarnings(), "idle is said once, not at every connect()");
        } finally {
            t.close();
        }
    }

    @Test
    void eventsSubscriptionsArrivalsAndReconnectionInKurasOrder() throws Exception {
        ThreadLeakCheck threads = ThreadLeakCheck.snapshot("mqttas-");
        try (MosquittoBroker broker = MosquittoBroker.start(); FaultProxy proxy = FaultProxy.to(broker)) {
            Map<String, Object> p = DataServiceOverTransportTest.properties(proxy.port());
            p.put("account_name", "acme");
            KuraTransport t = DataServiceOverTransportTest.transport(p);
            RecordingListener events = new RecordingListener();
            t.addDataTransportListener(events);
            try {
                t.connect();
                assertTrue(t.isConnected());
                events.awaitEvent("established true", Duration.ofSeconds(5));
                t.subscribe("#account-name/in/#", 1);
                new MqttPublisher(io.mqttas.testkit.MosquittoClientOptions.plain(broker)).publish("acme/in/x", "hello", 1);
                assertEquals("acme/in/x hello qos1", events.awaitArrival(Duration.ofSeconds(10)));
                DataTransportToken two = t.publish("acme/out", "q2".getBytes(StandardCharsets.UTF_8), 2, false);
                assertNotNull(two, "QoS 2 is sent at QoS 2 and confirmed");
                assertEquals(two, events.awaitConfirmation(Duration.ofSeconds(10)));
                assertNull(t.publish("acme/out", new byte[0], 0, false), "QoS 0 has no token");

                proxy.resetConnections();    // an outage: the client reconnects by itself
                events.awaitEvent("established false", Duration.ofSeconds(20));
                assertTrue(events.events.indexOf("lost") < events.events.indexOf("established false"), events.events.toString());

                t.disconnect(1000);
                assertFalse(t.isConnected());
                assertEquals(List.of("disconnecting", "disconnected"), tail(events.events, 2));
                Thread.sleep(300);
                assertFalse(t.isConnected(), "after disconnect() the transport stays down");
                assertThrows(KuraNotConnectedException.class, () -> t.publish("acme/out", new byte[0], 1, false));
                t.connect();
                // onConnectionEstablished runs on the transport's dispatcher thread, possibly just after connect() returns
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!"established true".equals(tail(events.events, 1).get(0)) && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                assertEquals("established true", tail(events.events, 1).get(0), "a new client is a new session");
            } finally {
                t.close();
            }
        }
        threads.assertNoLeak(Duration.ofSeconds(10));
    }

    @Test
    void reconfigurationInFlightRepublishesAndConfirmsEveryMessageOnce() throws Exception {
        ThreadLeakCheck threads = ThreadLeakCheck.snapshot("mqttas-");
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            Map<String, Object> p = DataServiceOverTransportTest.properties(broker.port());
            KuraTransport t = DataServiceOverTransportTest.transport(p);
            RecordingListener events = new RecordingListener();
            t.addDataTransportListener(events);
            try (DataServiceDriver driver = new DataServiceDriver(t, 9, 200)) {
                driver.connect();
                for (int i = 0; i < 150; i++) {
                    driver.publish("kura/re", ("r" + i).getBytes(StandardCharsets.UTF_8), 1, 5);
                }
                p.put("keepalive", 30);
                t.reconfigure(TransportSettings.of(p, UnaryOperator.identity())).get(20, TimeUnit.SECONDS);
                DataServiceOverTransportTest.await("all confirmed after the reconfiguration", Duration.ofSeconds(30),
                        () -> driver.unconfirmed().isEmpty(), driver);
                assertEquals(List.of(), driver.confirmedTwice());
                assertEquals(0, driver.untracked(), "no confirmation of a token from the dropped session");
                int updating = events.events.indexOf("updating true");
                assertTrue(updating >= 0, events.events.toString());
                List<String> after = events.events.subList(updating, events.events.size()).stream()
                        .filter(e -> !e.startsWith("confirmed")).toList();
                assertEquals(List.of("updating true", "disconnecting", "disconnected", "updated true", "established true"),
                        after.subList(0, 5), "Kura's order around a configuration update");
                assertEquals(30, t.settings().config(null, null).keepalive());
            } finally {
                t.close();
            }
        }
        threads.assertNoLeak(Duration.ofSeconds(10));
    }

    private static List<String> tail(List<String> l, int n) {
        List<String> copy = List.copyOf(l);
        return copy.subList(copy.size() - n, copy.size());
    }
}
