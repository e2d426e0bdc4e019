/* Issue 9 item 14: the event listener is told of every life-cycle step; metrics() reports the gauges and counters. */
package io.mqttas.session.internal;

import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Connect;
import io.mqttas.codec.PingReq;
import io.mqttas.codec.PingResp;
import io.mqttas.codec.PubAck;
import io.mqttas.codec.Publish;
import io.mqttas.codec.SubAck;
import io.mqttas.codec.Subscribe;
import io.mqttas.session.ClientMetrics;
import io.mqttas.session.MqttEventListener;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObservabilityTest extends SessionTestBase {

    /** Records each event as a short line. */
    static final class Recorder implements MqttEventListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        private void add(String e) {
            events.add(e);
            threads.add(Thread.currentThread().getName());
        }

        @Override public void connectStart(String server) { add("connectStart " + server); }
        @Override public void connAck(String server, int code, boolean sp) { add("connAck " + code); }
        @Override public void connectEnd(String server, boolean sp, Duration took) { add("connectEnd"); }
        @Override public void connectFailed(String server, Throwable cause) { add("connectFailed"); }
        @Override public void subscribed(String filter, int requested, int granted) { add("subscribed " + filter + " " + granted); }
        @Override public void publishSent(String topic, int qos, int id, boolean dup) { add("publishSent " + topic + (dup ? " dup" : "")); }
        @Override public void publishAcked(String topic, int id, Duration latency) { add("publishAcked " + topic); }
        @Override public void publishRetried(String topic, int id, boolean dup, int attempt) { add("publishRetried " + topic); }
        @Override public void publishFailed(String topic, Throwable cause) { add("publishFailed " + topic); }
        @Override public void pingRtt(Duration rtt) { add("pingRtt " + rtt.toMillis()); }
        @Override public void connectionLost(String server, String cause) { add("connectionLost"); }
        @Override public void backoff(Duration delay, int attempt) { add("backoff " + delay.toMillis()); }
        @Override public void messageDropped(String topic, String reason) { add("messageDropped " + topic); }
    }

    @Test
    void theEventListenerIsToldOfEveryLifeCycleStepInOrderOffTheLoop() throws Exception {
        Recorder r = new Recorder();
        Session s = session(c -> c.eventListener(r).keepalive(4).responseTime(1).maxRepubs(1));
        FakeBroker.Link l = connect(s, false);
        CompletableFuture<Integer> sub = s.subscribe("e/#", 1);
        Subscribe sb = l.expect(Subscribe.class);
        l.send(new SubAck(sb.packetId(), List.of(1)));
        sub.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> pub = s.publish("e/t", new byte[] {1}, false, 1);
        Publish p = l.expect(Publish.class);
        advance(1000); // no PUBACK within response_time: a DUP re-send (and a PINGREQ is due)
        boolean sawDup = false;
        boolean sawPing = false;
        for (int i = 0; i < 4 && !(sawDup && sawPing); i++) {
            Object next = l.poll(2000);
            if (next instanceof PingReq) {
                sawPing = true;
                l.send(PingResp.INSTANCE);
            } else if (next instanceof Publish dup) {
                sawDup = dup.dup();
            }
        }
        assertTrue(sawDup && sawPing);
        l.send(new PubAck(p.packetId()));
        pub.get(5, TimeUnit.SECONDS);
        l.close();
        reconnect();
        eventually("events", () -> r.events.contains("connectionLost") && r.events.stream().filter(e -> e.equals("connectEnd")).count() == 2);
        List<String> e = r.events;
        assertEquals("connectStart broker:1883", e.get(0));
        assertTrue(e.indexOf("connAck 0") < e.indexOf("connectEnd"));
        assertTrue(e.contains("subscribed e/# 1"));
        assertTrue(e.indexOf("publishSent e/t") < e.indexOf("publishRetried e/t"));
        assertTrue(e.contains("publishSent e/t dup"));
        assertTrue(e.indexOf("publishRetried e/t") < e.indexOf("publishAcked e/t"));
        assertTrue(e.stream().anyMatch(x -> x.startsWith("pingRtt")), e.toString());
        assertTrue(e.indexOf("connectionLost") < e.lastIndexOf("connectEnd"));
        assertTrue(e.stream().anyMatch(x -> x.startsWith("backoff")), e.toString());
        assertTrue(r.threads.stream().allMatch(t -> t.startsWith("mqttas-complete-")), "on the ordered executor: " + r.threads);
    }

    @Test
    void metricsReportQueueInFlightReconnectsRttAndTheOldestUnacknowledged() throws Exception {
        Session s = session(c -> c.maxInflight(2).keepalive(4));
        FakeBroker.Link l = connect(s, false);
        for (int i = 0; i < 5; i++) {
            s.publish("m/t", new byte[100], false, 1);
        }
        Publish p0 = l.expect(Publish.class);
        l.expect(Publish.class);
        advance(1000); // a ping is due; answer it to measure the RTT
        l.expect(PingReq.class);
        advance(30);
        l.send(PingResp.INSTANCE);
        eventually("rtt", () -> s.metrics().lastRttMillis() >= 0);
        ClientMetrics m = s.metrics();
        assertEquals(5, m.queuedMessages());
        assertTrue(m.queuedBytes() >= 500, "bytes of the 5 frames: " + m.queuedBytes());
        assertEquals(2, m.inFlight());
        assertEquals(30, m.lastRttMillis());
        assertEquals(1030, m.oldestUnackedMillis());
        l.send(new PubAck(p0.packetId()));
        eventually("one acknowledged", () -> s.metrics().queuedMessages() == 4);
        l.close();
        FakeBroker.Link l2 = awaitConnection();
        l2.expect(Connect.class);
        l2.send(new ConnAck(false, 0));
        eventually("reconnected", () -> s.metrics().reconnects() == 1);
        s.close();
        assertEquals(0, s.metrics().queuedMessages(), "close() failed and released everything");
    }
}
