/* DESIGN.md §7, robustness.md P7, issue 9 item 8: the journal replays what was not acknowledged, is bounded, and compacts. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxTest {
    static final MqttConfig.OutboxOverflow DROP = MqttConfig.OutboxOverflow.DROP_OLDEST;
    static final MqttConfig.OutboxOverflow REJECT = MqttConfig.OutboxOverflow.REJECT;

    static Outbox open(Path dir) throws Exception {
        return Outbox.open(dir, "client/1", 1 << 24, DROP);
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /** Opens, replays into a list and closes. */
    static List<Outbox.Entry> replayed(Path dir) throws Exception {
        try (Outbox b = open(dir)) {
            return replay(b);
        }
    }

    static List<Outbox.Entry> replay(Outbox b) throws Exception {
        List<Outbox.Entry> out = new ArrayList<>();
        b.replay(out::add);
        return out;
    }

    static List<String> topics(List<Outbox.Entry> entries) {
        return entries.stream().map(Outbox.Entry::topic).toList();
    }

    @Test
    void replaysWhatWasNotAcknowledged(@TempDir Path dir) throws Exception {
        long y;
        try (Outbox a = open(dir)) {
            replay(a);
            Outbox.Append x = a.append("t/1", new byte[] {1}, false);
            Outbox.Append yy = a.append("t/2", new byte[] {2, 2}, true);
            Outbox.Append z = a.append("t/3", new byte[0], false);
            await(x.durable());
            await(yy.durable());
            await(z.durable());
            await(a.remove(x.id()));
            y = yy.id();
            assertEquals(2, a.size());
        }
        try (Outbox b = open(dir)) {
            List<Outbox.Entry> e = replay(b);
            assertEquals(List.of("t/2", "t/3"), topics(e));
            assertEquals(y, e.get(0).id());
            assertTrue(e.get(0).retain());
            assertArrayEquals(new byte[] {2, 2}, e.get(0).payload());
            assertEquals(0, e.get(1).payload().length);
            assertTrue(b.append("t/4", new byte[] {4}, false).id() > e.get(1).id(), "ids keep growing after a restart");
        }
    }

    @Test
    void closeFlushesWhatIsPendingSoNothingAppendedIsLost(@TempDir Path dir) throws Exception {
        try (Outbox a = open(dir)) {
            replay(a);
            for (int i = 0; i < 500; i++) {
                a.append("t/" + i, ("m" + i).getBytes(), false); // nobody waits for durable
            }
        }
        assertEquals(500, replayed(dir).size());
    }

    @Test
    void anAcknowledgedPublicationIsNotReplayedEvenIfItsDoneWasTheLastThingWritten(@TempDir Path dir) throws Exception {
        try (Outbox a = open(dir)) {
            replay(a);
            Outbox.Append x = a.append("t", new byte[10], false);
            a.remove(x.id()); // possibly before the ADD was written: then neither is
        }
        assertEquals(List.of(), replayed(dir));
    }

    @Test
    void overflowRejectThrowsAndKeepsWhatIsThere(@TempDir Path dir) throws Exception {
        try (Outbox reject = Outbox.open(dir, "r", 4096, REJECT)) {
            reject.append("t", new byte[3000], false);
            MqttException e = assertThrows(MqttException.class, () -> reject.append("t", new byte[3000], false));
            assertTrue(e.getMessage().contains("outbox_overflow=reject") && e.getMessage().contains("4096"), e.getMessage());
            assertEquals(1, reject.size());
        }
    }

    @Test
    void overflowDropOldestUnjournalsTheOldestAndKeepsTheNew(@TempDir Path dir) throws Exception {
        long second;
        try (Outbox drop = Outbox.open(dir, "d", 4096, DROP)) {
            Outbox.Append first = drop.append("t", new byte[3000], false);
            await(first.durable());
            second = drop.append("t", new byte[3000], false).id();
            assertEquals(List.of(second), drop.liveIds());
            assertTrue(drop.liveBytes() <= 4096);
        }
        try (Outbox again = Outbox.open(dir, "d", 4096, DROP)) {
            assertEquals(List.of(second), replay(again).stream().map(Outbox.Entry::id).toList());
        }
    }

    @Test
    void aDroppedRecordThatWasNeverWrittenFailsItsDurableFuture(@TempDir Path dir) throws Exception {
        FaultyFiles files = new FaultyFiles();
        try (Outbox drop = Outbox.open(dir, "d", 4096, DROP, null, files)) {
            files.forceGate = new java.util.concurrent.CountDownLatch(1);
            drop.append("t", new byte[100], false); // the committer writes it and waits in force
            assertTrue(files.forceEntered.await(10, TimeUnit.SECONDS));
            Outbox.Append waiting = drop.append("t", new byte[1000], false);
            drop.append("t", new byte[3060], false); // drops the 100 (being written: gets a DONE) and the 1000 (never written)
            files.forceGate.countDown();
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.durable().get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("drop_oldest"), e.getCause().getMessage());
        }
    }

    @Test
    void aRecordLargerThanMaxBytesIsRefusedWithTheLimitInTheMessage(@TempDir Path dir) throws Exception {
        try (Outbox o = Outbox.open(dir, "big", 4096, DROP)) {
            MqttException e = assertThrows(MqttException.class, () -> o.append("t", new byte[5000], false));
            assertTrue(e.getMessage().contains("outbox_max_bytes 4096"), e.getMessage());
            assertEquals(0, o.size());
        }
    }

    @Test
    void compactionKeepsLiveRecordsAndShrinksTheFile(@TempDir Path dir) throws Exception {
        Path file;
        long keep;
        try (Outbox a = open(dir)) {
            replay(a);
            file = a.file();
            keep = a.append("keep", new byte[10], false).id();
            for (int round = 0; round < 40; round++) {
                List<Outbox.Append> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    batch.add(a.append("t", new byte[200], false));
                }
                await(batch.get(99).durable()); // written (dead bytes only count once written)
                for (Outbox.Append x : batch) {
                    a.remove(x.id());
                }
            }
            await(a.remove(-1));
            await(a.append("sync", new byte[0], false).durable());
            assertTrue(Files.size(file) < OutboxWriter.COMPACT_MIN_DEAD + 64 * 1024, "compacted: " + Files.size(file));
        }
        List<Outbox.Entry> e = replayed(dir);
        assertEquals(List.of("keep", "sync"), topics(e));
        assertEquals(keep, e.get(0).id());
    }

    @Test
    void removeNeverThrows(@TempDir Path dir) throws Exception {
        Outbox o = open(dir);
        await(o.remove(12345)); // unknown id: nothing to do
        o.close();
        CompletableFuture<Void> late = o.remove(1);
        ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(1, TimeUnit.SECONDS));
        assertInstanceOf(MqttClosedException.class, e.getCause());
        assertThrows(MqttClosedException.class, () -> o.append("t", new byte[1], false));
        o.close(); // idempotent
    }

    @Test
    void replayIsCalledOnce(@TempDir Path dir) throws Exception {
        try (Outbox o = open(dir)) {
            replay(o);
            assertThrows(IllegalStateException.class, () -> o.replay(e -> { }));
        }
    }

    @Test
    void distinctClientIdsNeverShareAFile() {
        assertNotEquals(OutboxFormat.fileName("a/b"), OutboxFormat.fileName("a_b"));
        assertEquals("a%2Fb.outbox", OutboxFormat.fileName("a/b"));
        assertEquals("%2E..outbox", OutboxFormat.fileName("..")); // never "." or ".." or hidden
        assertEquals("%.outbox", OutboxFormat.fileName(""));
        String longId = "x".repeat(300);
        assertTrue(OutboxFormat.fileName(longId).length() < 255);
        assertNotEquals(OutboxFormat.fileName(longId), OutboxFormat.fileName(longId + "y"));
    }
}
