/*
 * spec/mqtt_as.md §16.3 (timing rows, decoding rows) and robustness.md §4.1 (Mosquitto's client
 * tests): the client against a scripted fake broker over real TCP, byte for byte, with real time.
 */
package io.mqttas.session.it;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttRejectedException;
import io.mqttas.testkit.FakeBroker;
import io.mqttas.testkit.MqttFrame;
import io.mqttas.testkit.Packets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.it.Fast.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteExactScenariosTest {
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

    private FakeBroker.Connection connect(io.mqttas.session.MqttConfig.Builder b) throws Exception {
        client = MqttClient.create(b.build());
        CompletableFuture<Boolean> f = client.connect(true);
        FakeBroker.Connection c = broker.accept();
        c.expectType(MqttFrame.CONNECT);
        c.send(Packets.connack(false, 0));
        f.get(5, TimeUnit.SECONDS);
        return c;
    }

    private io.mqttas.session.MqttConfig.Builder config(String id) {
        return Fast.config(broker.host(), broker.port(), id);
    }

    @Test
    void connectIsByteExact() throws Exception {
        client = MqttClient.create(config("bx").keepalive(2).build());
        client.connect(true);
        FakeBroker.Connection c = broker.accept();
        c.expect(Packets.connect("bx", true, 2));
        c.send(Packets.connack(false, 0));
    }

    @Test
    void connectWithCredentialsIsByteExact() throws Exception {
        client = MqttClient.create(config("bx").keepalive(2).user("u").password("p").build());
        client.connect(true);
        broker.accept().expect(Packets.connect("bx", true, 2, "u", "p"));
    }

    @Test
    void pubackNeverArrivesExactlyMaxRepubsDupResendsThenReconnectAndRepublishWithANewId() throws Exception {
        FakeBroker.Connection c = connect(config("dup").maxRepubs(2).responseTime(0.4).keepalive(60));
        CompletableFuture<Void> f = client.publish("d/t", utf8("payload"), false, 1);
        MqttFrame first = c.expectType(MqttFrame.PUBLISH);
        assertFalse(first.dup());
        int id = first.packetId();
        long t0 = System.nanoTime();
        for (int i = 0; i < 2; i++) {
            c.expect(Packets.publish("d/t", utf8("payload"), 1, false, true, id));
        }
        long spacing = (System.nanoTime() - t0) / 1_000_000 / 2;
        assertTrue(spacing >= 300 && spacing < 2000, "DUP spacing ~response_time (400 ms): " + spacing);
        c.expectClosed(Duration.ofSeconds(5));
        FakeBroker.Connection c2 = broker.accept();
        c2.expectType(MqttFrame.CONNECT);
        c2.send(Packets.connack(false, 0));
        MqttFrame again = c2.expectType(MqttFrame.PUBLISH);
        assertFalse(again.dup());
        assertNotEquals(id, again.packetId(), "re-published with a new packet id");
        c2.send(Packets.puback(again.packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void b6PubackAfterOneDupCausesNoSpuriousReconnect() throws Exception {
        FakeBroker.Connection c = connect(config("late").responseTime(0.3).keepalive(60));
        CompletableFuture<Void> f = client.publish("t", utf8("m"), false, 1);
        int id = c.expectType(MqttFrame.PUBLISH).packetId();
        assertTrue(c.expectType(MqttFrame.PUBLISH).dup());
        c.send(Packets.puback(id));
        c.send(Packets.puback(id));
        f.get(5, TimeUnit.SECONDS);
        c.expectSilence(Duration.ofMillis(500));
        broker.expectNoConnection(Duration.ofMillis(200));
        assertTrue(client.isConnected());
    }

    @Test
    void b4SubackFailureIsSurfacedNotLooped() throws Exception {
        FakeBroker.Connection c = connect(config("rej").keepalive(60));
        CompletableFuture<Integer> f = client.subscribe("no/entry", 1);
        MqttFrame sub = c.expectType(MqttFrame.SUBSCRIBE);
        c.send(Packets.suback(sub.packetId(), 0x80));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(MqttRejectedException.class, e.getCause());
        c.expectSilence(Duration.ofMillis(300));
        broker.expectNoConnection(Duration.ofMillis(100));
    }

    @Test
    void subackTimeoutReconnectsAndResubscribes() throws Exception {
        FakeBroker.Connection c = connect(config("subto").responseTime(0.4).keepalive(60));
        CompletableFuture<Integer> f = client.subscribe("s/t", 1);
        c.expectType(MqttFrame.SUBSCRIBE);
        c.expectClosed(Duration.ofSeconds(5));
        FakeBroker.Connection c2 = broker.accept();
        c2.expectType(MqttFrame.CONNECT);
        c2.send(Packets.connack(false, 0));
        MqttFrame again = c2.expectType(MqttFrame.SUBSCRIBE);
        c2.send(Packets.suback(again.packetId(), 1));
        assertEquals(1, f.get(5, TimeUnit.SECONDS));
    }

    @Test
    void noPingrespMeansReconnect() throws Exception {
        FakeBroker.Connection c = connect(config("noping").keepalive(2).responseTime(0.5));
        c.expect(Packets.pingreq(), Duration.ofSeconds(3));
        c.expectClosed(Duration.ofSeconds(3));
        FakeBroker.Connection c2 = broker.accept(Duration.ofSeconds(5));
        c2.expectType(MqttFrame.CONNECT);
    }

    @Test
    void partialPacketsSplitAcrossReadsAndUnknownTypesDoNotDesync() throws Exception {
        client = MqttClient.create(config("split").queueLen(8).keepalive(60).build());
        CompletableFuture<Boolean> f = client.connect(true);
        FakeBroker.Connection c = broker.accept();
        c.expectType(MqttFrame.CONNECT);
        for (byte b : Packets.connack(true, 0)) {
            c.send(new byte[] {b});
            Thread.sleep(5);
        }
        assertTrue(f.get(5, TimeUnit.SECONDS), "B1: session present accepted");
        c.sendHex("70 02 00 01"); // PUBCOMP, a type this client never expects: body skipped by its length (B7)
        byte[] pub = Packets.publish("s/p", utf8("split"), 1, true, false, 9);
        for (byte b : pub) {
            c.send(new byte[] {b});
        }
        Message m = client.queue().poll(Duration.ofSeconds(5));
        assertNotNull(m);
        assertEquals("s/p", m.topic());
        assertTrue(m.retained());
        assertArrayEquals(utf8("split"), m.payload());
        c.expect(Packets.puback(9));
        assertTrue(client.isConnected());
    }

    @Test
    void b5HostileLengthCostsOneReconnect() throws Exception {
        FakeBroker.Connection c = connect(config("hostile").keepalive(60));
        c.sendHex("30 ff ff ff ff 7f"); // remaining length with a 5th byte
        c.expectClosed(Duration.ofSeconds(5));
        FakeBroker.Connection c2 = broker.accept();
        c2.expectType(MqttFrame.CONNECT);
        c2.send(Packets.connack(false, 0));
        CompletableFuture<Void> f = client.publish("t", utf8("ok"), false, 1);
        c2.send(Packets.puback(c2.expectType(MqttFrame.PUBLISH).packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void b9OversizeInboundPacketIsRefusedBeforeAllocation() throws Exception {
        FakeBroker.Connection c = connect(config("big").maxPacketSize(1024).keepalive(60));
        c.sendHex("90 80 80 80 7f"); // a SUBACK announcing ~256 MiB: refused from its fixed header
        c.expectClosed(Duration.ofSeconds(5));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.publish("t", new byte[2048], false, 0).get(1, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, e.getCause(), "outbound oversize refused at once");
    }

    @Test
    void oversizeInboundPublishIsSkippedByLengthAndAcknowledgedNotRedeliveredForEver() throws Exception {
        FakeBroker.Connection c = connect(config("big-in").maxPacketSize(1024).keepalive(60).queueLen(4));
        c.send(Packets.publish("big/t", new byte[4000], 1, false, false, 77)); // over max_packet_size, never buffered
        c.expect(Packets.puback(77)); // acknowledged, so a persistent session does not send it on every reconnect
        c.send(Packets.publish("small/t", utf8("after"), 0, false, false, 0));
        Message m = client.queue().poll(Duration.ofSeconds(5));
        assertNotNull(m, "the stream is still in step after the skipped packet");
        assertEquals("small/t", m.topic());
        assertTrue(client.isConnected());
    }
}
