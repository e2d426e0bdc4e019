/* spec/mqtt_as.md B10, B13, B20 and §16.3 (link-down from the network abstraction, outbox). */
package io.mqttas.session.internal;

import io.mqttas.codec.Connect;
import io.mqttas.codec.PubAck;
import io.mqttas.codec.Publish;
import io.mqttas.session.LinkListener;
import io.mqttas.session.LinkMonitor;
import io.mqttas.session.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionLifecycleTest extends SessionTestBase {

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void b10HostNameIsResolvedOnEveryAttemptNotCachedFromTheFirst() throws Exception {
        Session s = session(c -> c.server("broker.example"));
        FakeBroker.Link l = connect(s, false);
        assertEquals("broker.example:1883", l.address, "the transport gets the name, not an address resolved once");
        l.close();
        FakeBroker.Link l2 = awaitConnection();
        assertEquals("broker.example:1883", l2.address);
    }

    @Test
    void b13PendingPublishIsResentNeverReportedDoneAcrossAReconnect() throws Exception {
        Session s = session(c -> c);
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1);
        Publish p = l.expect(Publish.class);
        l.close();
        FakeBroker.Link l2 = reconnect();
        Publish again = l2.expect(Publish.class);
        assertFalse(f.isDone(), "the original reported success when the pending set was cleared on connect");
        l2.send(new PubAck(p.packetId() == again.packetId() ? again.packetId() + 1 : p.packetId()));
        Thread.sleep(100);
        assertFalse(f.isDone(), "an ack for the old connection's id completes nothing");
        l2.send(new PubAck(again.packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void b20ConnectRunsEvenIfTheCallerNeverWaitsOnTheFuture() throws Exception {
        Session s = session(c -> c);
        s.connect(true); // the demo's bug was a connect that never ran because it was not awaited
        FakeBroker.Link l = broker.accept();
        l.expect(Connect.class);
        l.send(new io.mqttas.codec.ConnAck(false, 0));
        eventually("connected", s::isConnected);
    }

    /** A link the test switches; stability is immediate. */
    static class SwitchedLink implements LinkMonitor {
        final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
        volatile boolean up = true;

        @Override
        public boolean isUp() {
            return up;
        }

        @Override
        public boolean awaitStable(Duration stable, Duration timeout) {
            return up;
        }

        @Override
        public Registration onChange(LinkListener l) {
            listeners.add(l);
            return () -> listeners.remove(l);
        }

        void set(boolean v) {
            up = v;
            listeners.forEach(l -> l.onLink(v));
        }
    }

    @Test
    void linkDownFromTheNetworkAbstractionIsAnImmediateOutageAndLinkUpReconnectsWithoutBackoff() throws Exception {
        SwitchedLink link = new SwitchedLink();
        Session s = session(c -> c.linkMonitor(link).reconnectDelayMin(300).reconnectDelayMax(600).queueLen(2));
        FakeBroker.Link l = connect(s, false);
        link.set(false);
        assertFalse(s.isConnected());
        l.awaitClientClose();
        assertTrue(s.down().await(Duration.ofSeconds(2)));
        Thread.sleep(100);
        link.set(true);
        FakeBroker.Link l2 = broker.accept(); // no clock advance: the 300 s back-off was cut short
        l2.expect(Connect.class);
    }

    @Test
    void outboxSurvivesCloseAndReopenWithMessagesUnacknowledged(@TempDir Path dir) throws Exception {
        Session first = session(c -> c.clientId("durable").outbox(dir.toString()));
        FakeBroker.Link l = connect(first, false);
        for (int i = 0; i < 3; i++) {
            first.publish("o/t", b("m" + i), false, 1);
        }
        Publish p0 = l.expect(Publish.class);
        l.expect(Publish.class);
        l.expect(Publish.class);
        l.send(new PubAck(p0.packetId()));
        eventually("first acked", () -> first.status().inFlight() == 2);
        first.close();
        Session second = session(c -> c.clientId("durable").outbox(dir.toString()));
        FakeBroker.Link l2 = connect(second, false);
        Publish r1 = l2.expect(Publish.class);
        Publish r2 = l2.expect(Publish.class);
        assertEquals("m1", new String(r1.payload()));
        assertEquals("m2", new String(r2.payload()));
        assertNotEquals(0, r1.packetId());
        l2.send(new PubAck(r1.packetId()));
        l2.send(new PubAck(r2.packetId()));
        eventually("acked", () -> second.status().inFlight() == 0);
        second.close();
        Session third = session(c -> c.clientId("durable").outbox(dir.toString()));
        FakeBroker.Link l3 = connect(third, false);
        l3.expectNothing(200);
    }

    @Test
    void maxQueuedBoundsWaitingOperationsWhenSet() throws Exception {
        Session s = session(c -> c.maxQueued(2));
        CompletableFuture<Void> a = s.publish("t", b("1"), false, 1);
        CompletableFuture<Void> b2 = s.publish("t", b("2"), false, 1);
        CompletableFuture<Void> c3 = s.publish("t", b("3"), false, 1);
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> c3.get(1, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("max_queued"));
        FakeBroker.Link l = connect(s, false);
        l.send(new PubAck(l.expect(Publish.class).packetId()));
        l.send(new PubAck(l.expect(Publish.class).packetId()));
        a.get(5, TimeUnit.SECONDS);
        b2.get(5, TimeUnit.SECONDS);
    }

    @Test
    void linkIsCycledOnEveryOutageWhenTheLinkSupportsIt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger cycles = new java.util.concurrent.atomic.AtomicInteger();
        SwitchedLink link = new SwitchedLink() {
            @Override
            public void cycle() {
                cycles.incrementAndGet();
            }
        };
        Session s = session(c -> c.linkMonitor(link));
        FakeBroker.Link l = connect(s, false);
        assertEquals(0, cycles.get());
        l.close();
        reconnect();
        eventually("the link was cycled once", () -> cycles.get() == 1);
    }

    @Test
    void wanOkIsTrueOnlyWhenTheDnsServerAnswers() throws Exception {
        try (java.net.DatagramSocket dns = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try {
                    byte[] buf = new byte[512];
                    java.net.DatagramPacket q = new java.net.DatagramPacket(buf, buf.length);
                    dns.receive(q);
                    byte[] reply = java.util.Arrays.copyOf(q.getData(), 48); // the query echoed and padded: 48 bytes
                    dns.send(new java.net.DatagramPacket(reply, reply.length, q.getSocketAddress()));
                } catch (java.io.IOException ignored) {
                    // socket closed
                }
            });
            answer.start();
            Session s = session(c -> c.responseTime(1).wanOkServer("127.0.0.1:" + dns.getLocalPort()));
            assertFalse(s.wanOk().get(5, TimeUnit.SECONDS), "false when not connected");
            connect(s, false);
            assertTrue(s.wanOk().get(5, TimeUnit.SECONDS));
            answer.join(2000);
            assertFalse(s.wanOk().get(5, TimeUnit.SECONDS), "nobody answers now");
        }
    }

    @Test
    void b16ReconnectRightAfterDisconnectNeverLeavesTwoSupervisors() throws Exception {
        Session s = session(c -> c);
        FakeBroker.Link l = connect(s, false);
        s.disconnect(); // not awaited: the old supervisor is still unwinding
        CompletableFuture<Boolean> again = s.connect(true);
        l.awaitClientClose();
        FakeBroker.Link l2 = broker.accept();
        l2.expect(Connect.class);
        l2.send(new io.mqttas.codec.ConnAck(false, 0));
        again.get(10, TimeUnit.SECONDS);
        broker.assertNoConnection(300);
        l2.close(); // one outage must give exactly one reconnection
        awaitConnection().expect(Connect.class);
        for (int i = 0; i < 20; i++) {
            advance(500);
        }
        broker.assertNoConnection(300);
    }
}
