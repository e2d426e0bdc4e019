/*
 * Issue 9 items 4, 9, 10 at the unit level (fake transport, manual clock): deadlines from the wire,
 * control frames ahead of bulk data, bounded inbound queue and its backpressure, and an Error in the
 * write path costing one connection, never a thread.
 */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttPacket;
import io.mqttas.codec.PingReq;
import io.mqttas.codec.PingResp;
import io.mqttas.codec.PubAck;
import io.mqttas.codec.Publish;
import io.mqttas.session.MqttConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoreRulesTest extends SessionTestBase {

    @Test
    void thePubackDeadlineStartsWhenTheLastByteIsHandedToTheSocketNotWhenQueued() throws Exception {
        broker.socketCapacity = 2000;
        Session s = session(c -> c.responseTime(1).keepalive(600));
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Void> f = s.publish("big", new byte[6000], false, 1);
        for (int i = 0; i < 6; i++) { // 6 s to get the frame out on a slow socket: six times response_time
            advance(900);
            l.drainSocket(1000);
            sync();
        }
        Publish p = l.expect(Publish.class);
        assertFalse(p.dup());
        assertTrue(s.isConnected(), "a frame still going out is no dead link");
        l.expectNothing(50);
        l.send(new PubAck(p.packetId()));
        f.get(5, TimeUnit.SECONDS);
        assertEquals(0, s.metrics().dupResends(), "no DUP re-send while the frame was still being written");
    }

    @Test
    void pingreqAndPubackGoAheadOfQueuedOperationFrames() throws Exception {
        broker.socketCapacity = 100;
        CountDownLatch delivered = new CountDownLatch(1);
        Session s = session(c -> c.keepalive(4).responseTime(10).subsCb((t, p, r) -> delivered.countDown()));
        FakeBroker.Link l = connect(s, false);
        for (int i = 0; i < 4; i++) {
            s.publish("bulk", new byte[1000], false, 0); // the first is half written, three wait
        }
        l.send(new Publish("in", new byte[] {1}, 1, false, false, 42)); // its PUBACK is due once delivered
        assertTrue(delivered.await(5, TimeUnit.SECONDS));
        eventually("delivered and handed back", () -> s.metrics().inboundBacklog() == 0);
        Thread.sleep(100); // the PUBACK is queued right after the hand-over, on the executor
        advance(1000); // and a PINGREQ is due
        sync();
        l.drainSocket(100_000);
        List<MqttPacket> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(l.poll(5000));
        }
        assertTrue(order.get(0) instanceof Publish, "the frame in progress is finished first: " + order);
        List<Class<?>> next = List.of(order.get(1).getClass(), order.get(2).getClass());
        assertTrue(next.contains(PubAck.class) && next.contains(PingReq.class), "then PUBACK and PINGREQ, ahead of bulk: " + order);
        assertTrue(order.subList(3, 6).stream().allMatch(p -> p instanceof Publish), "then the queued publications: " + order);
    }

    @Test
    void anErrorInTheWritePathCostsOneConnectionNeverAThread() throws Exception {
        Session s = session(c -> c);
        FakeBroker.Link l = connect(s, false);
        l.writeError = new AssertionError("injected into the write path");
        CompletableFuture<Void> f = s.publish("t", new byte[] {1}, false, 1);
        l.awaitClientClose();
        FakeBroker.Link l2 = reconnect();
        l2.send(new PubAck(l2.expect(Publish.class).packetId()));
        f.get(5, TimeUnit.SECONDS);
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(loop.name())), "the loop lives");
        assertEquals(1, s.status().reconnects());
    }

    @Test
    void boundsAreFiniteByDefault() {
        MqttConfig c = MqttConfig.builder().server("b").build();
        assertTrue(c.maxQueued() > 0 && c.maxQueued() <= 1_000_000, "max_queued " + c.maxQueued());
        assertTrue(c.maxQueuedBytes() > 0, "max_queued_bytes");
        assertTrue(c.inboundQueueLen() > 0 && c.inboundQueueBytes() > 0, "the inbound queue");
        assertTrue(c.maxInflight() > 0 && c.maxPacketSize() > 0);
    }

    @Test
    void aFullInboundQueueOfQos0PausesReadingAndTheClientLosesNothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> got = new CopyOnWriteArrayList<>();
        Session s = session(c -> c.inboundQueueLen(10).subsCb((t, p, r) -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            got.add(new String(p));
        }));
        FakeBroker.Link l = connect(s, false);
        for (int i = 0; i < 50; i++) {
            l.send(new Publish("q0", ("m" + i).getBytes(), 0, false, false, 0));
        }
        eventually("reading paused", l::paused);
        assertTrue(s.metrics().inboundBacklog() <= 11, "bounded: " + s.metrics().inboundBacklog());
        release.countDown();
        eventually("all 50 delivered, in order", () -> got.size() == 50);
        for (int i = 0; i < 50; i++) {
            assertEquals("m" + i, got.get(i));
        }
        assertFalse(l.paused(), "reading resumed");
        assertTrue(s.isConnected());
    }

    @Test
    void aFullInboundQueueOfQos1PausesReadingWithoutMakingTheLinkLookDead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> got = new CopyOnWriteArrayList<>();
        Session s = session(c -> c.inboundQueueLen(5).keepalive(4).responseTime(2).subsCb((t, p, r) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            got.add(new String(p));
        }));
        FakeBroker.Link l = connect(s, false);
        for (int i = 1; i <= 40; i++) {
            l.send(new Publish("q1", ("m" + i).getBytes(), 1, false, false, i));
        }
        eventually("reading paused", l::paused);
        assertTrue(s.metrics().readsPaused());
        for (int i = 0; i < 20; i++) { // 20 s without a PINGRESP the client cannot read: still alive
            advance(1000);
        }
        assertTrue(s.isConnected(), "paused reading is not a dead link");
        release.countDown();
        eventually("all 40 delivered", () -> got.size() == 40);
        List<Integer> acked = new ArrayList<>();
        while (acked.size() < 40) {
            MqttPacket p = l.poll(5000);
            if (p instanceof PubAck a) {
                acked.add(a.packetId());
            } else if (p instanceof PingReq) {
                l.send(PingResp.INSTANCE);
            } else if (p == null) {
                break;
            }
        }
        assertEquals(40, acked.size(), "every message acknowledged after delivery");
        assertFalse(l.paused(), "reading resumed");
        assertEquals(0, s.status().reconnects());
    }
}
