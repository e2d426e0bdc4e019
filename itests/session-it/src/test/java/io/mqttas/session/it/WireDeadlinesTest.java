/*
 * Issue 9 item 4: acknowledgement deadlines start when the frame's last byte is handed to the socket,
 * not when it is queued. A large QoS 1 payload over a slow link (the test kit's throttling proxy) is
 * delivered exactly once, with no DUP re-send and no spurious reconnect. The default run uses 150 KB
 * at 24 KB/s (about 6 s); -Dmqttas.slowlink.full=true runs the 500 KB at 12 KB/s (about 45 s).
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.testkit.FaultProxy;
import io.mqttas.testkit.MosquittoBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.mqttas.session.it.Fast.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireDeadlinesTest {
    private static final boolean FULL = Boolean.getBoolean("mqttas.slowlink.full");

    @Test
    void aLargeQos1PayloadOverAThrottledLinkIsDeliveredOnceWithNoSpuriousReconnect() throws Exception {
        int size = FULL ? 500_000 : 150_000;
        long rate = FULL ? 12_000 : 24_000;
        double responseTime = FULL ? 10 : 3; // either way far less than the transfer takes
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        payload[0] = 'B';
        try (MosquittoBroker broker = MosquittoBroker.start();
             FaultProxy slow = FaultProxy.to(broker).throttle(rate)) {
            AtomicInteger copies = new AtomicInteger();
            try (MqttClient sub = MqttClient.create(Fast.config(broker.host(), broker.port(), "slow-sub").keepalive(60)
                     .subsCb((t, p, r) -> {
                         if (p.length == size) {
                             copies.incrementAndGet();
                         }
                     }).build());
                 MqttClient pub = MqttClient.create(Fast.config(slow.host(), slow.port(), "slow-pub").keepalive(60)
                         .responseTime(responseTime).build())) {
                sub.connect(true).get(10, TimeUnit.SECONDS);
                sub.subscribe("slow/big", 1).get(5, TimeUnit.SECONDS);
                pub.connect(true).get(10, TimeUnit.SECONDS);
                long t0 = System.nanoTime();
                CompletableFuture<Void> f = pub.publish("slow/big", payload, false, 1);
                f.get(FULL ? 120 : 60, TimeUnit.SECONDS);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms > responseTime * 1000, "the transfer took " + ms + " ms: longer than response_time, as intended");
                eventually(Duration.ofSeconds(10), "delivered", () -> copies.get() >= 1);
                long sent = slow.bytesForwarded(FaultProxy.Direction.TO_BROKER);
                Thread.sleep(2000); // a DUP re-send queued early would now still be going out
                long after = slow.bytesForwarded(FaultProxy.Direction.TO_BROKER);
                assertTrue(sent < size + 10_000 && after - sent < 1_000, "the payload went out once: " + sent + " then " + (after - sent)
                        + " more bytes (a DUP re-send started from queueing time would be a second " + size + ")");
                assertEquals(1, copies.get(), "delivered exactly once");
                assertEquals(0, pub.status().reconnects(), "no spurious reconnect");
                assertTrue(pub.isConnected());
            }
        }
    }
}
