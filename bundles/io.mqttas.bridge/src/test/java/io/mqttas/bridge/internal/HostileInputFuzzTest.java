/*
 * Briefing "hostile input" and issue 5 item 5: random bytes and random SynCom bit patterns never
 * kill a thread, never grow memory past the bound, and the bridge still works afterwards.
 * Deterministic (fixed seeds) so a failure reproduces; the seed is in the assertion message.
 */
package io.mqttas.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.mqttas.testing.FakeMqttClient;
import io.mqttas.testkit.ThreadLeakCheck;

class HostileInputFuzzTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PUNCTUATION = "{}'\":,#+/ -\\";
    private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-bridge-");

    /** Random text of record-ish characters: separators, digits, command letters, anything 1..255. */
    private static String randomRecord(Random rnd, int maxLength) {
        int n = rnd.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder(n);
        String[] starts = {"init", "w", "p", "s", "i", "m", "t", "u", "1", ""};
        b.append(starts[rnd.nextInt(starts.length)]);
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            b.append(switch (kind) {
                case 0, 1 -> Records.SEP;
                case 2, 3 -> (char) ('0' + rnd.nextInt(10));
                case 4 -> PUNCTUATION.charAt(rnd.nextInt(PUNCTUATION.length()));
                case 5 -> (char) (1 + rnd.nextInt(255));
                default -> (char) ('a' + rnd.nextInt(26));
            });
        }
        return b.toString();
    }

    @Test
    void parsersOnlyEverAcceptOrNameTheRule() {
        for (long seed = 1; seed <= 20_000; seed++) {
            Random rnd = new Random(seed);
            String record = randomRecord(rnd, 60);
            if (rnd.nextBoolean()) {
                // a well-formed INIT with one field replaced by garbage
                String[] f = Records.split(BridgeProtocolTest.r(BridgeProtocolTest.INIT)).toArray(String[]::new);
                f[1 + rnd.nextInt(f.length - 1)] = randomRecord(rnd, 12);
                record = Records.join(f);
            }
            List<String> fields = Records.split(record);
            try {
                InitRecord.parse(fields);
                WillRecord.parse(fields);
                SslParams.parse(fields.get(fields.size() - 1));
            } catch (InvalidRecordException e) {
                assertNotNull(e.getMessage(), "seed " + seed);
            } catch (RuntimeException e) {
                fail("seed " + seed + ": " + e, e);
            }
        }
    }

    @Test
    void randomBytesOnAStreamNeverStopTheBridge() throws Exception {
        PipeOpener opener = new PipeOpener();
        List<FakeMqttClient> clients = new ArrayList<>();
        ClientProvider own = ClientProvider.own(config -> {
            FakeMqttClient c = new FakeMqttClient();
            c.connected = true;
            c.connectFuture.complete(false);
            synchronized (clients) {
                clients.add(c);
            }
            return c;
        });
        StreamLink link = new StreamLink("fz", opener, 256, 64, 20);
        try (BridgeRuntime bridge = new BridgeRuntime("fz", link, own,
                new BridgeProtocol.Options("fz", 256, 64, Duration.ofSeconds(5), Clock.systemUTC(), Duration.ofMillis(10),
                        Duration.ofMillis(50), TimeSource.system(Clock.systemUTC()))).start()) {
            PipeOpener.HostEnd host = opener.nextHostEnd();
            java.util.concurrent.BlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();
            Thread drain = new Thread(() -> {
                try {
                    String reply;
                    while ((reply = host.read()) != null) {
                        replies.add(reply);
                    }
                } catch (java.io.IOException e) {
                    // closed at the end
                }
            }, "test-drain");
            drain.setDaemon(true);
            drain.start();
            Random rnd = new Random(42);
            for (int i = 0; i < 3000; i++) {
                byte[] junk;
                if (rnd.nextInt(4) == 0) {
                    junk = new byte[rnd.nextInt(600)];
                    rnd.nextBytes(junk);
                } else {
                    junk = (randomRecord(rnd, 40) + '\0').getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                host.toBridge.write(junk);
            }
            host.toBridge.write(new byte[] {0});
            host.toBridge.flush();
            // still alive: a fresh session works end to end
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (link.counters().charsIn.get() < 10_000 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(ThreadLeakCheck.live("mqttas-bridge-rx-fz").size() == 1, "reader alive");
            assertTrue(ThreadLeakCheck.live("mqttas-bridge-proto-fz").size() == 1, "protocol thread alive");
            assertTrue(bridge.status().recordsDropped() > 0, "garbage was dropped");
            // and it still works: a will record (which starts a new session) is answered
            // (the backlog of junk may still fill the bounded record queue, which drops records by
            // design, so the host repeats the will until it is answered, as a host would after a reset)
            String reply = null;
            long answerBy = System.nanoTime() + WAIT.toNanos();
            while (!Records.status(Records.WILLOK).equals(reply) && System.nanoTime() < answerBy) {
                host.write(Records.join("w", "fz/will", "bye", "False", "0"));
                long next = System.nanoTime() + 1_000_000_000L;
                do {
                    reply = replies.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                } while (!Records.status(Records.WILLOK).equals(reply) && System.nanoTime() < next);
            }
            assertEquals(Records.status(Records.WILLOK), reply);
            host.close();
            Shutdown.stop(drain, WAIT, org.slf4j.LoggerFactory.getLogger(HostileInputFuzzTest.class), "fz");
        }
        leaks.assertNoLeak(WAIT);
    }

    @Test
    void randomBitPatternsOnThePinsNeverStopTheLink() throws Exception {
        SimulatedWires wires = new SimulatedWires();
        SimulatedWires.HostPins chaos = wires.hostPins();
        RecordingEvents events = new RecordingEvents();
        SynComLink link = new SynComLink("fzp", wires.bridgePins(), 64, 16, 200, 100);
        link.start(events);
        try {
            Random rnd = new Random(7);
            for (int i = 0; i < 200_000; i++) {
                switch (rnd.nextInt(40)) {
                    case 0 -> chaos.reset(false);
                    case 1, 2, 3 -> chaos.reset(true);
                    default -> {
                        chaos.dataOut(rnd.nextBoolean());
                        chaos.clockOut(rnd.nextBoolean());
                    }
                }
                if (i % 20_000 == 0) {
                    // now and then a proper SYN and a long message of garbage characters
                    chaos.reset(true);
                    boolean ck = chaos.clockIn();
                    for (int b = 0; b < 8 + 7 * 200; b++) {
                        chaos.dataOut(b < 8 ? ((0x9D >> b) & 1) == 1 : rnd.nextBoolean());
                        ck = !ck;
                        chaos.clockOut(ck);
                        long until = System.nanoTime() + 2_000_000;
                        while (chaos.clockIn() != ck && System.nanoTime() < until) {
                            chaos.awaitInputChange(100_000);
                        }
                    }
                }
            }
            chaos.reset(true);
            chaos.clockOut(false);
            chaos.dataOut(false);
            assertEquals(1, ThreadLeakCheck.live("mqttas-bridge-link-fzp").size(), "link thread alive");
            events.records.clear();
            // a well-behaved host gets through afterwards
            try (SynComInitiator host = new SynComInitiator(chaos, Duration.ofMillis(20), Duration.ofMillis(50),
                    Duration.ofSeconds(2)).start()) {
                host.send("m");
                String got = events.record(WAIT);
                while (got != null && !got.equals("m")) {
                    got = events.record(WAIT);
                }
                assertEquals("m", got);
                link.send("ok", false);
                String reply = host.poll(WAIT);
                assertEquals("ok", reply);
            }
        } finally {
            link.close();
        }
        leaks.assertNoLeak(WAIT);
    }
}
