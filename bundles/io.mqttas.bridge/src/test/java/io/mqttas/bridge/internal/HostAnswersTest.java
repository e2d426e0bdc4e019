/*
 * Issue 12 item 2: every record the host waits an answer for gets one — a record the link dropped
 * (too long, a byte it cannot carry) and a record that finds the protocol's queue full included —
 * so the original host, which waits for PUBOK for ever under its publish lock, never hangs.
 */
package io.mqttas.bridge.internal;

import io.mqttas.testing.FakeMqttClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mqttas.testkit.ThreadLeakCheck;

class HostAnswersTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
    private final RecordingLink link = new RecordingLink();
    private final List<FakeMqttClient> clients = new ArrayList<>();
    private BridgeProtocol protocol;
    private BridgeRuntime runtime;

    private static String r(String bars) {
        return BridgeProtocolTest.r(bars);
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (protocol != null) {
            protocol.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }

    private ClientProvider own() {
        return ClientProvider.own(config -> {
            FakeMqttClient c = new FakeMqttClient();
            c.connected = true;
            c.connectFuture.complete(false);
            synchronized (clients) {
                clients.add(c);
            }
            return c;
        });
    }

    private BridgeProtocol.Options options(int maxLength, int rxQueue) {
        return new BridgeProtocol.Options("answers", maxLength, rxQueue, Duration.ofSeconds(5), Clock.systemUTC(),
                Duration.ofMillis(10), Duration.ofMillis(20), TimeSource.system(Clock.systemUTC()));
    }

    private FakeMqttClient running(int rxQueue) throws Exception {
        protocol = new BridgeProtocol("answers", link, own(), options(4096, rxQueue));
        protocol.start();
        protocol.onRestart("start");
        protocol.onRecord(r(BridgeProtocolTest.INIT));
        String got;
        do {
            got = link.next();
            assertNotNull(got);
        } while (!got.equals("t|9"));
        synchronized (clients) {
            return clients.get(0);
        }
    }

    @Test
    void droppedRecordsAreAnsweredAsTheHostExpects() throws Exception {
        running(8);
        protocol.onDropped("p", "record of 5000 characters exceeds max_message_length 4096");
        String pubAnswer = link.next();
        assertTrue(pubAnswer.startsWith("t|6|Bad publish:|record of 5000 characters"), pubAnswer);
        protocol.onDropped("i", "record of 5000 characters exceeds max_message_length 4096");
        assertEquals("i|0", link.next(), "a time request gets 'unknown'");
        protocol.onDropped("s", "record of 5000 characters exceeds max_message_length 4096");
        assertTrue(link.next().startsWith("t|6|Bad subscribe:|"));
        protocol.onDropped("s", "record of 5000 characters exceeds max_message_length 4096");
        assertNull(link.next(Duration.ofMillis(200)), "the same refused subscription again: ignored (no reset loop)");
        protocol.onDropped("w", "record of 5000 characters exceeds max_message_length 4096");
        assertTrue(link.next().startsWith("t|6|Bad will:|record of 5000"), "a will starts a new session, refused");
        assertEquals(BridgeProtocol.State.AWAIT_CONFIG, protocol.state());
        protocol.onDropped("init", "record of 5000 characters exceeds max_message_length 4096");
        assertTrue(link.next().startsWith("t|6|Bad init:|record of 5000"));
        assertTrue(link.counters().rejected.get() >= 4, "counted");
    }

    @Test
    void everyPublishIsAnsweredUnderOverload() throws Exception {
        FakeMqttClient c = running(4);
        protocol.onRecord(r("p|t/slow|x|0|1"));
        FakeMqttClient.Call slow = c.calls.poll(10, TimeUnit.SECONDS);
        while (slow != null && !"publish".equals(slow.op())) {
            slow = c.calls.poll(10, TimeUnit.SECONDS);
        }
        assertNotNull(slow, "the protocol thread now waits for a PUBACK");
        int flood = 30;
        for (int i = 0; i < 20; i++) {
            protocol.onRecord("m"); // ordinary records: at most rx_queue_len wait, the rest are dropped
        }
        for (int i = 0; i < flood; i++) {
            protocol.onRecord(r("p|t/flood|" + i + "|0|0"));
        }
        int answeredAtOnce = 0;
        String got;
        while ((got = link.next(Duration.ofMillis(300))) != null) {
            assertTrue(got.startsWith("t|6|Bad publish:|bridge overloaded"), got);
            answeredAtOnce++;
        }
        assertTrue(answeredAtOnce > 0 && answeredAtOnce < flood, "some publications queued, the rest answered at once: "
                + answeredAtOnce);
        slow.future().complete(null);
        int pubok = 0;
        int mem = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pubok < 1 + flood - answeredAtOnce && System.nanoTime() < deadline) {
            FakeMqttClient.Call call = c.calls.poll(100, TimeUnit.MILLISECONDS);
            if (call != null) {
                call.future().complete(null);
            }
            while ((got = link.next(Duration.ofMillis(1))) != null) {
                if (got.equals("t|4")) {
                    pubok++;
                } else if (got.startsWith("m|")) {
                    mem++;
                }
            }
        }
        assertEquals(1 + flood - answeredAtOnce, pubok, "every queued publication got its PUBOK");
        assertTrue(mem <= 4, "ordinary records beyond rx_queue_len were dropped: " + mem);
        assertTrue(link.counters().recordsDropped.get() >= 16, "drops counted");
    }

    @Test
    void overlongPublishOnAStreamIsAnswered() throws Exception {
        PipeOpener opener = new PipeOpener();
        runtime = new BridgeRuntime("answers", new StreamLink("answers", opener, 64, 16, 50), own(),
                options(64, 8)).start();
        PipeOpener.HostEnd host = opener.nextHostEnd();
        host.write(r(BridgeProtocolTest.INIT.replace("{'server_hostname': 'b'}", "{}")
                .replace("ssid|wifipw", "s|p").replace("user|secret", "|")));
        String got;
        do {
            got = host.read();
            assertNotNull(got);
        } while (!got.equals(Records.status(Records.WIFI_UP)));
        host.write(r("p|t/long|" + "x".repeat(100) + "|0|1"));
        String answer = host.read().replace(Records.SEP, '|');
        assertTrue(answer.startsWith("t|6|Bad publish:|record of 113 characters exceeds max_message_length 64"),
                answer);
        host.write(r("p|t/short|ok|0|0"));
        FakeMqttClient c;
        synchronized (clients) {
            c = clients.get(0);
        }
        FakeMqttClient.Call call = c.calls.poll(10, TimeUnit.SECONDS);
        while (call != null && !"publish".equals(call.op())) {
            call = c.calls.poll(10, TimeUnit.SECONDS);
        }
        assertNotNull(call);
        call.future().complete(null);
        assertEquals(Records.status(Records.PUBOK), host.read());
    }
}
