/* Issue 9 item 8: what an outbox holds in memory — the live publications and where their records are, no payloads. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The live (journaled, not done) publications of one outbox in journal order, each with the offset
 * and size of its ADD record; about 100 bytes per publication, payloads stay on disk. Keeps the two
 * sums the outbox needs: all live bytes (bounded by {@code outbox_max_bytes}) and the live bytes
 * already in the file (whose complement in the file is dead and triggers compaction). Not
 * thread-safe: the outbox guards it with its lock.
 */
final class OutboxIndex {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** A live publication; {@code offset} is -1 until its ADD record is written. */
    static final class Loc {
        final long id;
        final long size;
        long offset = -1;
        /** The ADD waiting for the committer, or null once written (or recovered). */
        Outbox.Pending add;
        /** QoS 2: the packet id of the broker's PUBREC once its RELEASING record is written (or recovered), else 0. */
        int packetId;
        /** Offset of its RELEASING record, or -1. */
        long releasingOffset = -1;
        /** The RELEASING waiting for the committer, or null. */
        Outbox.Pending releasing;

        Loc(long id, long size) {
            this.id = id;
            this.size = size;
        }
    }

    private final LinkedHashMap<Long, Loc> live = new LinkedHashMap<>();
    private long liveBytes;
    private long writtenBytes;
    private long maxId;

    /**
     * Pass one of replay: fills the index from the journal, cuts a torn tail, applies drop_oldest to a
     * journal larger than {@code maxBytes}, and logs what it found. Returns whether the journal should
     * be rewritten (corrupt regions, a damaged file header, dropped publications).
     */
    boolean recover(OutboxJournal journal, long maxBytes, MqttConfig.OutboxOverflow overflow) throws IOException {
        OutboxScanner.Result r = journal.scan(loader());
        boolean rewrite = journal.headerNeedsRewrite() || r.corruptRegions() > 0;
        if (r.corruptRegions() > 0) {
            LOG.warn("outbox {}: skipped {} corrupt region(s) ({} bytes) inside the journal (a damaged block or a foreign write); "
                    + "the valid records around them are kept; a publication whose own record was damaged is lost, one whose DONE "
                    + "was damaged is sent again", journal.file(), r.corruptRegions(), r.corruptBytes());
        }
        if (r.tailBytes() > 0) {
            LOG.warn("outbox {}: cut off {} bytes of a torn record at offset {} (a write interrupted by a crash; it had not been "
                    + "reported durable)", journal.file(), r.tailBytes(), r.validEnd());
            journal.truncate(r.validEnd());
        }
        if (r.unknownRecords() > 0) {
            LOG.warn("outbox {}: skipped {} record(s) of a type this bundle does not know (written by a newer version?)",
                    journal.file(), r.unknownRecords());
        }
        int dropped = 0;
        while (overflow == MqttConfig.OutboxOverflow.DROP_OLDEST && liveBytes > maxBytes) {
            removeOldest();
            dropped++;
        }
        if (dropped > 0) {
            LOG.warn("outbox {}: dropped the {} oldest of the recovered publications: they exceed outbox_max_bytes {} "
                    + "(outbox_overflow=drop_oldest)", journal.file(), dropped, maxBytes);
        }
        return rewrite || dropped > 0;
    }

    private OutboxScanner.Sink loader() {
        return new OutboxScanner.Sink() {
            @Override
            public void add(long id, long offset, long size) {
                remove(id);
                Loc l = new Loc(id, size);
                l.offset = offset;
                live.put(id, l);
                liveBytes += size;
                writtenBytes += size;
                maxId = Math.max(maxId, id);
            }

            @Override
            public void releasing(long id, int packetId, long offset, long size) {
                Loc l = live.get(id);
                if (l != null && l.releasingOffset < 0) {
                    releasingWritten(l, packetId, offset);
                }
                maxId = Math.max(maxId, id);
            }

            @Override
            public void done(long id) {
                remove(id);
                maxId = Math.max(maxId, id);
            }
        };
    }

    /** The next id after everything in the journal (ids never repeat, also across restarts). */
    long nextId() {
        return ++maxId;
    }

    /** A new publication, not yet written. */
    Loc add(long id, long size) {
        Loc l = new Loc(id, size);
        live.put(id, l);
        liveBytes += size;
        maxId = Math.max(maxId, id);
        return l;
    }

    /** Whether {@code l} is still the live entry for its id. */
    boolean isLive(Loc l) {
        return live.get(l.id) == l;
    }

    Loc get(long id) {
        return live.get(id);
    }

    Loc remove(long id) {
        Loc l = live.remove(id);
        if (l != null) {
            forget(l);
        }
        return l;
    }

    /** Removes the oldest publication (drop_oldest); null if empty. */
    Loc removeOldest() {
        Iterator<Loc> it = live.values().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Loc l = it.next();
        it.remove();
        forget(l);
        return l;
    }

    private void forget(Loc l) {
        liveBytes -= l.size;
        if (l.offset >= 0) {
            writtenBytes -= l.size;
        }
        if (l.releasingOffset >= 0) {
            writtenBytes -= OutboxFormat.RELEASING_SIZE;
        }
        if (l.releasing != null && !l.releasing.taken) {
            l.releasing.cancelled = true; // never written: the DONE that follows ends the entry anyway
        }
    }

    /** Its RELEASING record (PUBREC on {@code packetId}) is now at {@code offset} (written, recovered or moved by compaction). */
    void releasingWritten(Loc l, int packetId, long offset) {
        if (l.releasingOffset < 0) {
            writtenBytes += OutboxFormat.RELEASING_SIZE;
        }
        l.packetId = packetId;
        l.releasingOffset = offset;
        l.releasing = null;
    }

    /** Its ADD record is now at {@code offset} (written, or moved by compaction). */
    void written(Loc l, long offset) {
        if (l.offset < 0) {
            writtenBytes += l.size;
        }
        l.offset = offset;
        l.add = null;
    }

    /** The live publications whose records are in the file, in journal order. */
    List<Loc> writtenEntries() {
        List<Loc> out = new ArrayList<>();
        for (Loc l : live.values()) {
            if (l.offset >= 0) {
                out.add(l);
            }
        }
        return out;
    }

    List<Loc> entries() {
        return new ArrayList<>(live.values());
    }

    List<Long> ids() {
        return new ArrayList<>(live.keySet());
    }

    int size() {
        return live.size();
    }

    long liveBytes() {
        return liveBytes;
    }

    long writtenBytes() {
        return writtenBytes;
    }
}
