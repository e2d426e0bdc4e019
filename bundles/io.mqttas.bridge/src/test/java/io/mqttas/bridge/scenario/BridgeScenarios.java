/*
 * Issue 5 "Tests": a simulated host drives the bridge against a real Mosquitto with the real
 * session client: init → statuses → publish QoS 0/1 → PUBOK → subscribe → message from
 * mosquitto_pub arrives as u|… → broker restart gives t|10 then t|9 and re-subscription, and a
 * QoS 1 publish sent during the outage gets its PUBOK after it → host
 * restart (reset pulse, or w/init again on a stream) restarts cleanly and the broker publishes
 * the old session's will. Subclasses choose the transport.
 */
package io.mqttas.bridge.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mqttas.bridge.internal.BridgeProtocol;
import io.mqttas.bridge.internal.BridgeRuntime;
import io.mqttas.bridge.internal.ClientProvider;
import io.mqttas.bridge.internal.Link;
import io.mqttas.bridge.internal.Records;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;
import io.mqttas.testkit.ThreadLeakCheck;

abstract class BridgeScenarios {
    static final Duration WAIT = Duration.ofSeconds(20);

    private ThreadLeakCheck leaks;
    protected MosquittoBroker broker;
    private BridgeRuntime bridge;
    private HostEnd host;
    private final List<MqttSubscriber> subscribers = new ArrayList<>();

    /** The bridge's link for this transport. */
    abstract Link bridgeLink(String name) throws Exception;

    /** The host's end, once the bridge runs. */
    abstract HostEnd hostEnd() throws Exception;

    @BeforeEach
    void startBroker() {
        leaks = ThreadLeakCheck.snapshot("mqttas-");
        broker = MosquittoBroker.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            if (host != null) {
                host.close();
            }
            if (bridge != null) {
                bridge.close();
            }
            for (MqttSubscriber s : subscribers) {
                s.close();
            }
        } finally {
            broker.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(10));
    }

    private MqttSubscriber subscribe(String filter) {
        MqttSubscriber s = MqttSubscriber.start(broker, filter, 1);
        subscribers.add(s);
        return s;
    }

    static String r(String bars) {
        return bars.replace('|', Records.SEP);
    }

    private String init() {
        // ssid, wifi pw, broker, user, pw, ssl_params, use_default_net, port, ssl, fast, keepalive,
        // debug, clean, max_repubs, response_time, ping_interval, time server
        return r("init|myssid|wifipw|127.0.0.1|||{}|1|" + broker.port() + "|0|1|10|0|1|4|2|0|pool.ntp.org");
    }

    private void expect(String bars) throws Exception {
        String got = host.next(WAIT);
        assertEquals(bars, got == null ? null : got.replace(Records.SEP, '|'));
    }

    /** Spec §6.4 steps 2–3 and §4.5: will, init, statuses up to t|9. */
    private void startSession(String willTopic) throws Exception {
        host.send(r("w|" + willTopic + "|gone|False|1"));
        expect("t|7");
        host.send(init());
        expect("t|2");
        expect("t|1");
        expect("t|0");
        expect("t|5");
        expect("t|9");
    }

    /** A command behind which every earlier one has completed (commands are sequential). */
    private void barrier() throws Exception {
        host.send("m");
        String got = host.next(WAIT);
        assertNotNull(got);
        assertTrue(got.startsWith("m" + Records.SEP), got);
    }

    private void publishUntilForwarded(String topic, String payload) throws Exception {
        MqttPublisher pub = MqttPublisher.to(broker);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String expected = "u|" + topic + "|" + payload + "|False";
        while (System.nanoTime() < deadline) {
            pub.publish(topic, payload, 1);
            String got = host.next(Duration.ofMillis(700));
            while (got != null) {
                String bars = got.replace(Records.SEP, '|');
                if (bars.equals(expected)) {
                    return;
                }
                got = host.next(Duration.ofMillis(100));
            }
        }
        fail("no " + expected + " within " + WAIT);
    }

    @Test
    void hostSessionAgainstMosquitto() throws Exception {
        String name = getClass().getSimpleName().replace("ScenarioTest", "").toLowerCase();
        bridge = new BridgeRuntime(name, bridgeLink(name), ClientProvider.own(),
                new BridgeProtocol.Options("bridge-" + name + "-" + ProcessHandle.current().pid(), 4096, 64,
                        Duration.ofSeconds(15), Clock.systemUTC())).start();
        host = hostEnd();
        MqttSubscriber fromHost = subscribe("board/#");

        // init → statuses
        startSession("dead/one");
        assertTrue(bridge.status().brokerUp());

        // publish QoS 0 and 1 → PUBOK → the broker has them, without RETAIN (spec §11.1)
        host.send(r("p|board/q0|hello zero|0|0"));
        expect("t|4");
        host.send(r("p|board/q1|hello one|0|1"));
        expect("t|4");
        List<MqttSubscriber.Message> got = fromHost.awaitMessages(2, WAIT);
        assertEquals("board/q0", got.get(0).topic());
        assertEquals("hello zero", got.get(0).payloadUtf8());
        assertEquals("board/q1", got.get(1).topic());
        assertEquals("hello one", got.get(1).payloadUtf8());
        assertEquals(1, got.get(1).qos());
        assertFalse(got.get(0).retained() || got.get(1).retained(), "retain 0 means no RETAIN");

        // subscribe → a message from mosquitto_pub arrives as u|topic|payload|False
        host.send(r("s|to/board|1"));
        barrier();
        MqttPublisher.to(broker).publish("to/board", "on", 1);
        expect("u|to/board|on|False");
        host.send("i");
        String time = host.next(WAIT);
        assertNotNull(time);
        assertTrue(Long.parseLong(time.substring(2)) > 504_576_000L, "seconds since 2000: " + time);

        // broker down → t|10; a QoS 1 publish waits through the outage (spec §7); broker back → t|9 and
        // the PUBOK once the broker acknowledged; the subscription is renewed (clean session: the broker forgot it)
        broker.kill();
        expect("t|10");
        host.send(r("p|board/outage|while down|0|1"));
        assertEquals(null, host.next(Duration.ofMillis(500)), "no PUBOK while the broker is down");
        broker.startAgain();
        java.util.Set<String> back = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            String got1 = host.next(WAIT);
            back.add(got1 == null ? null : got1.replace(Records.SEP, '|'));
        }
        assertEquals(java.util.Set.of("t|9", "t|4"), back);
        publishUntilForwarded("to/board", "after restart");
        // fresh subscribers (mosquitto_sub's own reconnection after the restart takes its time)
        fromHost = subscribe("board/#");
        MqttSubscriber wills = subscribe("dead/#");

        // the host starts over (reset pulse / new w+init): the old client goes away without DISCONNECT,
        // so the broker publishes its will; the new session works
        host.restart();
        startSession("dead/two");
        MqttSubscriber.Message will;
        try {
            will = wills.awaitMessage(WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; broker log:\n" + broker.logTail(40), e);
        }
        assertEquals("dead/one", will.topic());
        assertEquals("gone", will.payloadUtf8());
        assertFalse(will.retained(), "will retain False means no RETAIN (spec §11.1)");
        host.send(r("p|board/again|after reset|0|1"));
        expect("t|4");
        assertEquals("after reset", fromHost.awaitMessage(WAIT).payloadUtf8());
        assertEquals(2, bridge.status().sessions());
    }
}
