/*
 * Issue 4 item 4, spec/mqtt_as.md §10.1/§18.1: the watchdog's link drives the real client against a real
 * Mosquitto — link down is an immediate outage (wifi_coro(False) once), link up reconnects at once
 * instead of waiting out the reconnection back-off.
 */
package io.mqttas.session.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.watchdog.internal.InterfaceState;
import io.mqttas.watchdog.internal.LinkWatch;
import io.mqttas.watchdog.internal.WatchdogSettings;

class LinkOutageTest {

    private static long awaitMillis(Duration max, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long t0 = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - t0 > max.toNanos()) {
                throw new AssertionError("not within " + max);
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void linkDownIsAnImmediateOutageAndLinkUpReconnectsWithoutBackOff() throws Exception {
        List<InterfaceState> reported = new CopyOnWriteArrayList<>(List.of(new InterfaceState("eth0", true, false)));
        WatchdogSettings d = WatchdogSettings.defaults();
        WatchdogSettings fast = new WatchdogSettings("eth0", "", false, Duration.ofMillis(50), Duration.ofMillis(100), false,
                d.cycleDownCommand(), d.cycleUpCommand(), d.cycleDownTime(), d.commandTimeout(), "127.0.0.1", 53,
                "example.org", Duration.ofMillis(100));
        try (MosquittoBroker broker = MosquittoBroker.start();
                LinkWatch watch = new LinkWatch(fast, () -> List.copyOf(reported))) {
            watch.start();
            WatchedLink link = new WatchedLink();
            link.bind(watch);
            Map<String, Object> cfg = new HashMap<>();
            cfg.put("server", "127.0.0.1");
            cfg.put("port", broker.port());
            cfg.put("client_id", "link-outage");
            cfg.put("stability_time", 0.2);
            cfg.put("reconnect_delay_min", 30.0);   // a reconnection that waited for the back-off would take 30 s
            cfg.put("reconnect_delay_max", 30.0);
            cfg.put("reconnect_jitter", 0.0);
            cfg.put("link_monitor", link);
            try (MqttClient client = MqttClient.create(MqttConfig.fromMap(cfg))) {
                List<Boolean> seen = new CopyOnWriteArrayList<>();
                client.addLinkListener(seen::add);
                client.connect().get(20, TimeUnit.SECONDS);
                awaitMillis(Duration.ofSeconds(5), () -> seen.equals(List.of(true)));

                reported.set(0, new InterfaceState("eth0", false, false));   // the interface loses its link
                long down = awaitMillis(Duration.ofSeconds(5), () -> !client.isConnected());
                assertTrue(down < 5000, "outage noticed after " + down + " ms");

                reported.set(0, new InterfaceState("eth0", true, false));    // and gets it back
                long up = awaitMillis(Duration.ofSeconds(15), client::isConnected);
                assertTrue(up < 15_000, "reconnected after " + up + " ms, not after the 30 s back-off");
                awaitMillis(Duration.ofSeconds(5), () -> seen.size() == 3);
                assertEquals(List.of(true, false, true), seen, "wifi_coro told once per transition");
            }
        }
    }
}
