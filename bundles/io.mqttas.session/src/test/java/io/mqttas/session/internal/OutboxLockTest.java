/* Issue 9 item 8: two clients cannot share one journal; the error names the file and the holder. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.mqttas.session.internal.OutboxTest.DROP;
import static io.mqttas.session.internal.OutboxTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxLockTest {

    @Test
    void aSecondClientInThisJvmIsRefusedWithTheFileAndTheHolderNamed(@TempDir Path dir) throws Exception {
        try (Outbox first = Outbox.open(dir, "gw-7", 1 << 20, DROP)) {
            MqttException e = assertThrows(MqttException.class, () -> Outbox.open(dir, "gw-7", 1 << 20, DROP));
            assertTrue(e.getMessage().contains(first.file().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("another client of this JVM") && e.getMessage().contains("client_id 'gw-7'")
                    && e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
            // The same directory given another way still names the same journal.
            assertThrows(MqttException.class, () -> Outbox.open(dir.resolve(".").resolve("..").resolve(dir.getFileName()), "gw-7", 1 << 20, DROP));
            Outbox.open(dir, "gw-8", 1 << 20, DROP).close(); // another client id: its own journal
        }
        Outbox.open(dir, "gw-7", 1 << 20, DROP).close(); // close() released it
    }

    @Test
    void theLockHoldsAcrossCompaction(@TempDir Path dir) throws Exception {
        try (Outbox o = Outbox.open(dir, "gw", 1 << 24, DROP)) {
            Object inode = java.nio.file.Files.getAttribute(o.file(), "unix:ino");
            List<Outbox.Append> dead = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                dead.add(o.append("t", new byte[1000], false));
            }
            await(dead.get(299).durable());
            for (Outbox.Append d : dead) {
                o.remove(d.id());
            }
            await(o.append("t", new byte[1], false).durable());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (inode.equals(java.nio.file.Files.getAttribute(o.file(), "unix:ino")) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(!inode.equals(java.nio.file.Files.getAttribute(o.file(), "unix:ino")), "compaction replaced the file");
            // A lock held on the journal's old inode would be worthless now; the lock file's still holds.
            assertThrows(MqttException.class, () -> Outbox.open(dir, "gw", 1 << 20, DROP));
            assertEquals(1, o.size());
        }
    }

    @Test
    void aFailedOpenReleasesTheLock(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve(OutboxFormat.fileName("gw"))); // a directory where the journal should be
        assertThrows(java.io.IOException.class, () -> Outbox.open(dir, "gw", 1 << 20, DROP));
        java.nio.file.Files.delete(dir.resolve(OutboxFormat.fileName("gw")));
        Outbox.open(dir, "gw", 1 << 20, DROP).close(); // not "in use" by the failed attempt
    }
}
