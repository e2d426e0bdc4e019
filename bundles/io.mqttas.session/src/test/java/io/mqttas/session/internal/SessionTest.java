/* spec/mqtt_as.md §4, §8–§11, §15, §16.3: the session core driven with a fake transport and a fake clock. */
package io.mqttas.session.internal;

import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Connect;
import io.mqttas.codec.Disconnect;
import io.mqttas.codec.MqttPacket;
import io.mqttas.codec.PingReq;
import io.mqttas.codec.PingResp;
import io.mqttas.codec.PubAck;
import io.mqttas.codec.Publish;
import io.mqttas.codec.SubAck;
import io.mqttas.codec.Subscribe;
import io.mqttas.codec.UnsubAck;
import io.mqttas.codec.Unsubscribe;
import io.mqttas.session.Message;
import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttConnectException;
import io.mqttas.session.MqttRejectedException;
import io.mqttas.session.MqttTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTest extends SessionTestBase {

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void b1SessionPresentIsSuccessAndExposed() throws Exception {
        Session s = session(c -> c.clean(false).cleanInit(false));
        FakeBroker.Link l = connect(s, true);
        assertTrue(s.isConnected());
        assertTrue(s.status().sessionPresent());
        assertEquals("CONNECTED", s.status().state());
        l.expectNothing(50);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void firstConnectRefusalCarriesTheReturnCode(int code) throws Exception {
        Session s = session(c -> c);
        CompletableFuture<Boolean> f = s.connect(true);
        FakeBroker.Link l = broker.accept();
        l.expect(Connect.class);
        l.send(new ConnAck(false, code));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        MqttConnectException ce = assertInstanceOf(MqttConnectException.class, e.getCause());
        assertEquals(code, ce.returnCode());
        advance(60_000);
        broker.assertNoConnection(200);
        assertFalse(s.isConnected());
    }

    @Test
    void firstConnectIoFailureCarriesTheCause() throws Exception {
        Session s = session(c -> c);
        broker.failNext = new java.net.ConnectException("Connection refused");
        ExecutionException e = assertThrows(ExecutionException.class, () -> s.connect(true).get(5, TimeUnit.SECONDS));
        MqttConnectException ce = assertInstanceOf(MqttConnectException.class, e.getCause());
        assertEquals(-1, ce.returnCode());
        assertInstanceOf(java.net.ConnectException.class, ce.getCause());
    }

    @Test
    void noConnackWithinResponseTimeFailsTheFirstConnect() throws Exception {
        Session s = session(c -> c.responseTime(2));
        CompletableFuture<Boolean> f = s.connect(true);
        FakeBroker.Link l = broker.accept();
        l.expect(Connect.class);
        advance(2000);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(MqttConnectException.class, e.getCause());
    }

    @Test
    void connectCarriesWillUserPasswordKeepaliveAndCleanFlag() throws Exception {
        Session s = session(c -> c.user("alice").password("pw").keepalive(90).will("dead/x", "gone", true, 1));
        s.connect(true);
        Connect c = broker.accept().expect(Connect.class);
        assertEquals("test-client", c.clientId());
        assertEquals("alice", c.username());
        assertEquals("pw", new String(c.password()));
        assertEquals(90, c.keepAlive());
        assertTrue(c.cleanSession());
        assertEquals("dead/x", c.will().topic());
        assertEquals(1, c.will().qos());
        assertTrue(c.will().retain());
    }

    @Test
    void passwordWithoutUserIsNotSent() throws Exception {
        Session s = session(c -> c.password("pw"));
        s.connect(true);
        Connect c = broker.accept().expect(Connect.class);
        assertEquals(null, c.username());
        assertEquals(null, c.password());
    }

    @Test
    void qos1PublishCompletesOnPuback() throws Exception {
        Session s = session(c -> c);
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Void> f = s.publish("a/b", b("hello"), true, 1);
        Publish p = l.expect(Publish.class);
        assertEquals("a/b", p.topic());
        assertTrue(p.retain());
        assertFalse(p.dup());
        assertFalse(f.isDone());
        l.send(new PubAck(p.packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void qos0PublishCompletesOnceWritten() throws Exception {
        Session s = session(c -> c);
        FakeBroker.Link l = connect(s, false);
        s.publish("a", b("x"), false, 0).get(5, TimeUnit.SECONDS);
        assertEquals(0, l.expect(Publish.class).qos());
    }

    @Test
    void invalidArgumentsFailAtOnce() {
        Session s = session(c -> c);
        assertInstanceOf(IllegalArgumentException.class, cause(s.publish("a", b("x"), false, 3)));
        assertInstanceOf(IllegalArgumentException.class, cause(s.publish("a/+", b("x"), false, 0)));
        assertInstanceOf(IllegalArgumentException.class, cause(s.subscribe("a/#/b", 0)));
        assertInstanceOf(IllegalArgumentException.class, cause(s.subscribe("a", 3)));
    }

    private static Throwable cause(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void unackedPublishIsResentWithDupThenRepublishedWithANewIdAfterReconnect() throws Exception {
        Session s = session(c -> c.maxRepubs(2).responseTime(1));
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1);
        Publish first = l.expect(Publish.class);
        assertFalse(first.dup());
        for (int i = 0; i < 2; i++) {
            advance(1000);
            Publish dup = l.expect(Publish.class);
            assertTrue(dup.dup());
            assertEquals(first.packetId(), dup.packetId());
        }
        assertEquals(2, s.metrics().dupResends());
        advance(1000);
        l.awaitClientClose();
        FakeBroker.Link l2 = reconnect();
        Publish again = l2.expect(Publish.class);
        assertFalse(again.dup(), "re-published as a new message");
        assertNotEquals(0, again.packetId());
        l2.send(new PubAck(again.packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void b6LatePubackAfterADupIsIgnoredNoReconnect() throws Exception {
        Session s = session(c -> c.responseTime(1));
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1);
        Publish p = l.expect(Publish.class);
        advance(1000);
        assertTrue(l.expect(Publish.class).dup());
        l.send(new PubAck(p.packetId()));
        l.send(new PubAck(p.packetId()));
        l.send(new PubAck(4242));
        f.get(5, TimeUnit.SECONDS);
        s.publish("t", b("after"), false, 0).get(5, TimeUnit.SECONDS);
        assertEquals("t", l.expect(Publish.class).topic());
        assertTrue(s.isConnected());
        broker.assertNoConnection(100);
    }

    @Test
    void pingsEveryIntervalAndAHalfOpenLinkIsDetectedWithinResponseTime() throws Exception {
        Session s = session(c -> c.keepalive(4).responseTime(2));
        FakeBroker.Link l = connect(s, false);
        advance(1000);
        l.expect(PingReq.class);
        l.send(PingResp.INSTANCE);
        eventually("PINGRESP read", () -> s.isConnected());
        Thread.sleep(50);
        advance(1000);
        l.expect(PingReq.class);
        // no answer: half-open
        advance(2000);
        l.awaitClientClose();
        assertFalse(s.isConnected());
        reconnect();
        eventually("reconnected", s::isConnected);
        assertEquals(1, s.status().reconnects());
    }

    @Test
    void customPingIntervalIsUsed() throws Exception {
        Session s = session(c -> c.keepalive(60).pingInterval(0.5));
        FakeBroker.Link l = connect(s, false);
        advance(400);
        l.expectNothing(30);
        advance(100);
        l.expect(PingReq.class);
    }

    @Test
    void silentBrokerIsDeadAfterFourPingIntervals() throws Exception {
        Session s = session(c -> c.keepalive(4).responseTime(100));
        FakeBroker.Link l = connect(s, false);
        advance(3900);
        assertTrue(s.isConnected());
        advance(100);
        l.awaitClientClose();
        assertFalse(s.isConnected());
    }

    @Test
    void b2EofIsConnectionLostAtOnce() throws Exception {
        List<Boolean> link = new CopyOnWriteArrayList<>();
        Session s = session(c -> c.wifiCoro(link::add));
        FakeBroker.Link l = connect(s, false);
        l.close();
        eventually("outage noticed without any clock advance", () -> !s.isConnected());
        eventually("link listener told", () -> link.equals(List.of(true, false)));
        reconnect();
        eventually("up again", () -> link.equals(List.of(true, false, true)));
    }

    @Test
    void b4SubackFailureIsRejectedNotRetried() throws Exception {
        Session s = session(c -> c);
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Integer> f = s.subscribe("forbidden/#", 1);
        Subscribe sub = l.expect(Subscribe.class);
        l.send(new SubAck(sub.packetId(), List.of(SubAck.FAILURE)));
        MqttRejectedException e = assertInstanceOf(MqttRejectedException.class, cause(f));
        assertEquals(0x80, e.reasonCode());
        assertTrue(s.isConnected());
        l.expectNothing(100);
        broker.assertNoConnection(50);
    }

    @Test
    void subscribeCompletesWithGrantedQosAndUnsubscribeOnUnsuback() throws Exception {
        Session s = session(c -> c);
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Integer> f = s.subscribe("a/+", 1);
        Subscribe sub = l.expect(Subscribe.class);
        assertEquals("a/+", sub.subscriptions().get(0).filter());
        l.send(new SubAck(sub.packetId(), List.of(0)));
        assertEquals(0, f.get(5, TimeUnit.SECONDS));
        CompletableFuture<Void> u = s.unsubscribe("never/subscribed");
        Unsubscribe un = l.expect(Unsubscribe.class);
        l.send(new UnsubAck(un.packetId()));
        u.get(5, TimeUnit.SECONDS);
    }

    @Test
    void subackTimeoutReconnectsAndResubscribes() throws Exception {
        Session s = session(c -> c.responseTime(1));
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Integer> f = s.subscribe("x", 1);
        l.expect(Subscribe.class);
        advance(1000);
        l.awaitClientClose();
        FakeBroker.Link l2 = reconnect();
        Subscribe again = l2.expect(Subscribe.class);
        l2.send(new SubAck(again.packetId(), List.of(1)));
        assertEquals(1, f.get(5, TimeUnit.SECONDS));
    }

    @Test
    void b7UnhandledPacketTypeIsSkippedByLengthAndDoesNotDesyncTheStream() throws Exception {
        List<Message> got = new CopyOnWriteArrayList<>();
        Session s = session(c -> c.subsCb((t, p, r) -> got.add(new Message(t, p, r, 0))));
        FakeBroker.Link l = connect(s, false);
        // PUBCOMP (type 7) is valid MQTT that this client never expects; its body looks like the start of a PUBLISH.
        l.sendRaw((byte) 0x70, (byte) 2, (byte) 0x30, (byte) 0x00);
        l.send(new Publish("after", b("ok"), 0, false, false, 0));
        eventually("the PUBLISH after the unhandled packet is delivered", () -> got.size() == 1);
        assertEquals("after", got.get(0).topic());
        assertTrue(s.isConnected());
        broker.assertNoConnection(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 15})
    void forbiddenPacketTypes0And15AreAProtocolViolationCostingOneReconnect(int type) throws Exception {
        Session s = session(c -> c);
        FakeBroker.Link l = connect(s, false);
        l.sendRaw((byte) (type << 4), (byte) 1, (byte) 0);
        l.awaitClientClose();
        FakeBroker.Link l2 = reconnect();
        eventually("reconnected", s::isConnected);
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1);
        l2.send(new PubAck(l2.expect(Publish.class).packetId()));
        f.get(5, TimeUnit.SECONDS);
        broker.assertNoConnection(100);
    }

    @Test
    void b5MalformedPacketCostsOneReconnectNeverTheThread() throws Exception {
        Session s = session(c -> c);
        FakeBroker.Link l = connect(s, false);
        l.sendRaw((byte) 0x40, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F); // 5-byte remaining length
        l.awaitClientClose();
        FakeBroker.Link l2 = reconnect();
        eventually("reconnected", s::isConnected);
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1);
        l2.send(new PubAck(l2.expect(Publish.class).packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void b3ListenerExceptionIsLoggedAndReceptionContinues() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        Session s = session(c -> c.subsCb((t, p, r) -> {
            got.add(t);
            if (t.equals("boom")) {
                throw new IllegalStateException("listener bug");
            }
        }));
        FakeBroker.Link l = connect(s, false);
        l.send(new Publish("boom", b("1"), 1, false, false, 7));
        l.send(new Publish("fine", b("2"), 1, false, false, 8));
        assertEquals(7, l.expect(PubAck.class).packetId(), "a throwing listener still counts as handed over");
        assertEquals(8, l.expect(PubAck.class).packetId());
        assertEquals(List.of("boom", "fine"), got);
        assertTrue(s.isConnected());
    }

    @Test
    void b15IncomingQos1IsAckedOnlyAfterTheApplicationHasIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Session s = session(c -> c.subsCb((t, p, r) -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        FakeBroker.Link l = connect(s, false);
        l.send(new Publish("t", b("m"), 1, false, false, 11));
        l.expectNothing(200);
        // the slow listener does not block the I/O: pings still go out
        advance(15_000);
        l.expect(PingReq.class);
        release.countDown();
        assertEquals(11, l.expect(PubAck.class).packetId());
    }

    @Test
    void eventInterfaceQueueAndUpDownEvents() throws Exception {
        Session s = session(c -> c.queueLen(4));
        FakeBroker.Link l = connect(s, false);
        assertTrue(s.up().await(Duration.ofSeconds(5)));
        s.up().clear();
        l.send(new Publish("q", b("1"), 0, true, false, 0));
        Message m = s.queue().poll(Duration.ofSeconds(5));
        assertEquals("q", m.topic());
        assertTrue(m.retained());
        l.close();
        assertTrue(s.down().await(Duration.ofSeconds(5)));
        reconnect();
        assertTrue(s.up().await(Duration.ofSeconds(5)));
    }

    @Test
    void inFlightWindowMakesCallersWaitNeverFail() throws Exception {
        Session s = session(c -> c.maxInflight(2));
        FakeBroker.Link l = connect(s, false);
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fs.add(s.publish("t", b("m" + i), false, 1));
        }
        Publish p0 = l.expect(Publish.class);
        Publish p1 = l.expect(Publish.class);
        l.expectNothing(100);
        assertEquals(2, s.status().inFlight());
        assertEquals(3, s.metrics().queuedMessages() - s.metrics().inFlight(), "three wait for a window slot");
        l.send(new PubAck(p0.packetId()));
        Publish p2 = l.expect(Publish.class);
        assertEquals("m2", new String(p2.payload()));
        l.send(new PubAck(p1.packetId()));
        l.send(new PubAck(p2.packetId()));
        l.send(new PubAck(l.expect(Publish.class).packetId()));
        l.send(new PubAck(l.expect(Publish.class).packetId()));
        for (CompletableFuture<Void> f : fs) {
            f.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void concurrentPublishersAreSafe() throws Exception {
        Session s = session(c -> c.maxInflight(50));
        FakeBroker.Link l = connect(s, false);
        int threads = 8;
        int each = 250;
        Thread acker = new Thread(() -> {
            Set<Integer> inFlight = new HashSet<>();
            try {
                for (int n = 0; n < threads * each; n++) {
                    MqttPacket p = l.poll(5000);
                    if (!(p instanceof Publish pub)) {
                        throw new AssertionError("expected PUBLISH, got " + p);
                    }
                    if (!inFlight.add(pub.packetId())) {
                        throw new AssertionError("packet id reused while in flight: " + pub.packetId());
                    }
                    l.send(new PubAck(pub.packetId()));
                    inFlight.remove(pub.packetId());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        acker.start();
        List<CompletableFuture<Void>> all = new CopyOnWriteArrayList<>();
        List<Thread> pubs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tt = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    all.add(s.publish("t/" + tt, b(tt + ":" + i), false, 1));
                }
            });
            pubs.add(th);
            th.start();
        }
        for (Thread th : pubs) {
            th.join();
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(20, TimeUnit.SECONDS);
        acker.join(5000);
        assertEquals(threads * each, all.size());
        assertTrue(s.isConnected());
    }

    @Test
    void cleanInitDanceOnPowerUpThenPersistentSessions() throws Exception {
        Session s = session(c -> c.clean(false).cleanInit(true));
        CompletableFuture<Boolean> f = s.connect(true);
        FakeBroker.Link l1 = broker.accept();
        assertTrue(l1.expect(Connect.class).cleanSession(), "first CONNECT discards the old session");
        l1.send(new ConnAck(false, 0));
        l1.expect(Disconnect.class);
        l1.awaitClientClose();
        FakeBroker.Link l2 = awaitConnection();
        assertFalse(l2.expect(Connect.class).cleanSession());
        l2.send(new ConnAck(false, 0));
        assertFalse(f.get(5, TimeUnit.SECONDS));
        l2.close();
        FakeBroker.Link l3 = awaitConnection();
        assertFalse(l3.expect(Connect.class).cleanSession(), "reconnections use clean=false");
        l3.send(new ConnAck(true, 0));
        eventually("reconnected with session present", () -> s.status().sessionPresent());
    }

    @Test
    void refusalOnReconnectIsBackedOffNotAHotLoop() throws Exception {
        Session s = session(c -> c.reconnectDelayMin(1).reconnectDelayMax(4));
        FakeBroker.Link l = connect(s, false);
        l.close();
        for (int i = 0; i < 4; i++) {
            FakeBroker.Link r = awaitConnection();
            r.expect(Connect.class);
            r.send(new ConnAck(false, 5));
        }
        int before = broker.opens.get();
        Thread.sleep(300); // real time passes, fake time does not: no attempt without back-off time
        assertEquals(before, broker.opens.get());
        advance(3999);
        Thread.sleep(100);
        assertEquals(before, broker.opens.get(), "the 5th attempt waits the full 4 s ceiling");
        reconnect();
        eventually("connected", s::isConnected);
    }

    @Test
    void failOverToTheNextServer() throws Exception {
        Session s = session(c -> c.servers("backup:1999"));
        FakeBroker.Link l = connect(s, false);
        assertEquals("broker:1883", l.address);
        broker.failNext = new java.net.ConnectException("down");
        l.close();
        FakeBroker.Link l2 = awaitConnection();
        assertEquals("backup:1999", l2.address, "after a failed attempt the next server is tried");
    }

    @Test
    void publishWithADeadlineTimesOutAndTheStreamStaysIntact() throws Exception {
        Session s = session(c -> c);
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1, Duration.ofSeconds(3));
        advance(3000);
        assertInstanceOf(MqttTimeoutException.class, cause(f));
        FakeBroker.Link l = connect(s, false);
        l.expectNothing(100);
        CompletableFuture<Void> g = s.publish("t", b("n"), false, 1, Duration.ofSeconds(3));
        l.send(new PubAck(l.expect(Publish.class).packetId()));
        g.get(5, TimeUnit.SECONDS);
    }

    @Test
    void publishWaitsThroughAnOutage() throws Exception {
        Session s = session(c -> c);
        FakeBroker.Link l = connect(s, false);
        l.close();
        eventually("outage", () -> !s.isConnected());
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1);
        CompletableFuture<Void> q0 = s.publish("t0", b("m"), false, 0);
        FakeBroker.Link l2 = reconnect();
        MqttPacket a = l2.expect(Publish.class);
        MqttPacket c = l2.expect(Publish.class);
        Publish qos1 = ((Publish) a).qos() == 1 ? (Publish) a : (Publish) c;
        l2.send(new PubAck(qos1.packetId()));
        f.get(5, TimeUnit.SECONDS);
        q0.get(5, TimeUnit.SECONDS);
    }

    @Test
    void b16DisconnectSendsDisconnectFailsWaitersAndStopsReconnecting() throws Exception {
        List<Boolean> link = new CopyOnWriteArrayList<>();
        Session s = session(c -> c.wifiCoro(link::add));
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1);
        l.expect(Publish.class);
        s.disconnect().get(5, TimeUnit.SECONDS);
        l.expect(Disconnect.class);
        l.awaitClientClose();
        assertInstanceOf(MqttClosedException.class, cause(f));
        assertFalse(s.isConnected());
        eventually("down notified", () -> link.equals(List.of(true, false)));
        advance(120_000);
        broker.assertNoConnection(100);
        // reconnect after disconnect works and behaves as a first connection
        FakeBroker.Link l2 = connect(s, false);
        assertTrue(s.isConnected());
        l2.expectNothing(20);
    }

    @Test
    void closeIsIdempotentFailsWaitersAndLeavesNoThread() throws Exception {
        Session s = session(c -> c.clientId("close-test"));
        connect(s, false);
        CompletableFuture<Integer> f = s.subscribe("x", 0);
        s.close();
        s.close();
        assertInstanceOf(MqttClosedException.class, cause(f));
        assertInstanceOf(MqttClosedException.class, cause(s.publish("t", b("m"), false, 0)));
        eventually("threads gone", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("mqttas-close-test")));
    }

    @Test
    void generationsKeepOldTimersFromActingOnANewConnection() throws Exception {
        Session s = session(c -> c.responseTime(5).maxRepubs(1));
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1);
        l.expect(Publish.class);
        advance(4000);
        l.close(); // lost before its ack timer fires
        FakeBroker.Link l2 = reconnect();
        Publish again = l2.expect(Publish.class);
        advance(1500); // the old connection's timer would have fired here
        l2.expectNothing(100);
        assertTrue(s.isConnected());
        l2.send(new PubAck(again.packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void connectListenerMaySubscribeAndWait() throws Exception {
        List<Integer> granted = new CopyOnWriteArrayList<>();
        Session s = session(c -> c.connectCoro(client -> granted.add(client.subscribe("ctl", 1).join())));
        FakeBroker.Link l = connect(s, false);
        Subscribe sub = l.expect(Subscribe.class);
        l.send(new SubAck(sub.packetId(), List.of(1)));
        eventually("connect listener completed", () -> granted.equals(List.of(1)));
    }

    @Test
    void brokerUpAnswersFromRecentTrafficOrAPing() throws Exception {
        Session s = session(c -> c.responseTime(2));
        assertFalse(s.brokerUp().get(1, TimeUnit.SECONDS));
        FakeBroker.Link l = connect(s, false);
        assertTrue(s.brokerUp().get(1, TimeUnit.SECONDS), "CONNACK just arrived");
        advance(1500);
        CompletableFuture<Boolean> up = s.brokerUp();
        l.expect(PingReq.class);
        l.send(PingResp.INSTANCE);
        Thread.sleep(50);
        clock.advanceSlowly(300, 100);
        assertTrue(up.get(5, TimeUnit.SECONDS));
        advance(1500);
        CompletableFuture<Boolean> silent = s.brokerUp();
        l.expect(PingReq.class);
        clock.advanceSlowly(2200, 100);
        assertFalse(silent.get(5, TimeUnit.SECONDS));
    }

    @Test
    void hostileBytesFromTheBrokerNeverKillTheClient() throws Exception {
        java.util.Random random = new java.util.Random(20261122);
        List<Message> got = new CopyOnWriteArrayList<>();
        Session s = session(c -> c.subsCb((t, p, r) -> got.add(new Message(t, p, r, 0))).maxPacketSize(4096));
        FakeBroker.Link l = connect(s, false);
        for (int round = 0; round < 25; round++) {
            byte[] junk = new byte[1 + random.nextInt(48)];
            random.nextBytes(junk);
            l.sendRaw(junk);
            l.send(new Publish("probe", b("r" + round), 0, false, false, 0));
            // Either the stream survived (junk was a whole packet) or the client dropped the connection.
            long deadline = System.currentTimeMillis() + 200;
            int before = got.size();
            while (got.size() == before && !l.closedByClient && System.currentTimeMillis() < deadline) {
                Thread.sleep(2);
            }
            if (l.closedByClient) {
                l = reconnect();
            } else if (got.size() == before) {
                // junk announced a longer packet that swallowed the probe: a new connection must follow EOF
                l.close();
                l = reconnect();
            }
        }
        CompletableFuture<Void> f = s.publish("t", b("alive"), false, 1);
        FakeBroker.Link last = l;
        MqttPacket p;
        do {
            p = last.poll(5000);
        } while (p != null && !(p instanceof Publish));
        assertTrue(p instanceof Publish, "client still publishes after 25 rounds of hostile input");
        last.send(new PubAck(((Publish) p).packetId()));
        f.get(5, TimeUnit.SECONDS);
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(loop.name())), "the shared loop survived");
    }
}
