/* Issue 9 item 8: kill -9 of a process that appends in a loop — every record reported durable replays, and nothing else does but intact records. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.internal.OutboxTest.REJECT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxCrashTest {

    static Process child(String mode, Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", cp,
                OutboxChild.class.getName(), mode, dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void killMinus9WhileAppendingLosesNothingThatWasReportedDurable(@TempDir Path dir) throws Exception {
        int[] killAfter = {1500, 4000};
        for (int round = 0; round < killAfter.length; round++) {
            Map<Long, Integer> durable = new HashMap<>();
            Set<Long> removed = new HashSet<>();
            Process p = child("append", dir);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                int seen = 0;
                for (String line; (line = out.readLine()) != null; ) {
                    String[] f = line.split(" ");
                    if (f[0].equals("D")) {
                        durable.put(Long.parseLong(f[1]), Integer.parseInt(f[2]));
                        if (++seen == killAfter[round]) {
                            // SIGKILL through the handle (Process.destroyForcibly would also close our end of its stdout,
                            // losing lines it printed just before): no shutdown hook, no close(), writes cut wherever they were.
                            p.toHandle().destroyForcibly();
                        }
                    } else if (f[0].equals("R")) {
                        removed.add(Long.parseLong(f[1]));
                    }
                }
            } finally {
                p.destroyForcibly();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            }
            assertTrue(durable.size() >= killAfter[round], "the child reported " + durable.size() + " durable records");
            long written = 0;
            for (int i : durable.values()) {
                written += OutboxFormat.addSize(("crash/" + i).length(), OutboxChild.payload(i).length);
            }
            long size = java.nio.file.Files.size(dir.resolve("crash.outbox"));
            assertTrue(size < written / 2, "the child compacted while it ran: " + size + " bytes left of " + written + " written");
            List<Outbox.Entry> replayed = new ArrayList<>();
            try (Outbox o = Outbox.open(dir, "crash", 1L << 30, REJECT)) {
                o.replay(replayed::add);
            }
            Set<Long> ids = new HashSet<>();
            for (Outbox.Entry e : replayed) {
                int i = Integer.parseInt(e.topic().substring("crash/".length()));
                assertArrayEquals(OutboxChild.payload(i), e.payload(), "round " + round + ": garbage in " + e.topic());
                assertEquals(i % 2 == 0, e.retain());
                Integer reported = durable.get(e.id());
                assertTrue(reported == null || reported == i, "id " + e.id() + " belongs to another publication");
                ids.add(e.id());
            }
            int lost = 0;
            for (Map.Entry<Long, Integer> d : durable.entrySet()) {
                if (d.getValue() % 10 == 0 && !ids.contains(d.getKey())) {
                    lost++; // never removed by the child, reported durable: must replay
                }
            }
            assertEquals(0, lost, "round " + round + ": records reported durable and never removed must replay");
            int resurrected = 0;
            for (long id : removed) {
                resurrected += ids.contains(id) ? 1 : 0;
            }
            assertEquals(0, resurrected, "round " + round + ": a publication whose DONE was reported durable must not replay");
            // Earlier rounds' survivors replay again in the next round's child: the journal carries on across crashes.
        }
    }

    @Test
    void anotherProcessHoldingTheJournalIsNamedInTheErrorAndItsDeathFreesIt(@TempDir Path dir) throws Exception {
        Process p = child("hold", dir);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("LOCKED "), String.valueOf(line));
            MqttException e = assertThrows(MqttException.class, () -> Outbox.open(dir, "crash", 1 << 20, REJECT));
            assertTrue(e.getMessage().contains("another process") && e.getMessage().contains("pid " + p.pid())
                    && e.getMessage().contains(dir.resolve("crash.outbox").toString()), e.getMessage());
            p.toHandle().destroyForcibly(); // a crash never leaves a stale lock: the OS drops it with the process
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        Outbox.open(dir, "crash", 1 << 20, REJECT).close();
    }
}
