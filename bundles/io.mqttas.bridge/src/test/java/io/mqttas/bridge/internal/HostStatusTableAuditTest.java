/*
 * Issue 12 item 1: every record the bridge can send, on every path, is one the original host handles
 * without an exception (OriginalHostRules, re-stated from its source); the fatal ones are exactly
 * those meant to make it reset. Statuses outside the host's table cannot even be built.
 */
package io.mqttas.bridge.internal;

import io.mqttas.testing.FakeMqttClient;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mqttas.testkit.ThreadLeakCheck;

class HostStatusTableAuditTest {
    private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
    private final RecordingLink link = new RecordingLink();
    private final List<FakeMqttClient> clients = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private BridgeProtocol protocol;

    private static String r(String bars) {
        return BridgeProtocolTest.r(bars);
    }

    @AfterEach
    void stop() {
        if (protocol != null) {
            protocol.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }

    @Test
    void statusesOutsideTheHostsTableCannotBeBuilt() {
        for (int v = 0; v < Records.HOST_STATUS_TABLE; v++) {
            int value = v;
            if (v == Records.UNKNOWN) {
                assertDoesNotThrow(() -> Records.status(value, "label:", "detail"));
            } else {
                assertDoesNotThrow(() -> Records.status(value));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Records.status(13, "Rejected message:", "t", "why"));
        assertThrows(IllegalArgumentException.class, () -> Records.status(11));
        assertThrows(IllegalArgumentException.class, () -> Records.status(-1));
        assertThrows(IllegalArgumentException.class, () -> Records.status(Records.UNKNOWN, "only one"));
        assertThrows(IllegalArgumentException.class, () -> Records.status(Records.UNKNOWN));
        assertThrows(IllegalArgumentException.class, () -> Records.status(Records.PUBOK, "text"));
    }

    @Test
    void theOraclesOwnCrashes() {
        // the records that broke the original host, so the oracle is known to catch them
        assertEquals(OriginalHostRules.Effect.CRASH,
                OriginalHostRules.running(r("t|13|Rejected message:|a|why")).effect());
        assertEquals(OriginalHostRules.Effect.CRASH, OriginalHostRules.running(r("t|6|only one")).effect());
        assertEquals(OriginalHostRules.Effect.CRASH, OriginalHostRules.running(r("u|a|b|c|False")).effect());
        assertEquals(OriginalHostRules.Effect.RESET, OriginalHostRules.running(r("t|8")).effect());
        assertEquals(OriginalHostRules.Effect.OK, OriginalHostRules.running(r("t|9")).effect());
    }

    /** Every path of a session (both directions, errors, overload), each record checked. */
    @Test
    void everyRecordOnEveryPathIsOneTheHostHandles() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
        protocol = new BridgeProtocol("audit", link, ClientProvider.own(config -> {
            FakeMqttClient c = new FakeMqttClient();
            synchronized (clients) {
                clients.add(c);
            }
            return c;
        }), new BridgeProtocol.Options("audit", 64, 64, Duration.ofSeconds(5), clock, Duration.ofMillis(10),
                Duration.ofMillis(20), TimeSource.system(clock)));
        protocol.start();
        protocol.onRestart("start");

        protocol.onRecord(r("w|dead|gone|False|1"));
        protocol.onRecord(r("w|bad/#|gone|False|1")); // refused will
        protocol.onRecord(r("hello")); // not w/init in configuration
        protocol.onDropped("init", "record of 900 characters exceeds max_message_length 64");
        protocol.onRecord(r(BridgeProtocolTest.INIT));
        FakeMqttClient c = await(0);
        c.connected = true;
        c.connectFuture.complete(false);
        expectUntil("t|9");

        protocol.onRecord(r("p|t/a|hi|0|1"));
        FakeMqttClient.Call pub = c.nextCall();
        while (!"publish".equals(pub.op())) {
            pub = c.nextCall();
        }
        pub.future().complete(null);
        protocol.onRecord(r("p|t/a|hi|0|1"));
        c.nextCall().future().completeExceptionally(new io.mqttas.session.MqttClosedException("closed"));
        protocol.onRecord(r("p|t/#|x|0|0")); // malformed
        protocol.onDropped("p", "record of 500 characters exceeds max_message_length 64");
        protocol.onRecord(r("s|in/#|1"));
        c.nextCall().future().complete(1);
        protocol.onRecord(r("s|a/#/b|0")); // refused filter
        protocol.onRecord(r("s|a/#/b|0")); // and again (ignored)
        protocol.onDropped("s", "record of 500 characters exceeds max_message_length 64");
        protocol.onRecord("i");
        protocol.onDropped("i", "record of 70 characters exceeds max_message_length 64");
        protocol.onRecord("m");
        protocol.onRecord("zap");
        protocol.onDropped("zz", "record of 90 bytes has byte 0xc3 (outside 1..127)");
        c.deliver("in/ok", "fine".getBytes(StandardCharsets.US_ASCII), true);
        c.deliver("in/deg", "25\u00b0".getBytes(StandardCharsets.UTF_8), false);
        c.deliver("in/sep", new byte[] {'a', 127, 'b'}, false);
        c.deliver("in/long", "x".repeat(200).getBytes(StandardCharsets.US_ASCII), false);
        c.deliver("in/s\u007fep", "x".getBytes(StandardCharsets.US_ASCII), false);
        c.goDown();
        c.goUp();
        protocol.onRecord("m"); // barrier: every earlier record is answered
        expectUntilPrefix("m|");
        expectUntilPrefix("m|"); // the earlier m's reply came first
        // overload: the protocol thread waits for a PUBACK while the host floods
        protocol.onRecord(r("p|t/slow|x|0|1"));
        FakeMqttClient.Call slow = nextPublish(c);
        for (int i = 0; i < 140; i++) {
            protocol.onRecord(r("p|t/flood|x|0|0"));
            if (i % 10 == 0) {
                protocol.onRecord("i");
            }
        }
        slow.future().complete(null);
        FakeMqttClient.Call more;
        while ((more = c.calls.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
            more.future().complete(null);
        }
        protocol.onRecord("m");
        expectUntilPrefix("m|");

        int fatal = 0;
        for (String record : sent) {
            OriginalHostRules.Verdict v = OriginalHostRules.running(r(record)); // no payload here has a bar
            assertNotEquals(OriginalHostRules.Effect.CRASH, v.effect(), record + ": " + v.why());
            if (v.effect() == OriginalHostRules.Effect.RESET) {
                fatal++;
            }
        }
        assertTrue(sent.contains("t|7"));
        assertTrue(sent.contains("u|in/ok|fine|True"));
        assertTrue(sent.contains("t|10") && sent.contains("t|4") && sent.contains("i|0"), sent.toString());
        assertTrue(sent.stream().noneMatch(s -> s.startsWith("t|3|") || s.equals("t|3")), "never SPECNET");
        assertTrue(fatal >= 8, "the refusals are fatal for the host, as meant: " + sent);
        assertTrue(sent.stream().anyMatch(s -> s.contains("bridge overloaded")), "the flood was answered");
        assertTrue(link.counters().recordsDropped.get() >= 4, "the four unsafe broker messages at least");
    }

    private FakeMqttClient.Call nextPublish(FakeMqttClient c) throws InterruptedException {
        FakeMqttClient.Call call = c.nextCall();
        while (call != null && !"publish".equals(call.op())) {
            call = c.nextCall();
        }
        assertNotNull(call);
        return call;
    }

    private FakeMqttClient await(int i) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (clients) {
                if (clients.size() > i) {
                    return clients.get(i);
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no client");
    }

    private void expectUntil(String bars) throws InterruptedException {
        String got;
        do {
            got = link.next();
            assertNotNull(got, "waiting for " + bars + " after " + sent);
            sent.add(got);
        } while (!got.equals(bars));
    }

    private void expectUntilPrefix(String prefix) throws InterruptedException {
        String got;
        do {
            got = link.next();
            assertNotNull(got, "waiting for " + prefix + " after " + sent);
            sent.add(got);
        } while (!got.startsWith(prefix));
    }
}
