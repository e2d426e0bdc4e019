/* Issue 9 item 8: damaged journals — a bad record never hides the records after it, and nothing damaged is replayed. */
package io.mqttas.session.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.mqttas.session.internal.OutboxTest.await;
import static io.mqttas.session.internal.OutboxTest.open;
import static io.mqttas.session.internal.OutboxTest.replay;
import static io.mqttas.session.internal.OutboxTest.replayed;
import static io.mqttas.session.internal.OutboxTest.topics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxCorruptionTest {

    /** Writes five publications t/1..t/5 (payload "payload-i"), all durable; returns each record's [offset, size]. */
    static long[][] fiveRecords(Path dir) throws Exception {
        try (Outbox a = open(dir)) {
            replay(a);
            for (int i = 1; i <= 5; i++) {
                await(a.append("t/" + i, ("payload-" + i).getBytes(), false).durable());
            }
        }
        long[][] at = new long[5][];
        long p = OutboxFormat.FILE_HEADER;
        for (int i = 1; i <= 5; i++) {
            long size = OutboxFormat.addSize(3, ("payload-" + i).length());
            at[i - 1] = new long[] {p, size};
            p += size;
        }
        assertEquals(p, Files.size(journal(dir)));
        return at;
    }

    static Path journal(Path dir) {
        return dir.resolve(OutboxFormat.fileName("client/1"));
    }

    static void flip(Path file, long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x40);
        }
    }

    @Test
    void aFlippedByteInTheMiddleLosesOnlyThatRecord(@TempDir Path dir) throws Exception {
        long[][] at = fiveRecords(dir);
        flip(journal(dir), at[1][0] + at[1][1] - 8); // inside t/2's payload: its CRC fails, its header still checks
        assertEquals(List.of("t/1", "t/3", "t/4", "t/5"), topics(replayed(dir)));
        assertEquals(List.of("t/1", "t/3", "t/4", "t/5"), topics(replayed(dir)), "the journal was rewritten clean, not re-damaged");
    }

    @Test
    void aDamagedHeaderInTheMiddleIsSkippedByResynchronising(@TempDir Path dir) throws Exception {
        long[][] at = fiveRecords(dir);
        flip(journal(dir), at[2][0] + 7); // t/3's length field: the header CRC fails, the search finds t/4
        flip(journal(dir), at[0][0] + 1); // and t/1's mark
        assertEquals(List.of("t/2", "t/4", "t/5"), topics(replayed(dir)));
    }

    @Test
    void aTornLastRecordIsCutOffAndLaterAppendsReplay(@TempDir Path dir) throws Exception {
        long[][] at = fiveRecords(dir);
        try (RandomAccessFile f = new RandomAccessFile(journal(dir).toFile(), "rw")) {
            f.setLength(at[4][0] + at[4][1] - 3); // a crash in the middle of the last write
        }
        try (Outbox b = open(dir)) {
            assertEquals(List.of("t/1", "t/2", "t/3", "t/4"), topics(replay(b)));
            assertEquals(at[4][0], Files.size(journal(dir)), "the torn tail was cut");
            await(b.append("t/6", new byte[] {6}, false).durable());
        }
        assertEquals(List.of("t/1", "t/2", "t/3", "t/4", "t/6"), topics(replayed(dir)));
    }

    @Test
    void aZeroFilledTailIsIgnored(@TempDir Path dir) throws Exception {
        fiveRecords(dir);
        try (FileChannel ch = FileChannel.open(journal(dir), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(10_000)); // what a file system may show after a power cut: size grew, data did not land
        }
        assertEquals(5, replayed(dir).size());
    }

    @Test
    void aDamagedDoneReplaysItsPublicationAsADuplicate(@TempDir Path dir) throws Exception {
        long doneAt;
        try (Outbox a = open(dir)) {
            replay(a);
            Outbox.Append x = a.append("t/x", new byte[] {1}, false);
            await(x.durable());
            doneAt = Files.size(journal(dir));
            await(a.remove(x.id()));
        }
        flip(journal(dir), doneAt + OutboxFormat.HEADER + 3);
        assertEquals(List.of("t/x"), topics(replayed(dir)), "at least once: a lost DONE means a duplicate, never a loss");
    }

    @Test
    void aDamagedFileHeaderStillYieldsTheRecords(@TempDir Path dir) throws Exception {
        fiveRecords(dir);
        flip(journal(dir), 22); // the creation time: the header CRC fails, magic, version and salt are intact
        assertEquals(5, replayed(dir).size());
        assertEquals(5, replayed(dir).size(), "header rewritten");
    }

    @Test
    void aFileThatIsNotAJournalIsKeptAsideNeverDeleted(@TempDir Path dir) throws Exception {
        Files.write(journal(dir), "not a journal, perhaps another program's file".getBytes());
        try (Outbox o = open(dir)) {
            assertEquals(0, replay(o).size());
            await(o.append("t", new byte[1], false).durable());
        }
        try (var files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().contains(".unreadable-")).toList();
            assertEquals(1, aside.size());
            assertEquals("not a journal, perhaps another program's file", Files.readString(aside.get(0)));
        }
        assertEquals(1, replayed(dir).size());
    }

    @Test
    void aHeaderWhoseCreationWasCutStartsANewJournal(@TempDir Path dir) throws Exception {
        for (byte[] torn : new byte[][] {java.util.Arrays.copyOf(OutboxFormat.MAGIC, 5), new byte[20]}) {
            Files.write(journal(dir), torn);
            try (Outbox o = open(dir)) {
                assertEquals(0, replay(o).size());
                await(o.append("t", new byte[1], false).durable());
            }
            assertEquals(1, replayed(dir).size());
            Files.delete(journal(dir));
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().contains(".unreadable-")).count(), "nothing worth keeping");
        }
    }

    @Test
    void aNewerFormatVersionIsKeptAsideForTheNewerBundle(@TempDir Path dir) throws Exception {
        fiveRecords(dir);
        byte[] all = Files.readAllBytes(journal(dir));
        all[9] = 2; // version 2, CRC recomputed: a valid header this bundle cannot read
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(all, 0, 28);
        ByteBuffer.wrap(all).putInt(28, (int) crc.getValue());
        Files.write(journal(dir), all);
        assertEquals(0, replayed(dir).size());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().contains(".unreadable-")).count());
        }
    }

    @Test
    void recordTypesThisVersionDoesNotKnowAreSkippedAndKept(@TempDir Path dir) throws Exception {
        long[][] at = fiveRecords(dir);
        byte[] clean = Files.readAllBytes(journal(dir));
        long salt = ByteBuffer.wrap(clean).getLong(12);
        // A future record type (e.g. issue 13's PUBREC state) between t/2 and t/3.
        ByteBuffer header = OutboxFormat.recordHeader(salt, (byte) 42, 3);
        java.util.zip.CRC32C crc = OutboxFormat.salted(salt);
        crc.update(header.array(), 0, OutboxFormat.HEADER);
        crc.update(new byte[] {9, 9, 9}, 0, 3);
        ByteBuffer file = ByteBuffer.allocate(clean.length + OutboxFormat.OVERHEAD + 3);
        int cut = (int) at[2][0];
        file.put(clean, 0, cut).put(header).put(new byte[] {9, 9, 9}).put(OutboxFormat.trailer((int) crc.getValue()))
                .put(clean, cut, clean.length - cut);
        Files.write(journal(dir), file.array());
        assertEquals(5, replayed(dir).size());
        assertEquals(file.capacity(), Files.size(journal(dir)), "not treated as damage: the journal was not rewritten");
    }

    @Test
    void seededRandomDamageNeverReplaysGarbage(@TempDir Path dir) throws Exception {
        Random random = new Random(20261201);
        Map<Long, String> written = new HashMap<>();
        try (Outbox a = open(dir)) {
            replay(a);
            List<Outbox.Append> appends = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                byte[] payload = new byte[random.nextInt(300)];
                random.nextBytes(payload);
                Outbox.Append x = a.append("r/" + i, payload, i % 2 == 0);
                appends.add(x);
                written.put(x.id(), "r/" + i + " " + Arrays.toString(payload) + " " + (i % 2 == 0));
            }
            await(appends.get(59).durable());
            for (int i = 0; i < 60; i += 3) {
                await(a.remove(appends.get(i).id()));
            }
        }
        byte[] clean = Files.readAllBytes(journal(dir));
        int survivors = 0;
        int rounds = Integer.getInteger("mqttas.outbox.damageRounds", 120); // more on demand: -Dmqttas.outbox.damageRounds=5000
        for (int round = 0; round < rounds; round++) {
            byte[] damaged = clean.clone();
            int flips = 1 + random.nextInt(8);
            for (int k = 0; k < flips; k++) {
                int at = OutboxFormat.FILE_HEADER + random.nextInt(damaged.length - OutboxFormat.FILE_HEADER);
                damaged[at] ^= (byte) (1 + random.nextInt(255));
            }
            int length = random.nextInt(4) == 0 ? OutboxFormat.FILE_HEADER + random.nextInt(damaged.length - OutboxFormat.FILE_HEADER) : damaged.length;
            Path d = Files.createDirectories(dir.resolve("round" + round));
            Files.write(journal(d), Arrays.copyOf(damaged, length));
            List<Outbox.Entry> entries = replayed(d);
            survivors += entries.size();
            for (Outbox.Entry e : entries) {
                String expected = written.get(e.id());
                assertEquals(expected, e.topic() + " " + Arrays.toString(e.payload()) + " " + e.retain(),
                        "round " + round + ": a replayed entry must be exactly what was appended");
            }
        }
        assertTrue(survivors > rounds * 40 / 2, "damage costs the damaged records, not the journal: " + survivors + " of " + rounds * 40);
    }

    @Test
    void aPayloadThatContainsAJournalIsNotMistakenForRecords(@TempDir Path dir) throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        fiveRecords(other);
        byte[] foreign = Files.readAllBytes(journal(other)); // valid records, but of another journal (another salt)
        try (Outbox a = open(dir)) {
            replay(a);
            await(a.append("carrier", foreign, false).durable());
        }
        flip(journal(dir), OutboxFormat.FILE_HEADER + 1); // damage the carrier's header: the search walks through its payload
        assertEquals(List.of(), replayed(dir), "none of the embedded records may surface");
        assertTrue(Files.size(journal(dir)) < foreign.length, "the damaged carrier was cut as a torn tail");
        assertArrayEquals(foreign, Files.readAllBytes(journal(other)));
    }
}
