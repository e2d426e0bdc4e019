/* Issue 9 item 8: replay streams the journal; a journal over 2 GiB opens (sparse padding keeps the test fast and small on disk). */
package io.mqttas.session.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

import static io.mqttas.session.internal.OutboxTest.await;
import static io.mqttas.session.internal.OutboxTest.open;
import static io.mqttas.session.internal.OutboxTest.replay;
import static io.mqttas.session.internal.OutboxTest.topics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxLargeJournalTest {
    private static final long GIB = 1L << 30;

    /** Appends a PAD record of {@code body} bytes without writing its body: a hole in a sparse file. */
    static void pad(FileChannel ch, long salt, long body) throws Exception {
        long at = ch.size();
        ByteBuffer header = OutboxFormat.recordHeader(salt, OutboxFormat.PAD, body);
        CRC32C crc = OutboxFormat.salted(salt);
        crc.update(header.array(), 0, OutboxFormat.HEADER);
        ch.write(header, at);
        ch.write(OutboxFormat.trailer((int) crc.getValue()), at + OutboxFormat.HEADER + body);
    }

    @Test
    void aJournalOver2GiBOpensAndReplaysTheRecordsBeyondIt(@TempDir Path dir) throws Exception {
        Path file;
        try (Outbox a = open(dir)) {
            replay(a);
            file = a.file();
            await(a.append("before", "b".getBytes(), false).durable());
        }
        long salt;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer h = ByteBuffer.allocate(8);
            ch.read(h, 12);
            salt = h.getLong(0);
            pad(ch, salt, 3 * GIB / 2);
            pad(ch, salt, 3 * GIB / 2 - 1);
        }
        OutboxJournal j = OutboxJournal.open(file, FileChannel::open);
        long afterAt = j.end();
        byte[] payload = new byte[70_000];
        new java.util.Random(7).nextBytes(payload);
        j.append(List.of(new OutboxJournal.Record(OutboxFormat.ADD, 1000, 1, true, "after".getBytes(), payload)),
                ByteBuffer.allocate(OutboxJournal.WRITE_BUFFER));
        j.close(true);
        assertTrue(afterAt > 3 * GIB, "the record lies beyond 3 GiB: " + afterAt);
        assertTrue(Files.size(file) > 3 * GIB);

        long start = System.nanoTime();
        try (Outbox b = open(dir)) {
            List<Outbox.Entry> e = replay(b);
            assertEquals(List.of("before", "after"), topics(e));
            assertArrayEquals(payload, e.get(1).payload());
            assertTrue(e.get(1).retain());
            assertTrue(b.append("next", new byte[1], false).id() > 1000);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "opening a 3 GiB journal took " + millis + " ms: it must skip the padding, not read it");
        assertTrue(Files.size(file) < 1 << 20, "the dead 3 GiB were compacted away at open: " + Files.size(file));
    }
}
