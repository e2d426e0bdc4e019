/* Issue 9 item 8 (hostile input: fuzz what parses bytes): damaged journals against the reader, coverage-guided. */
package io.mqttas.session.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mqttas.session.MqttConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jazzer harness for the outbox reader. In {@code mvn test} it runs the committed seeds in
 * {@code src/test/resources/io/mqttas/session/internal/OutboxJournalFuzzTestInputs/replay/}; with
 * {@code JAZZER_FUZZ=1 mvn test -pl bundles/io.mqttas.session -Dtest=OutboxJournalFuzzTest} it fuzzes.
 *
 * <p>A valid journal (ADD records of several sizes, DONEs, a PAD, an unknown record type) is damaged
 * by the input, read as edits of 4 bytes each: op (xor a byte / set a byte / cut the file / insert a
 * zero run), a 16-bit offset, a value. Invariants: opening and replaying never throw (the file is
 * damaged, the disk works), every replayed entry is exactly a publication that was appended (same id,
 * topic, payload, retain), and a second open agrees with the first (what the first open rewrote is
 * consistent).
 */
class OutboxJournalFuzzTest {
    static {
        // Every damaged journal is logged at WARN by design; when fuzzing that would be most of the work.
        System.setProperty("org.slf4j.simpleLogger.log.io.mqttas.session.internal.Outbox", "error");
        System.setProperty("org.slf4j.simpleLogger.log.io.mqttas.session.internal.OutboxJournal", "error");
    }

    private static byte[] clean;
    private static final Map<Long, String> WRITTEN = new HashMap<>();
    private static Path dir;

    private static synchronized void setUp() throws Exception {
        if (clean != null) {
            return;
        }
        dir = Files.createTempDirectory("outbox-fuzz");
        Path remove = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var all = Files.walk(remove)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }, "outbox-fuzz-cleanup"));
        Path src = Files.createDirectories(dir.resolve("src"));
        try (Outbox o = Outbox.open(src, "f", 1 << 24, MqttConfig.OutboxOverflow.REJECT)) {
            o.replay(e -> { });
            List<Outbox.Append> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                byte[] p = new byte[(i * 37) % 200];
                Arrays.fill(p, (byte) i);
                Outbox.Append a = o.append("f/" + i, p, i % 3 == 0);
                all.add(a);
                WRITTEN.put(a.id(), describe("f/" + i, p, i % 3 == 0));
            }
            all.get(11).durable().get();
            o.remove(all.get(2).id()).get();
            o.remove(all.get(7).id()).get();
        }
        Path file = src.resolve(OutboxFormat.fileName("f"));
        try (FileChannel ch = FileChannel.open(file, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            ByteBuffer s = ByteBuffer.allocate(8);
            ch.read(s, 12);
            long salt = s.getLong(0);
            append(ch, salt, OutboxFormat.PAD, new byte[40]);
            append(ch, salt, (byte) 77, new byte[] {1, 2, 3});
        }
        clean = Files.readAllBytes(file);
    }

    private static void append(FileChannel ch, long salt, byte type, byte[] body) throws IOException {
        ByteBuffer h = OutboxFormat.recordHeader(salt, type, body.length);
        java.util.zip.CRC32C crc = OutboxFormat.salted(salt);
        crc.update(h.array(), 0, OutboxFormat.HEADER);
        if (type != OutboxFormat.PAD) {
            crc.update(body, 0, body.length);
        }
        ch.position(ch.size());
        ch.write(new ByteBuffer[] {h, ByteBuffer.wrap(body), OutboxFormat.trailer((int) crc.getValue())});
    }

    private static String describe(String topic, byte[] payload, boolean retain) {
        return topic + " " + Arrays.toString(payload) + " " + retain;
    }

    @FuzzTest(maxDuration = "10m")
    void replay(byte[] data) throws Exception {
        setUp();
        byte[] file = damage(clean, data);
        Path d = Files.createDirectories(dir.resolve("run"));
        Files.write(d.resolve(OutboxFormat.fileName("f")), file);
        List<String> first = replayed(d);
        List<String> second = replayed(d);
        if (!first.equals(second)) {
            throw new AssertionError("a second open disagrees with the first: " + first + " vs " + second);
        }
        try (var left = Files.list(d)) {
            for (Path p : (Iterable<Path>) left::iterator) {
                Files.delete(p);
            }
        }
    }

    private static List<String> replayed(Path d) throws Exception {
        List<String> out = new ArrayList<>();
        try (Outbox o = Outbox.open(d, "f", 1 << 24, MqttConfig.OutboxOverflow.REJECT)) {
            o.replay(e -> {
                String expected = WRITTEN.get(e.id());
                String got = describe(e.topic(), e.payload(), e.retain());
                if (!got.equals(expected)) {
                    throw new AssertionError("replayed " + e.id() + " = " + got + ", appended " + expected);
                }
                out.add(e.id() + "");
            });
        }
        return out;
    }

    private static byte[] damage(byte[] clean, byte[] edits) {
        byte[] f = clean.clone();
        for (int i = 0; i + 3 < edits.length && i < 4 * 16; i += 4) {
            int op = edits[i] & 3;
            int at = OutboxFormat.FILE_HEADER + (((edits[i + 1] & 0xff) << 8) | (edits[i + 2] & 0xff)) % Math.max(1, f.length - OutboxFormat.FILE_HEADER);
            byte v = edits[i + 3];
            switch (op) {
                case 0 -> f[at] ^= v == 0 ? 1 : v;
                case 1 -> f[at] = v;
                case 2 -> f = Arrays.copyOf(f, at);
                default -> {
                    byte[] g = new byte[f.length + (v & 0x3f) + 1];
                    System.arraycopy(f, 0, g, 0, at);
                    System.arraycopy(f, at, g, g.length - (f.length - at), f.length - at);
                    f = g;
                }
            }
            if (f.length <= OutboxFormat.FILE_HEADER) {
                break;
            }
        }
        return f;
    }
}
