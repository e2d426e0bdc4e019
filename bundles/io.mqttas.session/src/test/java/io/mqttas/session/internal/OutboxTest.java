/* DESIGN.md §7, robustness.md P7: the journal is crash-safe, bounded, and compacts. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxTest {

    private static Outbox open(Path dir, long max, MqttConfig.OutboxOverflow o) throws Exception {
        return Outbox.open(dir, "client/1", max, o);
    }

    @Test
    void replaysWhatWasNotAcknowledged(@TempDir Path dir) throws Exception {
        Outbox a = open(dir, 1 << 20, MqttConfig.OutboxOverflow.DROP_OLDEST);
        long x = a.append("t/1", new byte[] {1}, false).id();
        long y = a.append("t/2", new byte[] {2, 2}, true).id();
        a.append("t/3", new byte[0], false).id();
        a.remove(x);
        a.close();
        Outbox b = open(dir, 1 << 20, MqttConfig.OutboxOverflow.DROP_OLDEST);
        List<Outbox.Entry> e = b.entries();
        assertEquals(2, e.size());
        assertEquals(y, e.get(0).id());
        assertEquals("t/2", e.get(0).topic());
        assertTrue(e.get(0).retain());
        assertArrayEquals(new byte[] {2, 2}, e.get(0).payload());
        assertTrue(b.append("t/4", new byte[] {4}, false).id() > y, "ids keep growing after a restart");
        b.close();
    }

    @Test
    void aTornLastRecordIsDetectedAndSkipped(@TempDir Path dir) throws Exception {
        Outbox a = open(dir, 1 << 20, MqttConfig.OutboxOverflow.DROP_OLDEST);
        a.append("t/1", "first".getBytes(), false).id();
        a.append("t/2", "second".getBytes(), false).id();
        a.close();
        Path f = a.file();
        long size = Files.size(f);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(size - 3); // a crash in the middle of the last write
        }
        Outbox b = open(dir, 1 << 20, MqttConfig.OutboxOverflow.DROP_OLDEST);
        assertEquals(1, b.entries().size());
        assertEquals("t/1", b.entries().get(0).topic());
        b.append("t/3", "third".getBytes(), false).id();
        b.close();
        Outbox c = open(dir, 1 << 20, MqttConfig.OutboxOverflow.DROP_OLDEST);
        assertEquals(List.of("t/1", "t/3"), c.entries().stream().map(Outbox.Entry::topic).toList(), "the torn tail was cut, not kept");
        c.close();
    }

    @Test
    void aCorruptRecordEndsTheReplayAtTheLastGoodOne(@TempDir Path dir) throws Exception {
        Outbox a = open(dir, 1 << 20, MqttConfig.OutboxOverflow.DROP_OLDEST);
        a.append("t/1", "first".getBytes(), false).id();
        a.append("t/2", "second".getBytes(), false).id();
        a.close();
        byte[] all = Files.readAllBytes(a.file());
        all[all.length - 6] ^= 0x55; // flip bits in the last record's payload: its CRC fails
        Files.write(a.file(), all);
        Outbox b = open(dir, 1 << 20, MqttConfig.OutboxOverflow.DROP_OLDEST);
        assertEquals(List.of("t/1"), b.entries().stream().map(Outbox.Entry::topic).toList());
        b.close();
    }

    @Test
    void overflowPolicies(@TempDir Path dir) throws Exception {
        Outbox reject = Outbox.open(dir, "r", 4096, MqttConfig.OutboxOverflow.REJECT);
        reject.append("t", new byte[3000], false).id();
        assertThrows(MqttException.class, () -> reject.append("t", new byte[3000], false));
        assertEquals(1, reject.size());
        reject.close();
        Outbox drop = Outbox.open(dir, "d", 4096, MqttConfig.OutboxOverflow.DROP_OLDEST);
        long first = drop.append("t", new byte[3000], false).id();
        long second = drop.append("t", new byte[3000], false).id();
        assertEquals(List.of(second), drop.liveIds());
        assertTrue(second > first);
        drop.close();
    }

    @Test
    void compactionKeepsLiveRecordsAndShrinksTheFile(@TempDir Path dir) throws Exception {
        Outbox a = open(dir, 1 << 24, MqttConfig.OutboxOverflow.DROP_OLDEST);
        long keep = a.append("keep", new byte[10], false).id();
        for (int i = 0; i < 800; i++) {
            a.remove(a.append("t", new byte[100], false).id());
        }
        assertTrue(Files.size(a.file()) < 64 * 1024 + 1024, "compacted: " + Files.size(a.file()));
        a.close();
        Outbox b = open(dir, 1 << 24, MqttConfig.OutboxOverflow.DROP_OLDEST);
        assertEquals(List.of(keep), b.entries().stream().map(Outbox.Entry::id).toList());
        b.close();
    }
}
