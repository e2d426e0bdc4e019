/* Issue 9 item 8: a full disk (or a failing fsync) costs the records that did not fit, never the records after them. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.mqttas.session.internal.OutboxTest.DROP;
import static io.mqttas.session.internal.OutboxTest.await;
import static io.mqttas.session.internal.OutboxTest.replay;
import static io.mqttas.session.internal.OutboxTest.topics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxDiskFullTest {

    static Throwable failure(CompletableFuture<Void> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof MqttException, String.valueOf(e.getCause()));
        return e.getCause();
    }

    static List<Outbox.Entry> replayed(Path dir, OutboxJournal.Opener opener) throws Exception {
        try (Outbox b = Outbox.open(dir, "c", 1 << 24, DROP, null, opener)) {
            return replay(b);
        }
    }

    @Test
    void aFailedWriteIsTruncatedBackAndLaterAppendsWorkOnceSpaceIsBack(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        Path file;
        try (Outbox o = Outbox.open(dir, "c", 1 << 24, DROP, null, files)) {
            replay(o);
            file = o.file();
            await(o.append("before", new byte[100], false).durable());
            long good = Files.size(file);
            files.spaceLeft.set(150); // room for one more record and part of the next: the classic torn write
            Outbox.Append fits = o.append("fits", new byte[50], false);
            await(fits.durable());
            Outbox.Append cut = o.append("cut", new byte[200], false);
            Throwable e = failure(cut.durable());
            assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains(file.toString()), e.getMessage());
            assertEquals(good + OutboxFormat.addSize(4, 50), Files.size(file), "the partial record was truncated back");
            assertEquals(2, o.size(), "the failed publication is no longer journaled");
            files.spaceLeft.set(Long.MAX_VALUE); // space is back
            await(o.append("after", new byte[10], false).durable());
        }
        assertEquals(List.of("before", "fits", "after"), topics(replayed(dir, files)));
    }

    @Test
    void evenAFailedTruncationCannotCutOffLaterRecords(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        try (Outbox o = Outbox.open(dir, "c", 1 << 24, DROP, null, files)) {
            replay(o);
            await(o.append("before", new byte[100], false).durable());
            files.spaceLeft.set(40);
            files.failTruncate = true; // the partial record stays in the file for now
            failure(o.append("cut", new byte[200], false).durable());
            files.failTruncate = false;
            files.spaceLeft.set(Long.MAX_VALUE);
            await(o.append("after", new byte[10], false).durable()); // first retries the truncation
        }
        assertEquals(List.of("before", "after"), topics(replayed(dir, files)));
    }

    @Test
    void aFailedFsyncFailsItsBatchAndTheNextBatchWorks(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        try (Outbox o = Outbox.open(dir, "c", 1 << 24, DROP, null, files)) {
            replay(o);
            files.failForce = true;
            Throwable e = failure(o.append("lost", new byte[10], false).durable());
            assertTrue(e.getMessage().contains("injected fsync failure"), e.getMessage());
            files.failForce = false;
            await(o.append("kept", new byte[10], false).durable());
        }
        assertEquals(List.of("kept"), topics(replayed(dir, files)), "an unforced batch is truncated back: never reported, never replayed");
    }

    @Test
    void aFailedDoneDoesNotLoseTheCompletionAndIsCompactedAwayLater(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        try (Outbox o = Outbox.open(dir, "c", 1 << 24, DROP, null, files)) {
            replay(o);
            Outbox.Append x = o.append("acked", new byte[10], false);
            Outbox.Append y = o.append("open", new byte[10], false);
            await(y.durable());
            files.spaceLeft.set(0);
            CompletableFuture<Void> done = o.remove(x.id());
            Throwable e = failure(done); // completes (exceptionally, for the log): the caller's operation never waits on it
            assertTrue(e.getMessage().contains("No space left"), e.getMessage());
            assertEquals(1, o.size(), "the acknowledged publication is done in memory");
            files.spaceLeft.set(Long.MAX_VALUE);
            await(o.append("later", new byte[10], false).durable()); // a successful commit compacts the lost DONE away
        } // close() waits for that compaction
        assertEquals(List.of("open", "later"), topics(replayed(dir, files)), "no duplicate once the disk is back");
    }

    @Test
    void compactionOnAFullDiskKeepsTheOldJournal(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        Path file;
        List<Long> keep = new ArrayList<>();
        try (Outbox o = Outbox.open(dir, "c", 1 << 24, DROP, null, files)) {
            replay(o);
            file = o.file();
            for (int i = 0; i < 20; i++) {
                keep.add(o.append("keep", new byte[1000], false).id());
            }
            List<Outbox.Append> dead = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                dead.add(o.append("dead", new byte[1000], false));
            }
            await(dead.get(299).durable());
            // The journal has room for the DONE records; a compacted copy (another 20 kB) does not fit.
            files.limited = p -> p.getFileName().toString().endsWith(".compact");
            files.spaceLeft.set(1000);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (Outbox.Append d : dead) {
                done.add(o.remove(d.id()));
            }
            for (CompletableFuture<Void> f : done) {
                await(f);
            }
            assertEquals(keep, o.liveIds());
        } // close() waits for the compaction attempt
        assertTrue(files.events().contains("open " + OutboxJournal.compactFile(file).getFileName()), "compaction was tried");
        assertTrue(Files.notExists(OutboxJournal.compactFile(file)), "the half-written compaction file was removed");
        files.spaceLeft.set(Long.MAX_VALUE);
        assertEquals(keep, replayed(dir, files).stream().map(Outbox.Entry::id).toList());
    }

    /**
     * The same paths on a real, size-limited file system: a 1 MiB tmpfs mounted by the test (needs
     * root and {@code mount}; skipped, saying why, where the machine does not allow it — the
     * channel-based tests above cover the same code).
     */
    @Test
    void onARealFullFileSystem(@TempDir Path tmp) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("small-disk"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()) == 0,
                "skipped: cannot mount a size-limited tmpfs here (needs root and mount); FaultyFiles covers the same paths");
        try {
            Path filler = mnt.resolve("filler");
            try (FileChannel f = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                f.write(ByteBuffer.allocate(900 * 1024));
            }
            Path dir = Files.createDirectories(mnt.resolve("outbox"));
            List<String> durable = new ArrayList<>();
            Throwable full = null;
            try (Outbox o = Outbox.open(dir, "c", 1 << 24, DROP)) {
                replay(o);
                for (int i = 0; full == null && i < 1000; i++) {
                    Outbox.Append a = o.append("m" + i, new byte[1000], false);
                    try {
                        a.durable().get(10, TimeUnit.SECONDS);
                        durable.add("m" + i);
                    } catch (ExecutionException e) {
                        full = e.getCause();
                    }
                }
                assertTrue(full != null && full.getMessage().contains("No space left on device"), String.valueOf(full));
                long expected = OutboxFormat.FILE_HEADER;
                for (String t : durable) {
                    expected += OutboxFormat.addSize(t.length(), 1000);
                }
                assertEquals(expected, Files.size(o.file()), "truncated back to the last durable record");
                Files.delete(filler); // space is back
                await(o.append("after", new byte[1000], false).durable());
                durable.add("after");
            }
            try (Outbox b = Outbox.open(dir, "c", 1 << 24, DROP)) {
                assertEquals(durable, topics(replay(b)));
            }
        } finally {
            assertEquals(0, run("umount", mnt.toString()), "umount " + mnt);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
