/*
 * Issue 13 item 4, MQTT 5.0 §3.1.2.11, §3.3.2.3, §3.4.2.1, §3.14, §4.4: the session in MQTT 5.0 against
 * the fake broker (byte-exact packets, a manual clock): one test per rule, named after it.
 */
package io.mqttas.session.internal;

import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Connect;
import io.mqttas.codec.Disconnect;
import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.MqttVersion;
import io.mqttas.codec.PubAck;
import io.mqttas.codec.Publish;
import io.mqttas.codec.SubAck;
import io.mqttas.codec.Subscribe;
import io.mqttas.codec.UnsubAck;
import io.mqttas.codec.Unsubscribe;
import io.mqttas.session.Ack;
import io.mqttas.session.Message;
import io.mqttas.session.MqttEventListener;
import io.mqttas.session.MqttRejectedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class V5SessionTest extends SessionTestBase {

    @BeforeEach
    void v5Broker() {
        broker.version = MqttVersion.MQTT_5;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Throwable cause(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        return e.getCause();
    }

    private Session v5(java.util.function.UnaryOperator<io.mqttas.session.MqttConfig.Builder> mods) {
        return session(c -> mods.apply(c.mqttv5(true)));
    }

    private FakeBroker.Link connect5(Session s, MqttProperties connAck) throws Exception {
        var f = s.connect(true);
        FakeBroker.Link l = broker.accept();
        l.expect(Connect.class);
        l.send(new ConnAck(false, 0, connAck));
        assertFalse(f.get(5, TimeUnit.SECONDS));
        return l;
    }

    @Test
    void connectCarriesMqttv5ConPropsAndOurMaximumPacketSize() throws Exception {
        Session s = v5(c -> c.set("mqttv5_con_props", java.util.Map.of("session_expiry_interval", 3600))
                .property("mqttv5_con_props", "user_property.site", "north").maxPacketSize(65_536));
        s.connect(true);
        Connect c = broker.accept().expect(Connect.class);
        assertEquals(3600, c.properties().sessionExpiryInterval().getAsLong());
        assertEquals(65_536, c.properties().maximumPacketSize().getAsLong());
        assertEquals("north", c.properties().userProperties().get(0).value());
    }

    @Test
    void willCarriesMqttv5WillProps() throws Exception {
        Session s = v5(c -> c.will("status", "gone", true, 1).property("mqttv5_will_props", "will_delay_interval", 30)
                .property("mqttv5_will_props", "content_type", "text/plain"));
        s.connect(true);
        Connect c = broker.accept().expect(Connect.class);
        assertEquals(30, c.will().properties().willDelayInterval().getAsLong());
        assertEquals("text/plain", c.will().properties().contentType().orElseThrow());
    }

    @Test
    void publishWithPropertiesCompletesWithThePubacksReasonCodeAndProperties() throws Exception {
        Session s = v5(c -> c);
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        MqttProperties props = MqttProperties.builder().userProperty("k", "v").contentType("text/plain").messageExpiryInterval(60)
                .responseTopic("reply/here").correlationData(b("c1")).build();
        CompletableFuture<Ack> f = s.publish("t", b("m"), false, 1, props, null);
        Publish p = l.expect(Publish.class);
        assertEquals(props, p.properties());
        l.send(new PubAck(p.packetId(), 0x10, MqttProperties.builder().reasonString("nobody listens").build()));
        Ack ack = f.get(5, TimeUnit.SECONDS);
        assertEquals(0x10, ack.reasonCode());
        assertEquals("nobody listens", ack.reasonString().orElseThrow());
    }

    @Test
    void pubackReasonCodeAbove0x80FailsThePublicationWithoutRetry() throws Exception {
        Session s = v5(c -> c);
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1);
        Publish p = l.expect(Publish.class);
        l.send(new PubAck(p.packetId(), 0x87, MqttProperties.builder().reasonString("acl").build()));
        MqttRejectedException e = assertInstanceOf(MqttRejectedException.class, cause(f));
        assertEquals(0x87, e.reasonCode());
        assertEquals("acl", e.reasonString().orElseThrow());
        assertTrue(e.getMessage().contains("Not authorized"), e.getMessage());
        l.expectNothing(200);
        assertTrue(s.isConnected(), "a refusal is not a reason to reconnect");
    }

    @Test
    void subackAndUnsubackReasonCodesAreSurfaced() throws Exception {
        Session s = v5(c -> c);
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        CompletableFuture<Ack> ok = s.subscribe(new Subscribe.Subscription("a/#", 1, true, true, Subscribe.DO_NOT_SEND_RETAINED),
                MqttProperties.builder().subscriptionIdentifier(7).build(), null);
        Subscribe sub = l.expect(Subscribe.class);
        assertTrue(sub.subscriptions().get(0).noLocal());
        assertEquals(Subscribe.DO_NOT_SEND_RETAINED, sub.subscriptions().get(0).retainHandling());
        assertEquals(7, sub.properties().subscriptionIdentifier().getAsInt());
        l.send(new SubAck(sub.packetId(), List.of(1), MqttProperties.EMPTY));
        assertEquals(1, ok.get(5, TimeUnit.SECONDS).grantedQos());
        CompletableFuture<Integer> denied = s.subscribe("secret", 1);
        Subscribe sub2 = l.expect(Subscribe.class);
        l.send(new SubAck(sub2.packetId(), List.of(0x87), MqttProperties.EMPTY));
        assertEquals(0x87, assertInstanceOf(MqttRejectedException.class, cause(denied)).reasonCode());
        CompletableFuture<Ack> un = s.unsubscribe("none", MqttProperties.builder().userProperty("why", "test").build(), null);
        Unsubscribe u = l.expect(Unsubscribe.class);
        assertEquals("test", u.properties().userProperties().get(0).value());
        l.send(new UnsubAck(u.packetId(), List.of(0x11), MqttProperties.EMPTY));
        assertEquals(0x11, un.get(5, TimeUnit.SECONDS).reasonCode());
    }

    @Test
    void mqtt_4_4_0_1_noPublishIsResentOnTheSameConnectionButWithDupOnTheNext() throws Exception {
        Session s = v5(c -> c.maxRepubs(2).responseTime(1).clean(false).cleanInit(false));
        var f0 = s.connect(true);
        FakeBroker.Link l = broker.accept();
        l.expect(Connect.class);
        l.send(new ConnAck(false, 0, MqttProperties.EMPTY));
        f0.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> f = s.publish("t", b("m"), false, 1);
        Publish first = l.expect(Publish.class);
        assertFalse(first.dup());
        advance(1000);
        advance(1000);
        l.expectNothing(100); // 3.1.1 would have re-sent it twice by now
        assertEquals(0, s.metrics().dupResends());
        assertTrue(s.isConnected());
        advance(1000); // response_time × (max_repubs + 1) without PUBACK: the connection is dead
        l.awaitClientClose();
        FakeBroker.Link l2 = awaitConnection();
        l2.expect(Connect.class);
        l2.send(new ConnAck(true, 0, MqttProperties.EMPTY));
        Publish again = l2.expect(Publish.class);
        assertTrue(again.dup(), "re-sent with DUP on the next connection of the session");
        assertEquals(first.packetId(), again.packetId());
        l2.send(new PubAck(again.packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void incomingPropertiesReachTheHandlerAndTheQueue() throws Exception {
        LinkedBlockingQueue<Message> got = new LinkedBlockingQueue<>();
        Session s = v5(c -> c.messageHandler(got::add));
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        MqttProperties props = MqttProperties.builder().userProperty("k", "v").responseTopic("r").correlationData(b("x")).build();
        l.send(new Publish("in", b("hello"), 1, false, false, 5, props));
        Message m = got.poll(5, TimeUnit.SECONDS);
        assertNotNull(m);
        assertEquals("in", m.topic());
        assertEquals("v", m.userProperties().get(0).value());
        assertEquals("r", m.responseTopic().orElseThrow());
        assertEquals(5, l.expect(PubAck.class).packetId());
    }

    @Test
    void mqtt_3_3_2_3_4_inboundTopicAliasesAreResolved() throws Exception {
        LinkedBlockingQueue<Message> got = new LinkedBlockingQueue<>();
        Session s = v5(c -> c.messageHandler(got::add).property("mqttv5_con_props", "topic_alias_maximum", 4));
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        l.send(new Publish("long/topic", b("1"), 0, false, false, 0, MqttProperties.builder().topicAlias(3).build()));
        l.send(new Publish("", b("2"), 0, false, false, 0, MqttProperties.builder().topicAlias(3).build()));
        Message a = got.poll(5, TimeUnit.SECONDS);
        Message m = got.poll(5, TimeUnit.SECONDS);
        assertEquals("long/topic", a.topic());
        assertEquals("long/topic", m.topic());
        assertTrue(m.properties().topicAlias().isEmpty(), "the alias is resolved, not handed on");
    }

    @Test
    void mqtt_3_3_2_9_aTopicAliasAboveOurMaximumIsAProtocolError() throws Exception {
        Session s = v5(c -> c.property("mqttv5_con_props", "topic_alias_maximum", 2));
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        l.send(new Publish("x", b("1"), 0, false, false, 0, MqttProperties.builder().topicAlias(3).build()));
        l.awaitClientClose();
    }

    @Test
    void serverDisconnectWithReasonIsLoggedToldAndReconnected() throws Exception {
        LinkedBlockingQueue<Integer> reasons = new LinkedBlockingQueue<>();
        Session s = v5(c -> c.eventListener(new MqttEventListener() {
            @Override
            public void disconnectReceived(String server, int reasonCode, MqttProperties properties) {
                reasons.add(reasonCode);
            }
        }));
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        l.send(new Disconnect(0x8B, MqttProperties.builder().reasonString("maintenance").build()));
        assertEquals(0x8B, reasons.poll(5, TimeUnit.SECONDS));
        l.awaitClientClose();
        FakeBroker.Link l2 = reconnect();
        assertNotNull(l2);
    }

    @Test
    void connackReasonCodeAbove0x80FailsTheFirstConnectNamingIt() throws Exception {
        Session s = v5(c -> c);
        var f = s.connect(true);
        FakeBroker.Link l = broker.accept();
        l.expect(Connect.class);
        l.send(new ConnAck(false, 0x86, MqttProperties.builder().reasonString("who are you").build()));
        Throwable e = cause(f);
        assertTrue(e.getMessage().contains("0x86") || String.valueOf(e.getCause()).contains("0x86"), String.valueOf(e));
    }

    @Test
    void requestResponseMatchesCorrelationData() throws Exception {
        Session s = v5(c -> c);
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        CompletableFuture<Message> answer = s.request("svc/cmd", b("ping"), 1, "svc/reply/me", Duration.ofSeconds(30));
        Subscribe sub = l.expect(Subscribe.class);
        assertEquals("svc/reply/me", sub.subscriptions().get(0).filter());
        l.send(new SubAck(sub.packetId(), List.of(1), MqttProperties.EMPTY));
        Publish req = l.expect(Publish.class);
        assertEquals("svc/reply/me", req.properties().responseTopic().orElseThrow());
        byte[] corr = req.properties().correlationData().orElseThrow();
        l.send(new PubAck(req.packetId()));
        l.send(new Publish("svc/reply/me", b("other"), 0, false, false, 0, MqttProperties.builder().correlationData(b("zz")).build()));
        l.send(new Publish("svc/reply/me", b("pong"), 0, false, false, 0, MqttProperties.builder().correlationData(corr).build()));
        assertEquals("pong", new String(answer.get(5, TimeUnit.SECONDS).payload(), StandardCharsets.UTF_8));
    }

    @Test
    void propertiesAreRefusedInMqtt311() throws Exception {
        Session s = session(c -> c);
        CompletableFuture<Ack> f = s.publish("t", b("m"), false, 1, MqttProperties.builder().contentType("x").build(), null);
        assertInstanceOf(IllegalArgumentException.class, cause(f));
        assertThrows(io.mqttas.session.InvalidConfigException.class, () -> io.mqttas.session.MqttConfig.builder().server("b")
                .property("mqttv5_con_props", "session_expiry_interval", 10).build());
    }

    @Test
    void mqtt_3_2_2_3_3_receiveMaximumOf1IsTheInFlightWindow() throws Exception {
        Session s = v5(c -> c.maxInflight(20));
        FakeBroker.Link l = connect5(s, MqttProperties.builder().receiveMaximum(1).build());
        CompletableFuture<Void> a = s.publish("t", b("1"), false, 1);
        CompletableFuture<Void> b2 = s.publish("t", b("2"), false, 1);
        Publish first = l.expect(Publish.class);
        l.expectNothing(200); // the second waits for the first's PUBACK
        l.send(new PubAck(first.packetId()));
        Publish second = l.expect(Publish.class);
        l.send(new PubAck(second.packetId()));
        a.get(5, TimeUnit.SECONDS);
        b2.get(5, TimeUnit.SECONDS);
    }

    @Test
    void mqtt_3_2_2_3_6_aPublicationOverTheBrokersMaximumPacketSizeIsRefusedNotSent() throws Exception {
        Session s = v5(c -> c);
        FakeBroker.Link l = connect5(s, MqttProperties.builder().maximumPacketSize(100).build());
        CompletableFuture<Void> big = s.publish("t", new byte[200], false, 1);
        assertEquals(0x95, assertInstanceOf(MqttRejectedException.class, cause(big)).reasonCode());
        s.publish("t", b("small"), false, 0).get(5, TimeUnit.SECONDS);
        assertEquals("t", l.expect(Publish.class).topic());
        assertTrue(s.isConnected());
    }

    @Test
    void mqtt_3_2_2_3_4_qosAboveTheBrokersMaximumQosAndRetainWithoutRetainAvailableAreRefused() throws Exception {
        Session s = v5(c -> c);
        FakeBroker.Link l = connect5(s, MqttProperties.builder().maximumQos(0).retainAvailable(0).build());
        assertEquals(0x9B, assertInstanceOf(MqttRejectedException.class, cause(s.publish("t", b("x"), false, 1))).reasonCode());
        assertEquals(0x9A, assertInstanceOf(MqttRejectedException.class, cause(s.publish("t", b("x"), true, 0))).reasonCode());
        l.expectNothing(100);
    }

    @Test
    void mqtt_3_2_2_3_14_serverKeepAliveSetsThePingInterval() throws Exception {
        Session s = v5(c -> c.keepalive(600));
        FakeBroker.Link l = connect5(s, MqttProperties.builder().serverKeepAlive(8).build());
        advance(2100);
        l.expect(io.mqttas.codec.PingReq.class); // 8 s / 4, not 600 s / 4
    }

    @Test
    void mqtt_3_2_2_3_7_anAssignedClientIdentifierIsUsedOnReconnection() throws Exception {
        Session s = v5(c -> c.clientId(""));
        var f = s.connect(true);
        FakeBroker.Link l = broker.accept();
        assertEquals("", l.expect(Connect.class).clientId());
        l.send(new ConnAck(false, 0, MqttProperties.builder().assignedClientIdentifier("given-7").build()));
        f.get(5, TimeUnit.SECONDS);
        l.close();
        FakeBroker.Link l2 = awaitConnection();
        assertEquals("given-7", l2.expect(Connect.class).clientId());
    }

    @Test
    void disconnect0x8eSessionTakenOverBacksOffAtLeast30Seconds() throws Exception {
        Session s = v5(c -> c);
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        l.send(new Disconnect(0x8E, MqttProperties.EMPTY));
        l.awaitClientClose();
        advance(29_000);
        broker.assertNoConnection(50);
        advance(1_500);
        assertNotNull(broker.accept());
    }

    @Test
    void disconnect0x9cUseAnotherServerMovesToTheNextServer() throws Exception {
        Session s = v5(c -> c.servers("backup:1884"));
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        assertEquals("broker", broker.hosts.poll());
        l.send(new Disconnect(0x9C, MqttProperties.EMPTY));
        l.awaitClientClose();
        awaitConnection();
        assertEquals("backup", broker.hosts.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void mqtt_3_3_2_3_3_aPublicationWhoseMessageExpiryPassedWhileWaitingIsNotSent() throws Exception {
        Session s = v5(c -> c);
        CompletableFuture<Ack> f = s.publish("t", b("stale"), false, 1, MqttProperties.builder().messageExpiryInterval(1).build(), null);
        advance(1500);
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        assertInstanceOf(io.mqttas.session.MqttTimeoutException.class, cause(f));
        l.expectNothing(100);
    }

    @Test
    void mqtt_2_2_2_2_aPropertyThePacketMayNotCarryIsAProtocolErrorOneReconnect() throws Exception {
        Session s = v5(c -> c);
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        // PUBLISH "t" with a Session Expiry Interval (a CONNECT/CONNACK/DISCONNECT property): malformed
        l.sendRaw((byte) 0x30, (byte) 0x0a, (byte) 0x00, (byte) 0x01, (byte) 't', (byte) 0x05, (byte) 0x11, (byte) 0, (byte) 0, (byte) 0,
                (byte) 10, (byte) 'x');
        l.awaitClientClose();
        assertNotNull(reconnect());
    }

    @Test
    void mqtt_4_12_0_6_anAuthWithoutAnAuthenticationMethodIsAProtocolError() throws Exception {
        Session s = v5(c -> c);
        FakeBroker.Link l = connect5(s, MqttProperties.EMPTY);
        l.sendRaw((byte) 0xF0, (byte) 0x00);
        l.awaitClientClose();
    }
}
