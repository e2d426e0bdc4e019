/* spec/bridge.md §4–§5, §11: protocol states and replies, with a test double for the MQTT client. */
package io.mqttas.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mqttas.testing.FakeMqttClient;
import io.mqttas.testkit.ThreadLeakCheck;

class BridgeProtocolTest {
    private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");
    static final String INIT = "init|ssid|wifipw|127.0.0.1|user|secret|{'server_hostname': 'b'}|1|1884|0|1|60|0|1|4|10|0|pool.ntp.org";

    private final RecordingLink link = new RecordingLink();
    private final List<FakeMqttClient> clients = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> configs = new CopyOnWriteArrayList<>();
    private Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    private BridgeProtocol protocol;

    static String r(String bars) {
        return bars.replace('|', Records.SEP);
    }

    private BridgeProtocol start(int maxLength) {
        ClientProvider own = ClientProvider.own(config -> {
            configs.add(config);
            FakeMqttClient c = new FakeMqttClient();
            clients.add(c);
            return c;
        });
        protocol = new BridgeProtocol("p", link, own, options("bridge-1", maxLength));
        protocol.start();
        protocol.onRestart("start");
        return protocol;
    }

    /** Short back-off (issue 12 item 3 has its own tests): refusals in a row are answered within 80 ms. */
    private BridgeProtocol.Options options(String clientId, int maxLength) {
        return new BridgeProtocol.Options(clientId, maxLength, 8, Duration.ofSeconds(5), clock, Duration.ofMillis(20),
                Duration.ofMillis(80), TimeSource.system(clock));
    }

    @AfterEach
    void stop() {
        if (protocol != null) {
            protocol.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(5));
    }

    /** will + init + connect: the §4.5 sequence up to t|9. */
    private FakeMqttClient running() throws Exception {
        start(4096);
        protocol.onRecord(r("w|dead/board|gone|False|1"));
        assertEquals("t|7", link.next());
        protocol.onRecord(r(INIT));
        assertEquals("t|2", link.next());
        assertEquals("t|1", link.next());
        FakeMqttClient c = awaitClient(0);
        assertEquals("connect", c.nextCall().op());
        c.connected = true;
        c.connectFuture.complete(false);
        assertEquals("t|0", link.next());
        assertEquals("t|5", link.next());
        assertEquals("t|9", link.next());
        return c;
    }

    private FakeMqttClient awaitClient(int i) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (clients.size() <= i && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return clients.get(i);
    }

    @Test
    void initAndWillConfigureTheClientWithDictKeysVerbatim() throws Exception {
        running();
        Map<String, Object> m = configs.get(0);
        assertEquals("127.0.0.1", m.get("server"));
        assertEquals(1884, m.get("port"));
        assertEquals("user", m.get("user"));
        assertEquals("secret", m.get("password"));
        assertEquals(60, m.get("keepalive"));
        assertEquals(0, m.get("ping_interval"));
        assertEquals(true, m.get("clean"));
        assertEquals(4, m.get("max_repubs"));
        assertEquals(10, m.get("response_time"));
        assertEquals(false, m.get("ssl"));
        assertEquals("b", m.get("ssl_params.server_hostname"));
        assertEquals("bridge-1", m.get("client_id"));
        assertEquals(0, m.get("queue_len"));
        // spec §11.1: "False" is false, not truthy text
        assertArrayEquals(new String[] {"dead/board", "gone", "false", "1"}, (String[]) m.get("will"));
    }

    @Test
    void publishAnswersPubokOnlyWhenTheClientCompletes() throws Exception {
        FakeMqttClient c = running();
        protocol.onRecord(r("p|t/a|hello|0|1"));
        FakeMqttClient.Call call = c.nextCall();
        assertEquals("publish", call.op());
        assertEquals("t/a", call.topic());
        assertEquals("hello", call.payload());
        assertFalse(call.retain(), "retain '0' is false (spec §11.1: the original set RETAIN on everything)");
        assertEquals(1, call.qos());
        protocol.onRecord("m"); // waits behind the publish: strictly sequential
        assertNull(link.next(Duration.ofMillis(200)), "no PUBOK before the PUBACK");
        call.future().complete(null);
        assertEquals("t|4", link.next());
        assertTrue(link.next().startsWith("m|"));
        protocol.onRecord(r("p|t/a|x|1|0"));
        FakeMqttClient.Call retained = c.nextCall();
        assertTrue(retained.retain());
        retained.future().complete(null);
        assertEquals("t|4", link.next());
    }

    @Test
    void subscriptionsAreReplayedAfterEveryReconnectAndStatusesFollowTheLink() throws Exception {
        FakeMqttClient c = running();
        protocol.onRecord(r("s|green|1"));
        FakeMqttClient.Call sub = c.nextCall();
        assertEquals("subscribe", sub.op());
        sub.future().complete(1);
        c.goDown();
        assertEquals("t|10", link.next());
        c.goDown(); // no duplicate
        c.goUp();
        assertEquals("t|9", link.next());
        FakeMqttClient.Call again = c.nextCall();
        assertEquals("subscribe", again.op());
        assertEquals("green", again.topic());
        assertEquals(1, again.qos());
        assertNull(link.next(Duration.ofMillis(100)));
    }

    @Test
    void incomingMessagesAreForwardedOrDroppedNeverBreakingTheFraming() throws Exception {
        FakeMqttClient c = running();
        protocol.onRecord(r("s|sensors/#|0"));
        c.nextCall().future().complete(0);
        c.deliver("sensors/t", "21.5".getBytes(StandardCharsets.US_ASCII), true);
        assertEquals("u|sensors/t|21.5|True", link.next());
        c.deliver("other/topic", "x".getBytes(StandardCharsets.US_ASCII), false);
        c.deliver("sensors/bad", "25\u00b0C".getBytes(StandardCharsets.UTF_8), false);
        c.deliver("sensors/sep", new byte[] {'a', 127, 'b'}, false);
        c.deliver("sensors/nul", new byte[] {'a', 0, 'b'}, false);
        c.deliver("sensors/t", "22".getBytes(StandardCharsets.US_ASCII), false);
        // issue 12 item 1: no status outside the host's table (the old t|13 crashed a verbose host)
        assertEquals("u|sensors/t|22|False", link.next(), "the three unsafe messages were dropped, nothing sent");
        assertNull(link.next(Duration.ofMillis(100)), "messages outside the subscriptions are not forwarded");
        assertEquals(3, link.counters().recordsDropped.get());
        assertTrue(link.counters().lastError.contains("sensors/nul"), link.counters().lastError);
    }

    @Test
    void overlongIncomingMessageIsDroppedAndCounted() throws Exception {
        start(64);
        protocol.onRecord(r(INIT));
        link.next();
        link.next();
        FakeMqttClient c = awaitClient(0);
        c.connected = true;
        c.connectFuture.complete(false);
        link.next();
        link.next();
        link.next();
        protocol.onRecord(r("s|a|0"));
        c.nextCall(); // connect
        c.nextCall().future().complete(0);
        c.deliver("a", "y".repeat(100).getBytes(StandardCharsets.US_ASCII), false);
        assertNull(link.next(Duration.ofMillis(200)));
        assertEquals(1, link.counters().recordsDropped.get());
        assertTrue(link.counters().lastError.contains("exceed max_message_length 64"), link.counters().lastError);
    }

    @Test
    void timeAndMemory() throws Exception {
        running();
        protocol.onRecord("i");
        long expected = Instant.parse("2026-11-22T00:00:00Z").getEpochSecond() - 946_684_800L;
        assertEquals("i|" + expected, link.next());
        protocol.onRecord("m");
        String[] mem = link.next().split("\\|");
        assertEquals(3, mem.length);
        assertTrue(Long.parseLong(mem[1]) >= 0 && Long.parseLong(mem[2]) >= 0);
    }

    @Test
    void unsetClockGivesZeroTime() throws Exception {
        clock = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
        running();
        protocol.onRecord("i");
        assertEquals("i|0", link.next());
    }

    @Test
    void badInputGetsAnErrorStatusNamingTheRule() throws Exception {
        start(4096);
        protocol.onRecord("hello");
        assertEquals("t|6|Expected init, got: |hello", link.next());
        protocol.onRecord(r(INIT.replace("|1884|", "|18x4|")));
        String bad = link.next();
        assertTrue(bad.startsWith("t|6|Bad init:|field 'port' = '18x4': must be an integer 0..65535"), bad);
        protocol.onRecord(r("init|too|few"));
        assertTrue(link.next().contains("'init' needs 16 or 17 fields"));
        protocol.onRecord(r(INIT.replace("{'server_hostname': 'b'}", "__import__('os').system('x')")));
        assertTrue(link.next().contains("field 'ssl_params'"), "ssl_params is parsed, never evaluated");
        protocol.onRecord(r("w|t|m|maybe|0"));
        assertTrue(link.next().contains("field 'retain' = 'maybe'"));
        assertTrue(clients.isEmpty(), "no client for a bad INIT");
    }

    @Test
    void unknownAndMalformedCommandsWhileRunning() throws Exception {
        FakeMqttClient c = running();
        protocol.onRecord("zap");
        assertEquals("t|6|Unknown command:|zap", link.next());
        protocol.onRecord(r("p|t/a|x|0|2"));
        assertTrue(link.next().contains("field 'qos' = '2'"));
        protocol.onRecord(r("p|t/#|x|0|0"));
        assertTrue(link.next().contains("valid MQTT topic name"));
        protocol.onRecord(r("s|a/#/b|0"));
        assertTrue(link.next().contains("valid MQTT topic filter"));
        protocol.onRecord(r("p|t|x"));
        assertTrue(link.next().contains("'p' needs 4 fields"));
        assertTrue(c.calls.isEmpty(), "nothing malformed reached the client");
    }

    @Test
    void failedFirstConnectionSendsBrokerFailAndWaitsForReset() throws Exception {
        start(4096);
        protocol.onRecord(r(INIT));
        assertEquals("t|2", link.next());
        assertEquals("t|1", link.next());
        FakeMqttClient c = awaitClient(0);
        c.connectFuture.completeExceptionally(new java.io.IOException("connection refused"));
        assertEquals("t|8", link.next());
        protocol.onRecord("m");
        assertNull(link.next(Duration.ofMillis(200)), "idle after BROKER_FAIL");
        assertTrue(c.closed);
        protocol.onRestart("reset pulse");
        protocol.onRecord(r(INIT));
        assertEquals("t|2", link.next());
    }

    @Test
    void resetReleasesAWaitingPublishAndClosesTheOwnClient() throws Exception {
        FakeMqttClient c = running();
        protocol.onRecord(r("p|t/a|x|0|1"));
        c.nextCall();
        protocol.onRestart("reset pulse");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!c.closed && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(c.closed, "own client closed when the host resets");
        assertEquals(BridgeProtocol.State.AWAIT_CONFIG, protocol.state());
        c.deliver("t/a", "late".getBytes(StandardCharsets.US_ASCII), false);
        c.goDown();
        assertNull(link.next(Duration.ofMillis(200)), "nothing from the old session");
        protocol.onRecord(r(INIT.replace("|1|1884|", "|0|1884|")));
        assertEquals("t|1", link.next(), "no DEFNET when use_default_net is 0");
    }

    @Test
    void aNewInitStartsANewSession() throws Exception {
        FakeMqttClient first = running();
        protocol.onRecord(r(INIT));
        assertEquals("t|2", link.next());
        assertEquals("t|1", link.next());
        FakeMqttClient second = awaitClient(1);
        assertTrue(first.closed);
        second.connected = true;
        second.connectFuture.complete(true);
        assertEquals("t|0", link.next());
        assertEquals("t|5", link.next());
        assertEquals("t|9", link.next());
        assertEquals(2, protocol.sessions());
        assertNull(configs.get(1).get("will"), "the will belongs to the old session");
    }

    @Test
    void pbLinkInitWithoutTimeServerIsAccepted() throws Exception {
        start(4096);
        protocol.onRecord(r(INIT.substring(0, INIT.lastIndexOf('|'))));
        assertEquals("t|2", link.next());
    }

    @Test
    void sharedClientIsNeitherConnectedNorClosed() throws Exception {
        FakeMqttClient shared = new FakeMqttClient();
        shared.connected = true;
        protocol = new BridgeProtocol("p", link, ClientProvider.shared(shared), options("x", 4096));
        protocol.start();
        protocol.onRestart("start");
        protocol.onRecord(r(INIT));
        assertEquals("t|2", link.next());
        assertEquals("t|1", link.next());
        assertEquals("t|0", link.next());
        assertEquals("t|5", link.next());
        assertEquals("t|9", link.next());
        assertTrue(shared.calls.isEmpty(), "no connect on a shared client");
        protocol.onRestart("reset pulse");
        protocol.onRecord(r(INIT));
        assertEquals("t|2", link.next());
        assertEquals("t|1", link.next());
        assertEquals("t|0", link.next());
        assertEquals("t|5", link.next());
        assertEquals("t|9", link.next());
        assertFalse(shared.closed);
        assertEquals(3, shared.linkListeners.size() + shared.messageListeners.size() + shared.connectListeners.size(),
                "the old session's listeners were removed");
    }
}
