/* Issue 9 item 8: the committer's side of one outbox — write a batch with one fsync, settle the index, compact. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs on the committer thread only (and once on the opening thread, for compaction at open), never
 * under a caller's lock: the outbox's lock is taken only for the short index updates before and after
 * the I/O. A batch is every record an outbox gathered since its last commit, written in one go and
 * forced with one fsync; then the index learns the records' offsets and the futures are handed to
 * the completion executor. Compaction follows a commit when the dead bytes in the file reach the
 * live ones (and at least {@value #COMPACT_MIN_DEAD}); its cost is bounded by the live bytes.
 */
final class OutboxWriter {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    static final long COMPACT_MIN_DEAD = 256 * 1024;

    private final Outbox outbox;
    private final Object lock;
    private final OutboxJournal journal;
    private final OutboxIndex index;
    private final OutboxCompletions completions;
    private final OutboxCommitter committer;
    private final RateLimitedLog failures = new RateLimitedLog(LOG, 60_000);
    private long compactAfter;
    private boolean compactSoon;

    OutboxWriter(Outbox outbox, Object lock, OutboxJournal journal, OutboxIndex index, OutboxCompletions completions,
            OutboxCommitter committer) {
        this.outbox = outbox;
        this.committer = committer;
        this.lock = lock;
        this.journal = journal;
        this.index = index;
        this.completions = completions;
    }

    /** At open: rewrites a journal that had damage or dropped records, or is mostly dead. */
    void compactAtOpen(boolean rewrite) {
        if (rewrite || deadBytes() >= Math.max(COMPACT_MIN_DEAD, index.writtenBytes())) {
            compact();
        }
    }

    private long deadBytes() {
        return journal.end() - journal.headerLength() - index.writtenBytes();
    }

    /** Writes and forces {@code batch} (already marked taken), settles the index, completes the futures. */
    void commit(List<Outbox.Pending> batch) {
        List<OutboxJournal.Record> records = new ArrayList<>(batch.size());
        for (Outbox.Pending p : batch) {
            if (p.record != null && !p.cancelled) {
                records.add(p.record);
            }
        }
        long[] offsets = null;
        Exception failure = null;
        if (!records.isEmpty()) {
            try {
                offsets = journal.append(records, committer.writeBuffer());
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        List<Runnable> done = new ArrayList<>(batch.size());
        boolean compact;
        synchronized (lock) {
            MqttException error = failure == null ? null : failed(failure, records.size());
            if (failure == null && failures.reset()) {
                LOG.info("outbox {}: journal writes work again", journal.file());
            }
            int i = 0;
            for (Outbox.Pending p : batch) {
                Throwable outcome = p.failure;
                if (p.record != null && !p.cancelled) {
                    outcome = error;
                    settle(p, offsets == null ? -1 : offsets[i++]);
                }
                if (p.future != null) {
                    Throwable e = outcome;
                    done.add(() -> {
                        if (e == null) {
                            p.future.complete(null);
                        } else {
                            p.future.completeExceptionally(e);
                        }
                    });
                }
            }
            compact = failure == null && outbox.mayCompact() && (compactSoon
                    || (journal.end() >= compactAfter && deadBytes() >= Math.max(COMPACT_MIN_DEAD, index.writtenBytes())));
        }
        completions.deliver(done);
        if (compact) {
            compact();
        }
    }

    /** Index bookkeeping for one written (offset ≥ 0) or failed (-1) record; under the lock. */
    private void settle(Outbox.Pending p, long offset) {
        if (p.loc == null) {
            compactSoon |= offset < 0; // a lost DONE: the next compaction drops its publication instead
            return;
        }
        if (!index.isLive(p.loc)) {
            return; // done or dropped while it was written: its DONE follows
        }
        if (p.record.type() == OutboxFormat.RELEASING) {
            if (offset >= 0) {
                index.releasingWritten(p.loc, p.record.qos(), offset);
            } else {
                p.loc.releasing = null; // not on disk: the entry replays as a new PUBLISH (at least once)
            }
            return;
        }
        if (offset >= 0) {
            index.written(p.loc, offset);
        } else {
            index.remove(p.loc.id);
        }
    }

    private MqttException failed(Exception e, int records) {
        String why = "outbox " + journal.file() + ": journal write failed (" + e + "); " + records + " record(s) were not journaled "
                + "and the file was truncated back; the publications are still sent but would not survive a restart";
        failures.event(() -> why);
        return new MqttException(why, e);
    }

    /** Rewrites the journal with the live records only; on failure keeps it and backs off. */
    private void compact() {
        List<OutboxIndex.Loc> locs;
        synchronized (lock) {
            compactSoon = false;
            locs = index.writtenEntries();
        }
        int n = 0;
        for (OutboxIndex.Loc l : locs) {
            n += l.releasingOffset >= 0 ? 2 : 1;
        }
        long[] offsets = new long[n];
        long[] sizes = new long[n];
        int k = 0;
        for (OutboxIndex.Loc l : locs) {
            offsets[k] = l.offset;
            sizes[k++] = l.size;
            if (l.releasingOffset >= 0) {
                offsets[k] = l.releasingOffset; // right after its ADD: a reader meets the ADD first
                sizes[k++] = OutboxFormat.RELEASING_SIZE;
            }
        }
        try {
            long[] moved = journal.compact(offsets, sizes);
            synchronized (lock) {
                k = 0;
                for (OutboxIndex.Loc l : locs) {
                    long add = moved[k++];
                    long rel = l.releasingOffset >= 0 ? moved[k++] : -1;
                    if (index.isLive(l)) {
                        index.written(l, add);
                        if (rel >= 0) {
                            index.releasingWritten(l, l.packetId, rel);
                        }
                    }
                }
                compactAfter = 0;
            }
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                compactAfter = journal.end() + Math.max(COMPACT_MIN_DEAD, index.writtenBytes());
            }
            LOG.warn("outbox {}: compaction failed ({}); the journal is kept as it is and compacted later", journal.file(), e.toString());
        }
    }
}
