/*
 * Issue 12 items 8, 2, 4 and 5: the original host driver (its Python model, unchanged) over the
 * product's UART module (features/bridge-host/syncom.py, under CPython with a machine.UART
 * stand-in) on a socat pseudo-terminal pair, against the gateway's serial transport opened by a
 * /dev/serial/by-id-style name, Mosquitto and the real client: the whole session; an overlong
 * publication answered; the broker restarted; the host hanging (its will is published while it is
 * dead); the adapter unplugged and plugged in again.
 */
package io.mqttas.bridge.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mqttas.bridge.internal.Records;
import io.mqttas.bridge.internal.SntpResponder;
import io.mqttas.bridge.internal.SntpTime;
import io.mqttas.bridge.internal.StreamLink;
import io.mqttas.bridge.internal.TimeSource;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;
import io.mqttas.testkit.ThreadLeakCheck;

class OriginalHostSerialTest {
    private static final Duration WAIT = OriginalHostFixture.WAIT;
    private static final String WILL = "[\"dead/uart\", \"gone\", false, 1]";
    /** 3 s host timeout (its 'timeout' key), verbose as the original's demos. */
    private static final String HOST = "\"verbose\": true, \"timeout\": 3, \"keepalive\": 10, \"response_time\": 2";
    private ThreadLeakCheck leaks;
    private OriginalHostFixture f;

    @BeforeEach
    void start() {
        leaks = ThreadLeakCheck.snapshot("mqttas-");
        f = new OriginalHostFixture();
    }

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(10));
    }

    private static void running(PythonHost host) throws InterruptedException {
        host.awaitStatus(Records.WILLOK, WAIT);
        host.awaitStatus(Records.RUNNING, WAIT);
        host.await("start", WAIT);
    }

    @Test
    void theOriginalDriverRunsOverTwoWires() throws Exception {
        f.serialPair();
        long now = Instant.now().getEpochSecond();
        try (SntpResponder ntp = new SntpResponder(now)) {
            TimeSource time = new SntpTime("uart", ntp.hostPort(), Duration.ofMillis(500));
            // heartbeat 200 ms, a host silent for 2 s is dead, re-open after 100 ms doubling to 400 ms
            f.startSerialBridge("uart", OriginalHostFixture.options("uart", 160, Duration.ofMillis(100),
                    Duration.ofMillis(400), time), new StreamLink.Liveness(200, 2000, 100, 400));
            MqttSubscriber fromHost = f.subscribe("host/#");
            PythonHost host = f.host("uart", HOST, WILL).start();
            running(host);

            // publish, subscribe, time: the original driver's API, unchanged
            host.send("publish", "1", "host/q1", "hello", "1", "0");
            host.await("published", WAIT);
            assertEquals("hello", fromHost.awaitMessage(WAIT).payloadUtf8());
            host.send("subscribe", "to/host", "1");
            MqttPublisher pub = MqttPublisher.to(f.broker);
            PythonHost.Event got = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (got == null && System.nanoTime() < deadline) {
                pub.publish("to/host", "on", 1);
                got = host.poll("message", Duration.ofMillis(1000));
            }
            assertEquals("on", got == null ? null : got.field(1), host.log());
            host.send("time", "4");
            assertEquals(Long.toString(now - TimeSource.Y2K), host.await("time", WAIT).field(0),
                    "seconds since 2000 from the SNTP server");

            // item 2: a publication longer than max_message_length is answered (t|6): the host resets
            // instead of waiting for PUBOK for ever under its publish lock
            host.send("publish", "2", "host/long", "x".repeat(200), "1", "0");
            host.awaitStatus(Records.UNKNOWN, WAIT);
            host.await("published", WAIT); // the original's publish() returns when its session restarts
            running(host);
            host.send("publish", "3", "host/q1", "after reset", "1", "0");
            host.await("published", WAIT);

            // broker restart: WiFi down/up for the host, a QoS 1 publication waits through it
            f.broker.kill();
            host.awaitStatus(Records.WIFI_DOWN, WAIT);
            host.send("publish", "4", "host/q1", "during", "1", "0");
            assertNull(host.poll("published", Duration.ofMillis(500)), "no PUBOK while the broker is down");
            f.broker.startAgain();
            host.await("published", WAIT); // WIFI_UP (t|9) and PUBOK (t|4) come in either order
            if (host.kinds().lastIndexOf("status[9]") < host.kinds().lastIndexOf("status[10]")) {
                host.awaitStatus(Records.WIFI_UP, WAIT);
            }

            // item 4: the board hangs; its will is published while it is dead, not when it comes back
            MqttSubscriber wills = f.subscribe("dead/#");
            long frozen = System.nanoTime();
            host.freeze();
            MqttSubscriber.Message will = wills.awaitMessage(WAIT);
            long ms = (System.nanoTime() - frozen) / 1_000_000;
            assertEquals("gone", will.payloadUtf8());
            assertTrue(ms < 6000, "will published " + ms + " ms after the host stopped (idle timeout 2 s)");
            host.kill();

            // item 4: the USB adapter is unplugged and plugged in again; the bridge re-opens it by name
            f.unplug();
            deadline = System.nanoTime() + WAIT.toNanos();
            while (!f.bridge.status().lastError().contains("not present") && System.nanoTime() < deadline) {
                OriginalHostFixture.sleep(20);
            }
            assertTrue(f.bridge.status().lastError().contains("is not present"), f.bridge.status().lastError());
            OriginalHostFixture.sleep(600);
            f.plugIn();
            PythonHost again = f.host("uart", HOST, WILL).start();
            running(again);
            again.send("publish", "5", "host/q1", "plugged in", "1", "0");
            again.await("published", WAIT);
            assertNull(again.poll("died", Duration.ofMillis(10)));
            assertTrue(f.bridge.status().sessions() >= 3, f.bridge.status().toString());
        }
    }
}
