/* The shared MqttClient double behaves as both the bridge's and the relay's unit tests rely on. */
package io.mqttas.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FakeMqttClientTest {

    @Test
    void manualCallsAreRecordedInOrderAndLeftForTheTestToComplete() throws Exception {
        FakeMqttClient c = new FakeMqttClient();
        CompletableFuture<Boolean> connect = c.connect();
        CompletableFuture<Void> pub = c.publish("t", "p".getBytes(StandardCharsets.UTF_8), true, 1);
        CompletableFuture<Integer> sub = c.subscribe("f/#", 0);
        assertEquals("connect", c.nextCall().op());
        FakeMqttClient.Call p = c.nextCall();
        assertEquals(List.of("publish", "t", "p", "true", "1"),
                List.of(p.op(), p.topic(), p.payload(), Boolean.toString(p.retain()), Integer.toString(p.qos())));
        FakeMqttClient.Call s = c.nextCall();
        assertFalse(pub.isDone() || sub.isDone() || connect.isDone(), "nothing completes by itself");
        p.future().complete(null);
        s.future().complete(0);
        c.connectFuture.complete(true);
        assertTrue(pub.isDone() && sub.join() == 0 && connect.join());
        assertEquals(List.of("f/#:0"), c.subscriptions());
    }

    @Test
    void acceptingClientCompletesAtOnceAndAResponderMayFailOrThrow() {
        FakeMqttClient c = FakeMqttClient.accepting();
        assertTrue(c.isConnected());
        assertEquals(1, c.subscribe("a", 1).join());
        c.publish("x", new byte[0], false, 0).join();
        c.responder = call -> {
            if (call.topic().equals("boom")) {
                throw new IllegalStateException("injected");
            }
            call.future().completeExceptionally(new IllegalArgumentException("rejected"));
        };
        assertThrows(IllegalStateException.class, () -> c.publish("boom", new byte[0], false, 0));
        assertTrue(c.publish("y", new byte[0], false, 0).isCompletedExceptionally());
        assertEquals(List.of("x", "boom", "y"), c.published.stream().map(FakeMqttClient.Call::topic).toList());
        assertEquals(List.of(""), c.payloads("y"));
    }

    @Test
    void listenersSeeDeliveriesAndLinkChangesUntilRemoved() {
        FakeMqttClient c = new FakeMqttClient();
        List<String> seen = new ArrayList<>();
        var m = c.addMessageListener((t, p, r) -> seen.add(t + "=" + new String(p, StandardCharsets.UTF_8) + "/" + r));
        c.addLinkListener(up -> seen.add("link " + up));
        c.addConnectListener(client -> seen.add("connected " + (client == c)));
        c.deliver("t", "v", true);
        c.goUp();
        c.goDown();
        m.close();
        c.deliver("t", "ignored", false);
        assertEquals(List.of("t=v/true", "link true", "connected true", "link false"), seen);
        assertFalse(c.isConnected());
        c.close();
        assertTrue(c.closed);
    }
}
