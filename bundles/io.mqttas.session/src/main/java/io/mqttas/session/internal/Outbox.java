/* Issue 9 item 8, issue 13 item 5, DESIGN.md §7, robustness.md P7: the durable outbox, a crash-safe journal of unacknowledged QoS 1 and 2 publications. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttClosedException;
import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One client's journal ({@code <dir>/<client id>.outbox}, format in {@link OutboxFormat}): an ADD
 * record per QoS 1 or 2 publication, a RELEASING record when a QoS 2 one had its PUBREC
 * ({@link #releasing}), a DONE record when it is acknowledged; what has an ADD and no DONE is sent
 * again by the next client with the same client id and directory (with RELEASING: resumed with
 * PUBREL, see {@link OutboxLink}).
 *
 * <p>Threads: {@link #append} and {@link #remove} only update memory and wake the shared
 * committer ({@link OutboxCommitter}), so callers (under the session lock) never wait for a disk.
 * The committer writes everything gathered since its last commit and forces it with one fsync
 * (group commit); the futures complete afterwards on the completion executor, never on the
 * caller's or the committer's thread. A publication acknowledged before its ADD was written costs
 * no I/O at all (ADD and DONE cancel out). Compaction runs on the committer, after a commit.
 *
 * <p>Memory: the outbox keeps an index (id, offset, size; no payloads) of live publications;
 * replay reads each payload from the file when it streams it. Bound: {@code outbox_max_bytes} of
 * live records; when a new one does not fit, {@code drop_oldest} un-journals the oldest (still sent
 * by this client, no longer durable) and {@code reject} throws. The file itself stays below about
 * twice the live bytes plus {@value OutboxWriter#COMPACT_MIN_DEAD} bytes: compaction rewrites it when the dead
 * records outweigh the live ones.
 *
 * <p>Failures: a failed write or fsync fails that batch's futures with a message naming the file
 * and the cause, truncates the journal back and leaves later batches unaffected (a full disk that
 * frees up just works again). A failed DONE is not retried record by record: the next successful
 * commit compacts, which drops the publication for good; until then it would replay as a duplicate
 * (at least once).
 */
final class Outbox implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    static final long CLOSE_MILLIS = 5_000;
    private static final long LOG_EVERY_MILLIS = 60_000;

    /** A journaled publication; {@code releasingPacketId} is the packet id of its PUBREC (QoS 2, RELEASING record), else 0. */
    record Entry(long id, String topic, byte[] payload, boolean retain, int qos, int releasingPacketId) {
        Entry(long id, String topic, byte[] payload, boolean retain, int qos) {
            this(id, topic, payload, retain, qos, 0);
        }
    }

    /** The id of a new publication and the future that completes when its record is on disk. */
    record Append(long id, CompletableFuture<Void> durable) {
    }

    /** A record waiting for the committer (or, with no record, only a future to complete after the next commit). */
    static final class Pending {
        final OutboxJournal.Record record;
        final CompletableFuture<Void> future;
        final OutboxIndex.Loc loc;
        boolean taken;
        boolean cancelled;
        MqttException failure;

        Pending(OutboxJournal.Record record, CompletableFuture<Void> future, OutboxIndex.Loc loc) {
            this.record = record;
            this.future = future;
            this.loc = loc;
        }
    }

    private final Object lock = new Object();
    private final OutboxJournal journal;
    private final OutboxLock fileLock;
    private final long maxBytes;
    private final MqttConfig.OutboxOverflow overflow;
    private final OutboxIndex index = new OutboxIndex();
    private final List<OutboxIndex.Loc> recovered;
    private final OutboxCommitter committer;
    private final OutboxCompletions completions;
    private final OutboxWriter writer;
    private final Runnable commitTask = this::commit;
    private List<Pending> pending = new ArrayList<>();
    private boolean queued;
    private boolean committing;
    private boolean closed;
    private boolean abandoned;
    private boolean replayed;
    private boolean replaying;
    private final RateLimitedLog drops = new RateLimitedLog(LOG, LOG_EVERY_MILLIS);

    /** Opens or creates the journal of {@code clientId} in {@code dir}; completions run on the committer's default pool. */
    static Outbox open(Path dir, String clientId, long maxBytes, MqttConfig.OutboxOverflow overflow) throws IOException {
        return open(dir, clientId, maxBytes, overflow, null, FileChannel::open);
    }

    /** As {@link #open(Path, String, long, MqttConfig.OutboxOverflow)}, completing futures on {@code completions} (e.g. the client's ordered executor). */
    static Outbox open(Path dir, String clientId, long maxBytes, MqttConfig.OutboxOverflow overflow, Executor completions) throws IOException {
        return open(dir, clientId, maxBytes, overflow, completions, FileChannel::open);
    }

    static Outbox open(Path dir, String clientId, long maxBytes, MqttConfig.OutboxOverflow overflow, Executor completions,
            OutboxJournal.Opener opener) throws IOException {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(overflow, "outbox_overflow");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("outbox_max_bytes must be positive: " + maxBytes);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(OutboxFormat.fileName(clientId));
        OutboxLock fileLock = OutboxLock.acquire(file, clientId);
        OutboxJournal journal = null;
        try {
            journal = OutboxJournal.open(file, opener);
            return new Outbox(journal, fileLock, maxBytes, overflow, completions);
        } catch (IOException | RuntimeException | Error e) {
            if (journal != null) {
                journal.close(false);
            }
            fileLock.release();
            throw e;
        }
    }

    private Outbox(OutboxJournal journal, OutboxLock fileLock, long maxBytes, MqttConfig.OutboxOverflow overflow, Executor executor)
            throws IOException {
        this.journal = journal;
        this.fileLock = fileLock;
        this.maxBytes = maxBytes;
        this.overflow = overflow;
        boolean rewrite = index.recover(journal, maxBytes, overflow);
        recovered = index.entries();
        this.committer = OutboxCommitter.retain();
        this.completions = new OutboxCompletions(executor != null ? executor : committer.defaultCompletions(),
                committer.defaultCompletions());
        this.writer = new OutboxWriter(this, lock, journal, index, completions, committer);
        writer.compactAtOpen(rewrite);
    }

    Path file() {
        return journal.file();
    }

    /** Streams the publications recovered at open that are still live, in journal order; called once, after open. */
    void replay(Consumer<Entry> sink) throws IOException {
        List<OutboxIndex.Loc> todo = new ArrayList<>();
        synchronized (lock) {
            if (replayed) {
                throw new IllegalStateException("outbox " + file() + ": replay() is called once, after open()");
            }
            replayed = true;
            replaying = true; // no compaction from now on, and none still running: offsets stay put
            while (committing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    replaying = false;
                    replayed = false;
                    throw new java.io.InterruptedIOException("interrupted while waiting for a commit before replay");
                }
            }
            for (OutboxIndex.Loc l : recovered) {
                if (index.isLive(l)) {
                    todo.add(l);
                }
            }
        }
        int unreadable = 0;
        try {
            for (OutboxIndex.Loc l : todo) {
                long offset;
                synchronized (lock) {
                    if (!index.isLive(l)) {
                        continue;
                    }
                    offset = l.offset;
                }
                int packetId;
                synchronized (lock) {
                    packetId = l.packetId;
                }
                OutboxJournal.Stored s = journal.readAdd(offset, l.size);
                if (s == null || s.id() != l.id) {
                    unreadable++;
                    synchronized (lock) {
                        if (index.isLive(l)) {
                            index.remove(l.id);
                        }
                    }
                    continue;
                }
                sink.accept(new Entry(l.id, new String(s.topic(), StandardCharsets.UTF_8), s.payload(), s.retain(), s.qos() == 2 ? 2 : 1,
                        s.qos() == 2 ? packetId : 0));
            }
        } finally {
            synchronized (lock) {
                replaying = false;
            }
        }
        if (unreadable > 0) {
            LOG.error("outbox {}: {} record(s) no longer checked when replayed (changed on disk after open); skipped", file(), unreadable);
        }
    }

    /**
     * Journals a publication; returns at once. The future completes after the commit that forced its
     * record, or exceptionally if that write failed or the record was dropped before it was written.
     *
     * @throws MqttException for {@code outbox_overflow=reject} when full, a record larger than
     *         {@code outbox_max_bytes}, or a closed outbox ({@link MqttClosedException})
     */
    Append append(String topic, byte[] payload, boolean retain) {
        return append(topic, payload, retain, 1);
    }

    /** As {@link #append(String, byte[], boolean)} with the publication's QoS (1 or 2), kept in the ADD record. */
    Append append(String topic, byte[] payload, boolean retain, int qos) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        if (t.length > 65_535 || payload.length > OutboxFormat.MAX_BODY - OutboxFormat.ADD_FIXED - t.length) {
            throw new MqttException("outbox " + file() + ": publication too large for a journal record (topic " + t.length
                    + " bytes, payload " + payload.length + " bytes)");
        }
        long size = OutboxFormat.addSize(t.length, payload.length);
        if (size > maxBytes) {
            throw new MqttException("outbox " + file() + ": a publication of " + payload.length + " bytes needs a " + size
                    + "-byte record, more than outbox_max_bytes " + maxBytes);
        }
        CompletableFuture<Void> durable = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                throw new MqttClosedException("outbox " + file() + " is closed");
            }
            while (index.liveBytes() + size > maxBytes) {
                if (overflow == MqttConfig.OutboxOverflow.REJECT) {
                    throw new MqttException("outbox " + file() + " full: unacknowledged publications take " + index.liveBytes() + " of "
                            + maxBytes + " bytes (outbox_max_bytes) and this one needs " + size + " (outbox_overflow=reject)");
                }
                dropOldest();
            }
            long id = index.nextId();
            OutboxIndex.Loc loc = index.add(id, size);
            Pending p = new Pending(new OutboxJournal.Record(OutboxFormat.ADD, id, qos, retain, t, payload), durable, loc);
            loc.add = p;
            pending.add(p);
            wake();
            return new Append(id, durable);
        }
    }

    /** Un-journals the oldest publication to make room (drop_oldest); under the lock. */
    private void dropOldest() {
        OutboxIndex.Loc old = index.removeOldest();
        if (old.add != null && !old.add.taken) {
            old.add.cancelled = true;
            old.add.failure = new MqttException("outbox " + file() + " full: publication " + old.id + " was dropped from the journal "
                    + "before it was written (outbox_overflow=drop_oldest); it is still sent but does not survive a restart");
        } else {
            pending.add(new Pending(new OutboxJournal.Record(OutboxFormat.DONE, old.id, 0, false, null, null), null, null));
        }
        drops.event(() -> "outbox " + file() + " full (outbox_max_bytes " + maxBytes + "): dropping the oldest publications from "
                + "the journal (outbox_overflow=drop_oldest); they are still sent but no longer survive a restart");
    }

    /**
     * The publication is done (acknowledged or abandoned). Never throws. The future completes when the
     * DONE record is on disk; exceptionally only as information (the publication may be sent again
     * after a restart: at least once).
     */
    CompletableFuture<Void> remove(long id) {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new MqttClosedException("outbox " + file() + " is closed: publication " + id
                        + " stays journaled and is sent again by the next client (a duplicate)"));
            }
            OutboxIndex.Loc loc = index.remove(id);
            if (loc == null) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            if (loc.add != null && !loc.add.taken) {
                loc.add.cancelled = true; // never written: nothing to undo on disk
                pending.add(new Pending(null, f, null));
            } else {
                pending.add(new Pending(new OutboxJournal.Record(OutboxFormat.DONE, id, 0, false, null, null), f, null));
            }
            wake();
            return f;
        }
    }

    /**
     * QoS 2: the broker's PUBREC for entry {@code id} arrived on {@code packetId}; journals a RELEASING
     * record so a restart sends PUBREL, not the PUBLISH. Never throws; the future completes when the
     * record is on disk, exceptionally only as information (the entry then replays as a new PUBLISH).
     */
    CompletableFuture<Void> releasing(long id, int packetId) {
        if (packetId < 1 || packetId > 65_535) {
            throw new IllegalArgumentException("packet id out of range: " + packetId);
        }
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new MqttClosedException("outbox " + file() + " is closed: the PUBREC of "
                        + "publication " + id + " is not journaled (it is published again by the next client)"));
            }
            OutboxIndex.Loc loc = index.get(id);
            if (loc == null || loc.releasing != null || loc.releasingOffset >= 0) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            Pending p = new Pending(OutboxJournal.Record.releasing(id, packetId), f, loc);
            loc.releasing = p;
            pending.add(p);
            wake();
            return f;
        }
    }

    /** Live (journaled, not done) publications. */
    int size() {
        synchronized (lock) {
            return index.size();
        }
    }

    /** Bytes of the live publications' records (what {@code outbox_max_bytes} bounds). */
    long liveBytes() {
        synchronized (lock) {
            return index.liveBytes();
        }
    }

    /** For tests: ids of live publications, oldest first. */
    List<Long> liveIds() {
        synchronized (lock) {
            return index.ids();
        }
    }

    private void wake() {
        if (!queued) {
            queued = true;
            committer.schedule(commitTask);
        }
    }

    /** On the committer thread: takes what was gathered (marking it taken) and hands it to the writer. */
    private void commit() {
        List<Pending> batch;
        synchronized (lock) {
            queued = false;
            if (abandoned || pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
            committing = true;
            for (Pending p : batch) {
                p.taken = true; // from now on a remove() writes a DONE instead of cancelling the ADD
            }
        }
        try {
            writer.commit(batch);
        } finally {
            synchronized (lock) {
                committing = false;
                lock.notifyAll();
            }
        }
    }

    /** Whether the writer may compact now (not closing, not replaying); under the lock. */
    boolean mayCompact() {
        return !closed && !replaying;
    }

    /** {@link #close(long)} with {@value #CLOSE_MILLIS} ms. */
    @Override
    public void close() {
        close(CLOSE_MILLIS);
    }

    /**
     * Flushes what is pending (waiting at most {@code deadlineMillis} for the committer), fails what
     * could not be written with {@link MqttClosedException}, closes the file and releases the lock.
     * Idempotent; returns within about the deadline even when the disk hangs.
     */
    void close(long deadlineMillis) {
        List<Pending> left;
        boolean stuck;
        long deadline = System.nanoTime() + deadlineMillis * 1_000_000L;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (!pending.isEmpty()) {
                wake();
            }
            try {
                for (long wait = deadlineMillis; (queued || committing) && wait > 0; wait = (deadline - System.nanoTime()) / 1_000_000L) {
                    lock.wait(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stuck = committing;
            abandoned = true;
            left = pending;
            pending = new ArrayList<>();
        }
        List<Runnable> failed = new ArrayList<>();
        for (Pending p : left) {
            if (p.future != null) {
                failed.add(() -> p.future.completeExceptionally(new MqttClosedException("outbox " + file() + " closed before this "
                        + "record was written (the disk did not keep up within " + deadlineMillis + " ms); it is not durable")));
            }
        }
        completions.deliver(failed);
        if (stuck) {
            LOG.warn("outbox {}: a write or fsync did not finish within {} ms of close(); closing the file under it", file(), deadlineMillis);
            journal.abort();
        } else {
            journal.close(false);
        }
        fileLock.release();
        committer.release(Math.max(100, (deadline - System.nanoTime()) / 1_000_000L));
    }
}
