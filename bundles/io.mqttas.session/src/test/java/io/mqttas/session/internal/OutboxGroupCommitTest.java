/* Issue 9 item 8 (and items 3, 12): fsync and compaction off the caller, many records per fsync, one thread, bounded close. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttClosedException;
import io.mqttas.testkit.ThreadLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.mqttas.session.internal.OutboxTest.DROP;
import static io.mqttas.session.internal.OutboxTest.await;
import static io.mqttas.session.internal.OutboxTest.replay;
import static io.mqttas.session.internal.OutboxTest.replayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxGroupCommitTest {

    @Test
    void manyRecordsShareOneFsync(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        try (Outbox o = Outbox.open(dir, "client/1", 1 << 24, DROP, null, files)) {
            replay(o);
            files.forceGate = new CountDownLatch(1);
            int before = files.journalForces.get();
            List<Outbox.Append> appends = new ArrayList<>();
            appends.add(o.append("t", new byte[64], false));
            assertTrue(files.forceEntered.await(10, TimeUnit.SECONDS), "the committer is in its first fsync");
            for (int i = 1; i < 1000; i++) {
                appends.add(o.append("t", new byte[64], false)); // while the disk is busy: gathered for the next commit
            }
            files.forceGate.countDown();
            for (Outbox.Append a : appends) {
                await(a.durable());
            }
            assertEquals(2, files.journalForces.get() - before, "1,000 records, 2 fsyncs");
        }
        assertEquals(1000, replayed(dir).size());
    }

    @Test
    void appendAndRemoveNeverWaitForTheDisk(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        try (Outbox o = Outbox.open(dir, "client/1", 1 << 24, DROP, null, files)) {
            replay(o);
            files.forceGate = new CountDownLatch(1);
            Outbox.Append first = o.append("t", new byte[64], false);
            assertTrue(files.forceEntered.await(10, TimeUnit.SECONDS));
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                o.remove(o.append("t", new byte[64], false).id()); // the fsync is stuck: these must not be
            }
            CompletableFuture<Void> done = o.remove(first.id());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2000, "appends and removes waited for a stuck fsync: " + millis + " ms");
            assertTrue(!first.durable().isDone() && !done.isDone());
            files.forceGate.countDown();
            await(first.durable());
            await(done);
        }
    }

    @Test
    void compactionRunsOutsideTheCallersLockAndForcesTheDirectoryAfterTheRename(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        Path file;
        try (Outbox o = Outbox.open(dir, "client/1", 1 << 24, DROP, null, files)) {
            replay(o);
            file = o.file();
            long keep = o.append("keep", new byte[10], false).id();
            List<Outbox.Append> dead = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                dead.add(o.append("dead", new byte[1000], false));
            }
            await(dead.get(299).durable());
            files.compactGate = new CountDownLatch(1);
            for (Outbox.Append d : dead) {
                o.remove(d.id());
            }
            assertTrue(files.compactEntered.await(10, TimeUnit.SECONDS), "compaction started");
            long start = System.nanoTime();
            Outbox.Append during = o.append("during", new byte[10], false); // compaction is stuck mid-copy
            assertTrue((System.nanoTime() - start) < 1_000_000_000L, "append waited for compaction");
            assertEquals(2, o.size());
            files.compactGate.countDown();
            await(during.durable());
            assertEquals(List.of(keep, during.id()), o.liveIds());
        }
        List<String> ev = files.events();
        String compact = OutboxJournal.compactFile(file).getFileName().toString();
        int tmpForced = ev.lastIndexOf("force " + compact);
        int dirForced = ev.lastIndexOf("force " + dir.getFileName());
        int reopened = ev.lastIndexOf("open " + file.getFileName());
        assertTrue(tmpForced >= 0 && dirForced > tmpForced && reopened > tmpForced,
                "the new file is forced, renamed, then the directory is forced: " + ev.subList(Math.max(0, tmpForced - 2), ev.size()));
        assertTrue(Files.size(file) < 64 * 1024, "compacted: " + Files.size(file));
        assertEquals(List.of("keep", "during"), OutboxTest.topics(replayed(dir)));
    }

    @Test
    void durableCompletesNeitherOnTheCallersNorOnTheCommittersThread(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        ExecutorService own = Executors.newSingleThreadExecutor(r -> new Thread(r, "session-completions"));
        try {
            for (java.util.concurrent.Executor executor : new java.util.concurrent.Executor[] {null, own}) {
                try (Outbox o = Outbox.open(dir, "client/1", 1 << 24, DROP, executor, files)) {
                    if (executor == null) {
                        replay(o);
                    }
                    files.forceGate = new CountDownLatch(1);
                    files.forceEntered = new CountDownLatch(1);
                    Outbox.Append a = o.append("t", new byte[1], false);
                    AtomicReference<String> ran = new AtomicReference<>();
                    CompletableFuture<Void> seen = a.durable().thenRun(() -> ran.set(Thread.currentThread().getName()));
                    assertTrue(files.forceEntered.await(10, TimeUnit.SECONDS));
                    files.forceGate.countDown();
                    await(seen);
                    assertNotEquals(Thread.currentThread().getName(), ran.get());
                    assertNotEquals("mqttas-outbox", ran.get(), "a dependent stage must not run on (and block) the committer");
                    assertTrue(ran.get().startsWith(executor == null ? "mqttas-outbox-done-" : "session-completions"), ran.get());
                    files.forceGate = null;
                }
            }
        } finally {
            own.shutdownNow();
        }
    }

    @Test
    void aBlockedDependentStageDelaysNeitherTheCommitterNorAnotherOutbox(@TempDir Path dir) throws Exception {
        FaultyFiles aFiles = new FaultyFiles();
        CountDownLatch release = new CountDownLatch(1);
        try (Outbox a = Outbox.open(dir, "a", 1 << 24, DROP, null, aFiles); Outbox b = Outbox.open(dir, "b", 1 << 24, DROP)) {
            aFiles.forceGate = new CountDownLatch(1);
            CompletableFuture<Void> stuck = a.append("t", new byte[1], false).durable().thenRun(() -> {
                try {
                    release.await(); // a careless user stage, attached before completion: runs on a completion thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(aFiles.forceEntered.await(10, TimeUnit.SECONDS));
            aFiles.forceGate.countDown();
            long sizeBefore = Files.size(a.file());
            Outbox.Append later = a.append("t", new byte[100], false);
            for (int i = 0; i < 20; i++) {
                await(b.append("t", new byte[1], false).durable()); // the other client's commits and completions go on
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.size(a.file()) == sizeBefore && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(Files.size(a.file()) > sizeBefore, "the committer wrote a's next record while a's completion is blocked");
            assertTrue(!stuck.isDone());
            release.countDown();
            await(stuck);
            await(later.durable());
        }
    }

    @Test
    void aCompletionStageMayCloseItsOwnOutbox(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        Outbox o = Outbox.open(dir, "client/1", 1 << 24, DROP, null, files);
        files.forceGate = new CountDownLatch(1);
        Outbox.Append a = o.append("t", new byte[1], false);
        CompletableFuture<Long> closed = a.durable().thenApply(v -> {
            long start = System.nanoTime();
            o.close(); // e.g. a user's stage that shuts the client down: must not wait for its own thread
            return (System.nanoTime() - start) / 1_000_000;
        });
        assertTrue(files.forceEntered.await(10, TimeUnit.SECONDS));
        files.forceGate.countDown();
        assertTrue(await(closed) < 1000, "close() from a completion stage took " + closed.get() + " ms");
    }

    @Test
    void oneCommitterThreadForAllOutboxesAndNoneAfterTheLastClose(@TempDir Path dir) throws Exception {
        ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-outbox");
        List<Outbox> boxes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boxes.add(Outbox.open(dir, "c" + i, 1 << 20, DROP));
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Outbox o : boxes) {
            for (int k = 0; k < 50; k++) {
                all.add(o.append("t", new byte[32], false).durable());
            }
        }
        for (CompletableFuture<Void> f : all) {
            await(f);
        }
        long committers = ThreadLeakCheck.live("mqttas-outbox").stream().filter(t -> t.getName().equals("mqttas-outbox")).count();
        assertEquals(1, committers, "one shared committer for 20 outboxes");
        assertTrue(leaks.growth() <= 5, "committer + at most 4 completion threads: " + leaks.newThreadNames());
        for (Outbox o : boxes) {
            o.close();
        }
        leaks.assertNoLeak(Duration.ofSeconds(10));
    }

    @Test
    void closeOnAStuckDiskReturnsWithinItsDeadlineAndFailsWhatWasNotWritten(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        Outbox o = Outbox.open(dir, "client/1", 1 << 24, DROP, null, files);
        replay(o);
        files.forceGate = new CountDownLatch(1); // an fsync that never returns (a dead SD card, a hung NFS server)
        Outbox.Append inFsync = o.append("t", new byte[1], false);
        assertTrue(files.forceEntered.await(10, TimeUnit.SECONDS));
        Outbox.Append waiting = o.append("t", new byte[1], false);
        long start = System.nanoTime();
        o.close(500);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 400 && millis < 3000, "close(500) took " + millis + " ms");
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.durable().get(10, TimeUnit.SECONDS));
        assertInstanceOf(MqttClosedException.class, e.getCause());
        files.forceGate.countDown(); // the stuck fsync returns at last: onto a closed file
        assertThrows(ExecutionException.class, () -> inFsync.durable().get(10, TimeUnit.SECONDS));
        try (Outbox again = Outbox.open(dir, "client/1", 1 << 24, DROP)) {
            assertTrue(replay(again).size() <= 1, "the lock was released; at most the record that was in its fsync is there");
        }
    }
}
