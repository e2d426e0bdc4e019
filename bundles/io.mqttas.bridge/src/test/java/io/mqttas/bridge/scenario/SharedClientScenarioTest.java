/*
 * client_mode=shared against a real Mosquitto: the bridge uses an MqttClient owned by someone else
 * (as the io.mqttas.session component's service), never connects or closes it, ignores the host's
 * broker settings and will, and forwards only messages matching the host's subscriptions.
 */
package io.mqttas.bridge.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mqttas.bridge.internal.BridgeProtocol;
import io.mqttas.bridge.internal.BridgeRuntime;
import io.mqttas.bridge.internal.Records;
import io.mqttas.bridge.internal.ClientProvider;
import io.mqttas.bridge.internal.SimulatedWires;
import io.mqttas.bridge.internal.SynComLink;
import io.mqttas.bridge.internal.TestAccess;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;
import io.mqttas.testkit.ThreadLeakCheck;

class SharedClientScenarioTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String bars(String record) {
        return record == null ? null : record.replace(Records.SEP, '|');
    }

    @Test
    void sharedClientCarriesTheHostsTrafficAndOutlivesItsSessions() throws Exception {
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-");
        try (MosquittoBroker broker = MosquittoBroker.start();
                MqttSubscriber fromHost = MqttSubscriber.start(broker, "board/#", 1)) {
            MqttClient shared = MqttClient.create(MqttConfig.fromMap(Map.of("server", "127.0.0.1", "port",
                    broker.port(), "client_id", "shared-" + ProcessHandle.current().pid(), "queue_len", 0)));
            shared.connect(true).get(20, TimeUnit.SECONDS);
            SimulatedWires wires = new SimulatedWires();
            BridgeRuntime bridge = new BridgeRuntime("shared", new SynComLink("shared", wires.bridgePins(), 4096, 64,
                    5000, 50), ClientProvider.shared(shared), new BridgeProtocol.Options("unused", 4096, 64,
                            Duration.ofSeconds(15), Clock.systemUTC())).start();
            TestAccess.SynComHost host = new TestAccess.SynComHost(wires, Duration.ofMillis(20), Duration.ofMillis(50));
            try {
                host.send("init|s|p|no.such.broker|||{}|0|1|0|1|60|0|1|4|10|0|pool.ntp.org".replace('|', Records.SEP));
                for (String expected : new String[] {"t|1", "t|0", "t|5", "t|9"}) {
                    assertEquals(expected, bars(host.poll(WAIT)), "INIT's broker is ignored with a shared client");
                }
                host.send(Records.join("p", "board/s", "via shared", "0", "1"));
                assertEquals("t|4", bars(host.poll(WAIT)));
                assertEquals("via shared", fromHost.awaitMessage(WAIT).payloadUtf8());
                host.send(Records.join("s", "to/board", "1"));
                host.send("m");
                assertTrue(bars(host.poll(WAIT)).startsWith("m|"));
                MqttPublisher pub = MqttPublisher.to(broker);
                pub.publish("not/for/board", "x", 1); // the shared client is subscribed to nothing else, but
                shared.subscribe("not/for/board", 1).get(10, TimeUnit.SECONDS); // someone else's subscription
                pub.publish("not/for/board", "y", 1);
                pub.publish("to/board", "z", 1);
                assertEquals("u|to/board|z|False", bars(host.poll(WAIT)), "only the host's subscriptions");

                host.resetPulse();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (bridge.status().linkRestarts() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(200);
                assertTrue(shared.isConnected(), "a host reset does not touch the shared client");
            } finally {
                host.close();
                bridge.close();
                shared.close();
            }
        }
        leaks.assertNoLeak(Duration.ofSeconds(10));
    }
}
