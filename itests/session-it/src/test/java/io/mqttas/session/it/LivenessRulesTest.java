/*
 * Issue 9 item 5, spec/mqtt_as.md §9 and robustness.md P2: liveness that cannot be faked. A PINGREQ
 * must be answered by a PINGRESP (not by other bytes), a packet whose header arrived must complete in
 * time, and MQTT 3.1.1's forbidden packet types cost one clean reconnect. Scripted broker, real TCP.
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.testkit.FakeBroker;
import io.mqttas.testkit.MqttFrame;
import io.mqttas.testkit.Packets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LivenessRulesTest {
    private FakeBroker broker;
    private MqttClient client;

    @BeforeEach
    void start() {
        broker = FakeBroker.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        broker.close();
    }

    private FakeBroker.Connection connect(String id) throws Exception {
        // ping every 0.5 s, response_time 1 s; the 4-silent-intervals rule would need 2 s of silence
        return connect(id, 2, 1);
    }

    private FakeBroker.Connection connect(String id, int keepalive, double responseTime) throws Exception {
        client = MqttClient.create(Fast.config(broker.host(), broker.port(), id).keepalive(keepalive).responseTime(responseTime)
                .queueLen(100).build());
        CompletableFuture<Boolean> f = client.connect(true);
        FakeBroker.Connection c = broker.accept();
        c.expectType(MqttFrame.CONNECT);
        c.send(Packets.connack(false, 0));
        f.get(5, TimeUnit.SECONDS);
        return c;
    }

    @Test
    void aPingreqMustBeAnsweredByAPingrespNotByOtherBytes() throws Exception {
        FakeBroker.Connection c = connect("not-a-pingresp");
        AtomicBoolean run = new AtomicBoolean(true);
        Thread chatter = new Thread(() -> {
            // A broker (or middlebox) that keeps sending QoS 0 messages but never answers a PINGREQ.
            while (run.get()) {
                try {
                    c.send(Packets.publish("chatter", utf8("x"), 0, false, false, 0));
                    Thread.sleep(150);
                } catch (AssertionError | RuntimeException | InterruptedException e) {
                    return;
                }
            }
        }, "test-chatter");
        chatter.start();
        try {
            c.expectType(MqttFrame.PINGREQ);
            long ms = Scripted.awaitClose(c, Duration.ofSeconds(6));
            assertTrue(ms < 4000, "the unanswered PINGREQ ended the connection after " + ms + " ms (response_time 1 s)");
        } finally {
            run.set(false);
            chatter.join(2000);
        }
        broker.accept().expectType(MqttFrame.CONNECT); // one clean reconnect
    }

    @Test
    void aPacketWhoseHeaderArrivedMustCompleteWithinResponseTime() throws Exception {
        FakeBroker.Connection c = connect("trickle");
        c.send(new byte[] {0x30, 100, 0, 1, 'a'}); // a PUBLISH of 100 bytes to topic "a" starts ...
        AtomicBoolean run = new AtomicBoolean(true);
        Thread trickle = new Thread(() -> {
            // ... and arrives one byte every 300 ms: bytes keep coming, the packet never completes in time.
            for (int i = 0; i < 100 && run.get(); i++) {
                try {
                    c.send(new byte[] {'p'});
                    Thread.sleep(300);
                } catch (AssertionError | RuntimeException | InterruptedException e) {
                    return;
                }
            }
        }, "test-trickle");
        trickle.start();
        try {
            long ms = Scripted.awaitClose(c, Duration.ofSeconds(8));
            assertTrue(ms < 5000, "a trickling packet kept the session alive for " + ms + " ms (response_time 1 s)");
        } finally {
            run.set(false);
            trickle.join(2000);
        }
        broker.accept().expectType(MqttFrame.CONNECT);
    }

    @Test
    void forbiddenPacketType15IsAProtocolViolationCostingOneCleanReconnect() throws Exception {
        FakeBroker.Connection c = connect("type15", 60, 10); // no ping is due: only the violation can end it
        c.sendHex("f0 00"); // reserved in MQTT 3.1.1 (AUTH only exists in MQTT 5)
        Scripted.awaitClose(c, Duration.ofSeconds(3));
        FakeBroker.Connection c2 = broker.accept();
        c2.expectType(MqttFrame.CONNECT);
        c2.send(Packets.connack(false, 0));
        CompletableFuture<Void> f = client.publish("t", utf8("after"), false, 1);
        MqttFrame pub = c2.expectType(MqttFrame.PUBLISH);
        c2.send(Packets.puback(pub.packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void forbiddenPacketType0IsAProtocolViolationCostingOneCleanReconnect() throws Exception {
        FakeBroker.Connection c = connect("type0", 60, 10);
        c.sendHex("00 00");
        Scripted.awaitClose(c, Duration.ofSeconds(3));
        broker.accept().expectType(MqttFrame.CONNECT);
    }
}
