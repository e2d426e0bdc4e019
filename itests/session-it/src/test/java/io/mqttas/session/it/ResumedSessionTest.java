/*
 * Issue 9 item 11 and MQTT 3.1.1 §4.4: when the broker reports session present on a reconnect with
 * clean=false, unacknowledged QoS 1 publications are re-sent with DUP=1 and their original packet
 * ids; a new packet (DUP=0) only when the session was lost. Packet ids are shared by every kind and
 * never exhausted: a full id space makes callers wait, never throws. Scripted broker, byte exact.
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumedSessionTest {
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

    private FakeBroker.Connection connect(boolean clean) throws Exception {
        client = MqttClient.create(Fast.config(broker.host(), broker.port(), "resume").clean(clean).cleanInit(false).keepalive(60)
                .responseTime(30).maxQueued(100_000).build());
        CompletableFuture<Boolean> f = client.connect(true);
        FakeBroker.Connection c = broker.accept();
        c.expectType(MqttFrame.CONNECT);
        c.send(Packets.connack(false, 0));
        f.get(5, TimeUnit.SECONDS);
        return c;
    }

    @Test
    void onAResumedSessionUnacknowledgedQos1IsResentWithDupAndItsOriginalPacketId() throws Exception {
        FakeBroker.Connection c = connect(false);
        CompletableFuture<Void> f1 = client.publish("r/1", utf8("one"), false, 1);
        CompletableFuture<Void> f2 = client.publish("r/2", utf8("two"), false, 1);
        MqttFrame p1 = c.expectType(MqttFrame.PUBLISH);
        MqttFrame p2 = c.expectType(MqttFrame.PUBLISH);
        c.reset(); // lost before either PUBACK
        FakeBroker.Connection c2 = broker.accept();
        assertEquals(0, c2.expectType(MqttFrame.CONNECT).bytes()[9] & 0x02, "reconnects with clean=0");
        c2.send(Packets.connack(true, 0)); // the broker kept the session
        c2.expectPacket(Packets.publish("r/1", utf8("one"), 1, false, true, p1.packetId()));
        // Two were unacknowledged when the link died: they go one at a time until one is acknowledged (max_attempts).
        c2.send(Packets.puback(p1.packetId()));
        c2.expectPacket(Packets.publish("r/2", utf8("two"), 1, false, true, p2.packetId()));
        c2.send(Packets.puback(p2.packetId()));
        f1.get(5, TimeUnit.SECONDS);
        f2.get(5, TimeUnit.SECONDS);
    }

    @Test
    void whenTheSessionWasLostTheRepublicationIsANewPacket() throws Exception {
        FakeBroker.Connection c = connect(false);
        CompletableFuture<Void> f = client.publish("r/lost", utf8("again"), false, 1);
        c.expectType(MqttFrame.PUBLISH);
        c.reset();
        FakeBroker.Connection c2 = broker.accept();
        c2.expectType(MqttFrame.CONNECT);
        c2.send(Packets.connack(false, 0)); // session gone
        MqttFrame again = c2.expectType(MqttFrame.PUBLISH);
        assertFalse(again.dup(), "a new publication: DUP=0");
        c2.send(Packets.puback(again.packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFullPacketIdSpaceMakesCallersWaitAndNeverThrows() throws Exception {
        FakeBroker.Connection c = connect(true);
        List<CompletableFuture<Integer>> subs = new ArrayList<>();
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 65_535; i++) {
            String filter = String.format("ids/%05d", i);
            subs.add(client.subscribe(filter, 0)); // every id in use, no SUBACK yet
            expected.writeBytes(Packets.subscribe(i + 1, filter, 0)); // ids 1..65535, in order
        }
        CompletableFuture<Void> waiting = client.publish("ids/wait", utf8("x"), false, 1); // must wait, not throw
        CompletableFuture<Integer> alsoWaiting = client.subscribe("ids/more", 0);
        c.expect(expected.toByteArray(), Duration.ofSeconds(20));
        c.expectSilence(Duration.ofMillis(300));
        assertFalse(waiting.isDone() || alsoWaiting.isDone(), "both wait for a free id");
        c.send(Packets.suback(1, 0)); // one id frees up
        assertEquals(0, subs.get(0).get(5, TimeUnit.SECONDS));
        MqttFrame next = c.nextPacket(Duration.ofSeconds(5));
        assertTrue(next.type() == MqttFrame.SUBSCRIBE || next.type() == MqttFrame.PUBLISH, "the next one goes out: " + next.typeName());
        assertEquals(1, next.packetId(), "on the freed id");
    }
}
