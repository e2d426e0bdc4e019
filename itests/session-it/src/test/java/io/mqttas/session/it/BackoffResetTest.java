/*
 * Issue 9 item 7: the back-off is reset only once a connection has stayed up for a while, so a broker
 * that accepts and at once kicks the client (a client-id takeover, an ACL) is not hammered every
 * half second. Scripted broker over real TCP.
 */
package io.mqttas.session.it;

import io.mqttas.session.MqttClient;
import io.mqttas.testkit.FakeBroker;
import io.mqttas.testkit.MqttFrame;
import io.mqttas.testkit.Packets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffResetTest {

    @Test
    void aBrokerThatAcceptsAndKicksAtOnceIsNotHammeredBecauseTheBackOffGrows() throws Exception {
        try (FakeBroker broker = FakeBroker.start();
             MqttClient c = MqttClient.create(Fast.config(broker.host(), broker.port(), "kicked").keepalive(60)
                     .reconnectDelayMin(0.1).reconnectDelayMax(5).reconnectJitter(0).build())) {
            c.connect(true);
            FakeBroker.Connection first = broker.accept();
            first.expectType(MqttFrame.CONNECT);
            first.send(Packets.connack(false, 0));
            Thread.sleep(300);
            first.closeConnection(); // from now on every connection is accepted and dropped right after CONNACK
            long t0 = System.nanoTime();
            int kicks = 0;
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3)) {
                FakeBroker.Connection k;
                try {
                    k = broker.accept(Duration.ofMillis(200));
                } catch (AssertionError none) {
                    continue;
                }
                k.expectType(MqttFrame.CONNECT);
                k.send(Packets.connack(false, 0));
                k.closeConnection();
                kicks++;
            }
            // Reset at every CONNACK (the old rule): one attempt every 0.1 s, about 25 in 3 s.
            // Reset only after a ping interval: 0.1, 0.2, 0.4, 0.8, 1.6 s apart, about 5 in 3 s.
            assertTrue(kicks >= 3 && kicks <= 8, kicks + " reconnections in 3 s");
        }
    }
}
