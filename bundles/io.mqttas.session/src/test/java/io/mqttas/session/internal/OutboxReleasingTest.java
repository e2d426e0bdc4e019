/* Issue 13 item 5, OutboxFormat (RELEASING): the PUBREC of a QoS 2 publication is journaled, so a restart resumes with PUBREL. */
package io.mqttas.session.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static io.mqttas.session.internal.OutboxCorruptionTest.flip;
import static io.mqttas.session.internal.OutboxCorruptionTest.journal;
import static io.mqttas.session.internal.OutboxDiskFullTest.failure;
import static io.mqttas.session.internal.OutboxTest.DROP;
import static io.mqttas.session.internal.OutboxTest.await;
import static io.mqttas.session.internal.OutboxTest.open;
import static io.mqttas.session.internal.OutboxTest.replay;
import static io.mqttas.session.internal.OutboxTest.replayed;
import static io.mqttas.session.internal.OutboxTest.topics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxReleasingTest {

    /** Three durable QoS 2 publications q/1..q/3; q/2 had its PUBREC on packet id 77. Returns the RELEASING record's offset. */
    static long threeWithOneReleasing(Path dir) throws Exception {
        try (Outbox a = open(dir)) {
            replay(a);
            long second = 0;
            for (int i = 1; i <= 3; i++) {
                Outbox.Append x = a.append("q/" + i, ("m" + i).getBytes(), false, 2);
                await(x.durable());
                if (i == 2) {
                    second = x.id();
                }
            }
            long at = Files.size(a.file());
            await(a.releasing(second, 77));
            assertEquals(at + OutboxFormat.RELEASING_SIZE, Files.size(a.file()), "one RELEASING record, 28 bytes");
            return at;
        }
    }

    static List<Integer> packetIds(List<Outbox.Entry> entries) {
        return entries.stream().map(Outbox.Entry::releasingPacketId).toList();
    }

    @Test
    void aPubrecIsJournaledAndReplayedWithItsPacketId(@TempDir Path dir) throws Exception {
        threeWithOneReleasing(dir);
        List<Outbox.Entry> e = replayed(dir);
        assertEquals(List.of("q/1", "q/2", "q/3"), topics(e));
        assertEquals(List.of(0, 77, 0), packetIds(e), "only the entry whose PUBREC arrived resumes with PUBREL");
        assertEquals(2, e.get(1).qos());
    }

    @Test
    void theDoneOnPubcompEndsAReleasingEntry(@TempDir Path dir) throws Exception {
        try (Outbox a = open(dir)) {
            replay(a);
            Outbox.Append x = a.append("q/x", new byte[] {1}, false, 2);
            await(x.durable());
            await(a.releasing(x.id(), 5));
            await(a.remove(x.id()));
        }
        assertEquals(List.of(), replayed(dir));
    }

    @Test
    void aPubrecBeforeTheAddIsWrittenAndAPubcompRightAfterCostNoRecordAtAll(@TempDir Path dir) throws Exception {
        long empty;
        try (Outbox a = open(dir)) {
            replay(a);
            empty = Files.size(a.file());
            Outbox.Append x = a.append("q/x", new byte[] {1}, false, 2);
            a.releasing(x.id(), 9);
            await(a.remove(x.id()));
            await(a.append("sync", new byte[0], false).durable());
            assertEquals(empty + OutboxFormat.addSize(4, 0), Files.size(a.file()), "ADD and RELEASING cancelled, only 'sync' written");
        }
        assertEquals(List.of("sync"), topics(replayed(dir)));
    }

    @Test
    void aReleasingForAnEntryThatIsGoneWritesNothing(@TempDir Path dir) throws Exception {
        try (Outbox a = open(dir)) {
            replay(a);
            long before = Files.size(a.file());
            await(a.releasing(12345, 3));
            assertEquals(before, Files.size(a.file()));
        }
    }

    /**
     * A reader that does not know RELEASING (version 1 before issue 13) sees a record of a type outside
     * its switch; this reader sees type 42 the same way. Turned into type 42, the RELEASING record is
     * skipped by its trusted length: every entry replays, the former RELEASING one as a new PUBLISH.
     */
    @Test
    void aReaderThatDoesNotKnowReleasingSkipsItByItsLengthAndPublishesAgain(@TempDir Path dir) throws Exception {
        long at = threeWithOneReleasing(dir);
        byte[] bytes = Files.readAllBytes(journal(dir));
        long salt = ByteBuffer.wrap(bytes).getLong(12);
        int p = (int) at;
        ByteBuffer rec = ByteBuffer.wrap(bytes, p, (int) OutboxFormat.RELEASING_SIZE).slice();
        rec.put(4, (byte) 42);
        byte[] header10 = new byte[10];
        rec.get(0, header10);
        rec.putInt(10, OutboxFormat.headerCrc(salt, header10));
        CRC32C crc = OutboxFormat.salted(salt);
        crc.update(bytes, p, OutboxFormat.HEADER + OutboxFormat.RELEASING_BODY);
        rec.putInt(OutboxFormat.HEADER + OutboxFormat.RELEASING_BODY, (int) crc.getValue());
        Files.write(journal(dir), bytes);
        List<Outbox.Entry> e = replayed(dir);
        assertEquals(List.of("q/1", "q/2", "q/3"), topics(e));
        assertEquals(List.of(0, 0, 0), packetIds(e), "unknown to the reader: at least once, as before issue 13");
        assertEquals(bytes.length, Files.size(journal(dir)), "not treated as damage: the journal was not rewritten");
    }

    @Test
    void aDamagedReleasingBodyIsSkippedAndItsEntryIsPublishedAgain(@TempDir Path dir) throws Exception {
        long at = threeWithOneReleasing(dir);
        flip(journal(dir), at + OutboxFormat.HEADER + 9); // the packet id's low byte: the record CRC fails
        List<Outbox.Entry> e = replayed(dir);
        assertEquals(List.of("q/1", "q/2", "q/3"), topics(e));
        assertEquals(List.of(0, 0, 0), packetIds(e), "never a wrong packet id: a duplicate at worst");
    }

    @Test
    void aDamagedReleasingHeaderIsSkippedByResynchronisingAndLaterRecordsStay(@TempDir Path dir) throws Exception {
        long at = threeWithOneReleasing(dir);
        try (Outbox a = open(dir)) {
            List<Outbox.Entry> before = replay(a);
            await(a.append("q/4", new byte[] {4}, false, 2).durable());
            await(a.remove(before.get(0).id()));
        }
        flip(journal(dir), at + 7); // inside the length field: the header CRC fails
        List<Outbox.Entry> e = replayed(dir);
        assertEquals(List.of("q/2", "q/3", "q/4"), topics(e), "the DONE of q/1 after the damage still counts");
        assertEquals(List.of(0, 0, 0), packetIds(e));
    }

    @Test
    void aTornReleasingAtTheEndIsCutOffAndItsEntryIsPublishedAgain(@TempDir Path dir) throws Exception {
        long at = threeWithOneReleasing(dir);
        try (RandomAccessFile f = new RandomAccessFile(journal(dir).toFile(), "rw")) {
            f.setLength(at + 20); // a crash in the middle of writing it
        }
        List<Outbox.Entry> e = replayed(dir);
        assertEquals(List.of(0, 0, 0), packetIds(e));
        assertEquals(at, Files.size(journal(dir)), "the torn tail was cut");
    }

    @Test
    void releasingRecordsSurviveCompaction(@TempDir Path dir) throws Exception {
        Path file;
        try (Outbox a = open(dir)) {
            replay(a);
            file = a.file();
            Outbox.Append keep = a.append("keep", new byte[10], false, 2);
            Outbox.Append plain = a.append("plain", new byte[10], false, 2);
            await(plain.durable());
            await(a.releasing(keep.id(), 65_535));
            for (int round = 0; round < 40; round++) {
                List<Outbox.Append> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    batch.add(a.append("t", new byte[200], false, 2));
                }
                await(batch.get(99).durable());
                for (Outbox.Append x : batch) {
                    a.releasing(x.id(), 1 + i(x));
                    a.remove(x.id());
                }
            }
            await(a.append("sync", new byte[0], false).durable());
            assertTrue(Files.size(file) < OutboxWriter.COMPACT_MIN_DEAD + 64 * 1024, "compacted: " + Files.size(file));
        }
        List<Outbox.Entry> e = replayed(dir);
        assertEquals(List.of("keep", "plain", "sync"), topics(e));
        assertEquals(List.of(65_535, 0, 0), packetIds(e), "the RELEASING record moved with its ADD");
        // compaction at open (a damaged record elsewhere forces a rewrite) keeps them too
        long junkAt;
        try (Outbox a = open(dir)) {
            replay(a);
            junkAt = Files.size(file);
            await(a.append("junk", new byte[100], false).durable());
            await(a.releasing(e.get(1).id(), 2));
        }
        flip(file, junkAt + OutboxFormat.HEADER + 20);
        long damaged = Files.size(file);
        List<Outbox.Entry> again = replayed(dir);
        assertTrue(Files.size(file) < damaged, "rewritten at open without the damaged record");
        assertEquals(List.of("keep", "plain", "sync"), topics(again));
        assertEquals(List.of(65_535, 2, 0), packetIds(again));
        assertEquals(List.of(65_535, 2, 0), packetIds(replayed(dir)), "and read back from the rewritten file");
    }

    private static int i(Outbox.Append x) {
        return (int) (x.id() % 60_000);
    }

    @Test
    void aFailedReleasingWriteIsTruncatedBackAndTheEntryIsPublishedAgain(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        long id;
        try (Outbox o = Outbox.open(dir, "c", 1 << 24, DROP, null, files)) {
            replay(o);
            Outbox.Append x = o.append("q/x", new byte[] {1}, false, 2);
            await(x.durable());
            id = x.id();
            long good = Files.size(o.file());
            files.spaceLeft.set(10); // part of the 28-byte record
            failure(o.releasing(id, 40));
            assertEquals(good, Files.size(o.file()), "the partial RELEASING was truncated back");
            files.spaceLeft.set(Long.MAX_VALUE);
            await(o.append("after", new byte[0], false).durable());
        }
        List<Outbox.Entry> e = OutboxDiskFullTest.replayed(dir, files);
        assertEquals(List.of("q/x", "after"), topics(e));
        assertEquals(List.of(0, 0), packetIds(e), "not journaled: at least once, the entry is published again");
        try (Outbox o = Outbox.open(dir, "c", 1 << 24, DROP, null, files)) {
            replay(o);
            await(o.releasing(id, 41)); // the next PUBREC after the restart is journaled
        }
        assertEquals(List.of(41, 0), packetIds(OutboxDiskFullTest.replayed(dir, files)));
    }
}
