/*
 * Issue 13 item 5: the outbound QoS 2 state in the durable outbox across a client restart, against the
 * fake broker (byte-exact packets), both protocol versions. One test per rule, named after it.
 */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttVersion;
import io.mqttas.codec.PubComp;
import io.mqttas.codec.PubRec;
import io.mqttas.codec.PubRel;
import io.mqttas.codec.Publish;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class Qos2OutboxSessionTest extends SessionTestBase {
    @TempDir
    Path dir;

    private Session client(MqttVersion v) {
        broker.version = v;
        return session(c -> c.mqttv5(v == MqttVersion.MQTT_5).clientId("durable2").outbox(dir.toString()).clean(false).cleanInit(false));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A first client publishes QoS 2, gets PUBREC (answers PUBREL) and is closed before PUBCOMP; returns the packet id. */
    private int closedAfterPubrec(MqttVersion v) throws Exception {
        Session first = client(v);
        FakeBroker.Link l = connect(first, false);
        first.publish("q2/t", b("once"), false, 2);
        Publish p = l.expect(Publish.class);
        l.send(new PubRec(p.packetId()));
        assertEquals(p.packetId(), l.expect(PubRel.class).packetId());
        first.close(); // the RELEASING record waits for the committer at most; close() flushes it
        return p.packetId();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void pastPubrecARestartWithSessionPresentSendsPubrelWithTheJournaledIdNeverThePublish(MqttVersion v) throws Exception {
        int id = closedAfterPubrec(v);
        Session second = client(v);
        FakeBroker.Link l2 = connect(second, true);
        assertEquals(id, l2.expect(PubRel.class).packetId(), "PUBREL with the journaled packet id");
        CompletableFuture<Void> next = second.publish("q2/next", b("new"), false, 2);
        Publish n = l2.expect(Publish.class);
        assertEquals("q2/next", n.topic(), "the old message is not published again");
        assertNotEquals(id, n.packetId(), "the resumed exchange's packet id is kept from new publications");
        l2.send(new PubComp(id));
        l2.send(new PubRec(n.packetId()));
        l2.expect(PubRel.class);
        l2.send(new PubComp(n.packetId()));
        next.get(5, TimeUnit.SECONDS);
        eventually("both exchanges ended", () -> second.status().inFlight() == 0);
        second.close();
        Session third = client(v);
        FakeBroker.Link l3 = connect(third, true);
        l3.expectNothing(200); // PUBCOMP wrote DONE: nothing is left to resume
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void pastPubrecARestartWithoutSessionEndsTheEntryAsDelivered(MqttVersion v) throws Exception {
        closedAfterPubrec(v);
        Session second = client(v);
        FakeBroker.Link l2 = connect(second, false);
        l2.expectNothing(200); // the broker owned the message at PUBREC; its QoS 2 state is gone: nothing to send
        eventually("ended", () -> second.status().inFlight() == 0);
        second.close();
        Session third = client(v);
        FakeBroker.Link l3 = connect(third, true);
        l3.expectNothing(200);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void beforePubrecARestartPublishesAgainAtLeastOnce(MqttVersion v) throws Exception {
        Session first = client(v);
        FakeBroker.Link l = connect(first, false);
        first.publish("q2/t", b("again"), false, 2);
        l.expect(Publish.class);
        first.close();
        Session second = client(v);
        FakeBroker.Link l2 = connect(second, true);
        Publish p = l2.expect(Publish.class);
        assertEquals("again", new String(p.payload(), StandardCharsets.UTF_8), "no PUBREC journaled: published again");
        l2.send(new PubRec(p.packetId()));
        l2.expect(PubRel.class);
        l2.send(new PubComp(p.packetId()));
        eventually("done", () -> second.status().inFlight() == 0);
    }
}
