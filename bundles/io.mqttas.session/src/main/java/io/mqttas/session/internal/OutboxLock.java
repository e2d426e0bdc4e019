/* Issue 9 item 8: one outbox journal, one client — across processes and within this JVM. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds {@code <journal>.lock}: an OS lock ({@link FileChannel#tryLock()}) against other processes
 * and a registry against other clients of this JVM (an OS lock is per process, so a second client
 * in the same JVM would otherwise get an {@link OverlappingFileLockException} or, on some systems,
 * the lock itself). The lock is on a separate file because compaction replaces the journal's inode,
 * which would silently drop a lock held on it. The holder writes who it is into the file, so the
 * next one can say in its error who holds the journal.
 */
final class OutboxLock {
    private static final Map<Path, String> IN_THIS_JVM = new HashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private OutboxLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the journal for {@code clientId}, or throws {@link MqttException} naming the journal and its holder. */
    static OutboxLock acquire(Path journal, String clientId) throws IOException {
        Path lockFile = journal.resolveSibling(journal.getFileName() + ".lock");
        Path key = journal.getParent().toRealPath().resolve(lockFile.getFileName());
        String me = "client_id '" + clientId + "', pid " + ProcessHandle.current().pid() + ", since " + Instant.now();
        synchronized (IN_THIS_JVM) {
            String holder = IN_THIS_JVM.get(key);
            if (holder != null) {
                throw inUse(journal, "another client of this JVM (" + holder + ")");
            }
            FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                // This JVM holds the OS lock but this class's registry does not know it: another bundle version.
                ch.close();
                throw inUse(journal, "another client of this JVM (from another class loader, e.g. a bundle version not yet stopped)");
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (l == null) {
                String other = read(ch);
                ch.close();
                throw inUse(journal, "another process (" + (other.isEmpty() ? "holder unknown" : other) + ")");
            }
            try {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            } catch (IOException e) {
                // The lock holds without the note; only a competitor's error message loses the holder's name.
            }
            IN_THIS_JVM.put(key, me);
            return new OutboxLock(key, ch, l);
        }
    }

    private static MqttException inUse(Path journal, String holder) {
        return new MqttException("outbox journal " + journal + " is in use by " + holder
                + ": two clients cannot share one journal; give each client its own client_id or outbox directory");
    }

    private static String read(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(512);
            ch.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock (idempotent). */
    void release() {
        synchronized (IN_THIS_JVM) {
            if (released) {
                return;
            }
            released = true;
            IN_THIS_JVM.remove(key);
            try {
                if (channel.isOpen()) {
                    channel.truncate(0);
                    lock.release();
                    channel.close();
                }
            } catch (IOException e) {
                try {
                    channel.close(); // closing releases the lock too
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }
}
