/*
 * Issue 13 item 5, MQTT 3.1.1 and 5.0 §4.3.3: QoS 2 both ways, in both protocol versions, against the
 * fake broker (byte-exact packets, a manual clock). One test per rule, named after it.
 */
package io.mqttas.session.internal;

import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Connect;
import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.MqttVersion;
import io.mqttas.codec.PubComp;
import io.mqttas.codec.PubRec;
import io.mqttas.codec.PubRel;
import io.mqttas.codec.Publish;
import io.mqttas.session.Ack;
import io.mqttas.session.Message;
import io.mqttas.session.MqttRejectedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Qos2SessionTest extends SessionTestBase {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Session client(MqttVersion v, java.util.function.UnaryOperator<io.mqttas.session.MqttConfig.Builder> mods) {
        broker.version = v;
        return session(c -> mods.apply(c.mqttv5(v == MqttVersion.MQTT_5)));
    }

    private FakeBroker.Link open(Session s, boolean sessionPresent) throws Exception {
        var f = s.connect(true);
        FakeBroker.Link l = broker.accept();
        l.expect(Connect.class);
        l.send(new ConnAck(sessionPresent, 0));
        f.get(5, TimeUnit.SECONDS);
        return l;
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void outboundQos2GoesPublishPubrecPubrelPubcomp(MqttVersion v) throws Exception {
        Session s = client(v, c -> c);
        FakeBroker.Link l = open(s, false);
        CompletableFuture<Void> f = s.publish("t", b("once"), false, 2);
        Publish p = l.expect(Publish.class);
        assertEquals(2, p.qos());
        l.send(new PubRec(p.packetId()));
        assertEquals(p.packetId(), l.expect(PubRel.class).packetId());
        assertFalse(f.isDone(), "complete only on PUBCOMP");
        l.send(new PubComp(p.packetId()));
        f.get(5, TimeUnit.SECONDS);
        assertEquals(0, s.metrics().inFlight());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void afterPubrecOnlyPubrelIsResentOnTheResumedSessionNeverThePublish(MqttVersion v) throws Exception {
        Session s = client(v, c -> c.clean(false).cleanInit(false).responseTime(1).maxRepubs(1));
        FakeBroker.Link l = open(s, false);
        CompletableFuture<Void> f = s.publish("t", b("once"), false, 2);
        Publish p = l.expect(Publish.class);
        l.send(new PubRec(p.packetId()));
        l.expect(PubRel.class);
        l.close(); // lost before PUBCOMP
        FakeBroker.Link l2 = awaitConnection();
        l2.expect(Connect.class);
        l2.send(new ConnAck(true, 0));
        PubRel again = l2.expect(PubRel.class);
        assertEquals(p.packetId(), again.packetId());
        l2.send(new PubComp(p.packetId()));
        f.get(5, TimeUnit.SECONDS);
        l2.expectNothing(100);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void beforePubrecThePublishIsResentWithDupOnTheResumedSession(MqttVersion v) throws Exception {
        Session s = client(v, c -> c.clean(false).cleanInit(false));
        FakeBroker.Link l = open(s, false);
        CompletableFuture<Void> f = s.publish("t", b("once"), false, 2);
        Publish p = l.expect(Publish.class);
        l.close();
        FakeBroker.Link l2 = awaitConnection();
        l2.expect(Connect.class);
        l2.send(new ConnAck(true, 0));
        Publish again = l2.expect(Publish.class);
        assertTrue(again.dup());
        assertEquals(p.packetId(), again.packetId());
        l2.send(new PubRec(again.packetId()));
        l2.expect(PubRel.class);
        l2.send(new PubComp(again.packetId()));
        f.get(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void pastPubrecALostSessionEndsTheExchangeAsDelivered(MqttVersion v) throws Exception {
        Session s = client(v, c -> c);
        FakeBroker.Link l = open(s, false);
        CompletableFuture<Void> f = s.publish("t", b("once"), false, 2);
        Publish p = l.expect(Publish.class);
        l.send(new PubRec(p.packetId()));
        l.expect(PubRel.class);
        l.close();
        FakeBroker.Link l2 = reconnect(false);
        f.get(5, TimeUnit.SECONDS); // the broker had it: not published a second time
        l2.expectNothing(100);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void inboundQos2IsDeliveredOnceDespiteDupResends(MqttVersion v) throws Exception {
        LinkedBlockingQueue<Message> got = new LinkedBlockingQueue<>();
        Session s = client(v, c -> c.queueLen(10));
        FakeBroker.Link l = open(s, false);
        l.send(new Publish("in", b("x"), 2, false, false, 9));
        Message m = s.queue().poll(java.time.Duration.ofSeconds(5));
        assertNotNull(m);
        assertEquals(2, m.qos());
        assertEquals(9, l.expect(PubRec.class).packetId(), "PUBREC once the application has it");
        l.send(new Publish("in", b("x"), 2, false, true, 9)); // our PUBREC was "lost": the broker re-sends
        assertEquals(9, l.expect(PubRec.class).packetId(), "PUBREC again");
        assertNull(s.queue().poll(java.time.Duration.ofMillis(200)), "not delivered twice");
        l.send(new PubRel(9));
        assertEquals(9, l.expect(PubComp.class).packetId());
        l.send(new Publish("in", b("y"), 2, false, false, 9)); // the id is free again: a new message
        assertNotNull(s.queue().poll(java.time.Duration.ofSeconds(5)));
        assertEquals(9, l.expect(PubRec.class).packetId());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void inboundQos2IdsSurviveAReconnectWithSessionPresent(MqttVersion v) throws Exception {
        Session s = client(v, c -> c.queueLen(10).clean(false).cleanInit(false));
        FakeBroker.Link l = open(s, false);
        l.send(new Publish("in", b("x"), 2, false, false, 3));
        assertNotNull(s.queue().poll(java.time.Duration.ofSeconds(5)));
        l.expect(PubRec.class);
        l.close();
        FakeBroker.Link l2 = reconnect(true);
        l2.send(new Publish("in", b("x"), 2, false, true, 3)); // the broker did not see our PUBREC
        assertEquals(3, l2.expect(PubRec.class).packetId());
        assertNull(s.queue().poll(java.time.Duration.ofMillis(200)), "exactly once across the outage");
        l2.send(new PubRel(3));
        assertEquals(3, l2.expect(PubComp.class).packetId());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void unknownPubrecIsAnsweredWithPubrel(MqttVersion v) throws Exception {
        Session s = client(v, c -> c);
        FakeBroker.Link l = open(s, false);
        l.send(new PubRec(77));
        PubRel r = l.expect(PubRel.class);
        assertEquals(77, r.packetId());
        assertEquals(v == MqttVersion.MQTT_5 ? 0x92 : 0, r.reasonCode());
        assertTrue(s.isConnected());
    }

    @org.junit.jupiter.api.Test
    void mqtt5PubrecReasonCodeAbove0x80EndsTheExchangeWithoutPubrel() throws Exception {
        Session s = client(MqttVersion.MQTT_5, c -> c);
        FakeBroker.Link l = open(s, false);
        CompletableFuture<Ack> f = s.publish("t", b("m"), false, 2, MqttProperties.EMPTY, null);
        Publish p = l.expect(Publish.class);
        l.send(new PubRec(p.packetId(), 0x97, MqttProperties.EMPTY));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertEquals(0x97, assertInstanceOf(MqttRejectedException.class, e.getCause()).reasonCode());
        l.expectNothing(200);
    }
}
