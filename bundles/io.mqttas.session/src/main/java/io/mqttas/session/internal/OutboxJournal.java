/* Issue 9 item 8, robustness.md P7: the outbox journal file — create, validate, append with truncate-back, compact. */
package io.mqttas.session.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The physical file of an outbox ({@link OutboxFormat}). Not thread-safe: after {@link #open} only
 * the committer thread writes, forces and compacts; replay's positional reads may run beside it.
 *
 * <p>Failure rules: a batch that fails to write or to force is truncated back to where it started,
 * so a partial record never remains (and even if the truncation fails, readers resynchronise past
 * it: the next batch first retries the truncation). Compaction writes a new file, forces it,
 * renames it over the journal and forces the directory, so after a crash either the old or the new
 * journal is complete; a leftover {@code .compact} file is deleted on open.
 */
final class OutboxJournal {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxJournal.class);
    /** Size of the committer's one write buffer (shared by all journals: only the committer thread writes). */
    static final int WRITE_BUFFER = 256 * 1024;
    private static final SecureRandom SALTS = new SecureRandom();

    /** How files are opened: {@code FileChannel::open}, or a test's channel that fails like a full disk. */
    interface Opener {
        FileChannel open(Path path, OpenOption... options) throws IOException;
    }

    /** One record to write: header fields and body parts, CRC computed by {@link #append}; RELEASING keeps its packet id in {@code qos}. */
    record Record(byte type, long id, int qos, boolean retain, byte[] topic, byte[] payload) {
        static Record releasing(long id, int packetId) {
            return new Record(OutboxFormat.RELEASING, id, packetId, false, null, null);
        }

        long size() {
            return type == OutboxFormat.ADD ? OutboxFormat.addSize(topic.length, payload.length)
                    : type == OutboxFormat.RELEASING ? OutboxFormat.RELEASING_SIZE : OutboxFormat.DONE_SIZE;
        }
    }

    private final Path file;
    private final Opener opener;
    private final long salt;
    private final int headerLength;
    private final boolean headerNeedsRewrite;
    private volatile FileChannel channel;
    private long end;
    private long dirtyTail = -1;
    private ByteBuffer out;

    private OutboxJournal(Path file, Opener opener, FileChannel channel, long salt, int headerLength, boolean headerNeedsRewrite) throws IOException {
        this.file = file;
        this.opener = opener;
        this.channel = channel;
        this.salt = salt;
        this.headerLength = headerLength;
        this.headerNeedsRewrite = headerNeedsRewrite;
        this.end = channel.size();
    }

    /** Opens the journal, creating it (with a forced header and directory entry) when absent or empty. */
    static OutboxJournal open(Path file, Opener opener) throws IOException {
        Files.deleteIfExists(compactFile(file));
        FileChannel ch = opener.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = ch.size();
            if (size == 0) {
                return create(file, opener, ch);
            }
            ByteBuffer head = ByteBuffer.allocate(OutboxFormat.FILE_HEADER);
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // read the header
            }
            head.flip();
            OutboxFormat.FileHeader h = OutboxFormat.parseFileHeader(head);
            if (h.problem() == null) {
                return new OutboxJournal(file, opener, ch, h.salt(), h.length(), false);
            }
            if (h.version() == OutboxFormat.VERSION && h.length() == OutboxFormat.FILE_HEADER) {
                LOG.warn("outbox {}: {}; reading the records with the salt as found and rewriting the header", file, h.problem());
                return new OutboxJournal(file, opener, ch, h.salt(), h.length(), true);
            }
            if (size < OutboxFormat.FILE_HEADER && isTornHeader(head)) {
                LOG.warn("outbox {}: {} bytes of a header whose creation was interrupted; starting a new journal", file, size);
                ch.truncate(0);
                return create(file, opener, ch);
            }
            ch.close();
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            Files.move(file, aside);
            LOG.error("outbox {}: {}; the file was kept as {} and a new journal started (its publications are not sent)", file, h.problem(), aside);
            return create(file, opener, opener.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A short file that starts like our header, or only zeros: its creation was cut by a crash (no record can follow). */
    private static boolean isTornHeader(ByteBuffer head) {
        boolean magic = true;
        boolean zeros = true;
        for (int i = 0; i < head.limit(); i++) {
            magic &= i >= OutboxFormat.MAGIC.length || head.get(i) == OutboxFormat.MAGIC[i];
            zeros &= head.get(i) == 0;
        }
        return magic || zeros;
    }

    private static OutboxJournal create(Path file, Opener opener, FileChannel ch) throws IOException {
        long salt = SALTS.nextLong();
        writeFully(ch, OutboxFormat.fileHeader(salt, System.currentTimeMillis()), 0);
        ch.force(true);
        forceDirectory(file.getParent(), opener);
        return new OutboxJournal(file, opener, ch, salt, OutboxFormat.FILE_HEADER, false);
    }

    static Path compactFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".compact");
    }

    Path file() {
        return file;
    }

    long end() {
        return end;
    }

    int headerLength() {
        return headerLength;
    }

    boolean headerNeedsRewrite() {
        return headerNeedsRewrite;
    }

    /** Pass one of replay: every valid record, in file order. */
    OutboxScanner.Result scan(OutboxScanner.Sink sink) throws IOException {
        return new OutboxScanner(channel, salt, end).scan(headerLength, sink);
    }

    /** Cuts the file at {@code at} (the torn tail found by the scan) and forces it. */
    void truncate(long at) throws IOException {
        channel.truncate(at);
        channel.force(true);
        end = at;
    }

    /**
     * Writes {@code records} at the end through {@code buffer} (the committer's, reused for every
     * journal) and forces them; returns each record's offset. On failure the file is truncated back to
     * where the batch started and the exception is rethrown.
     */
    long[] append(List<Record> records, ByteBuffer buffer) throws IOException {
        reopenIfNeeded();
        if (dirtyTail >= 0) {
            channel.truncate(dirtyTail);
            end = dirtyTail;
            dirtyTail = -1;
        }
        long start = end;
        long[] offsets = new long[records.size()];
        out = buffer;
        out.clear();
        long pos = start;
        try {
            for (int i = 0; i < records.size(); i++) {
                offsets[i] = pos + out.position();
                pos = encode(records.get(i), pos);
            }
            out.flip();
            pos += writeFully(channel, out, pos);
            channel.force(false);
            end = pos;
            return offsets;
        } catch (IOException | RuntimeException e) {
            try {
                channel.truncate(start);
            } catch (IOException | RuntimeException again) {
                dirtyTail = start;
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            out = null;
        }
    }

    /** Copies one record into the write buffer, flushing it to the file at {@code pos} when full; returns the new file position of the buffer's start. */
    private long encode(Record r, long pos) throws IOException {
        boolean add = r.type() == OutboxFormat.ADD;
        long body = r.size() - OutboxFormat.OVERHEAD;
        ByteBuffer header = OutboxFormat.recordHeader(salt, r.type(), body);
        ByteBuffer fixed = add ? OutboxFormat.addFixed(r.id(), r.qos(), r.retain(), r.topic().length)
                : r.type() == OutboxFormat.RELEASING ? OutboxFormat.releasingBody(r.id(), r.qos()) : OutboxFormat.doneBody(r.id());
        CRC32C crc = OutboxFormat.salted(salt);
        crc.update(header.array(), 0, OutboxFormat.HEADER);
        crc.update(fixed.array(), 0, fixed.limit());
        pos = put(header, pos);
        pos = put(fixed, pos);
        if (add) {
            crc.update(r.topic(), 0, r.topic().length);
            crc.update(r.payload(), 0, r.payload().length);
            pos = put(ByteBuffer.wrap(r.topic()), pos);
            pos = put(ByteBuffer.wrap(r.payload()), pos);
        }
        return put(OutboxFormat.trailer((int) crc.getValue()), pos);
    }

    private long put(ByteBuffer src, long pos) throws IOException {
        while (src.hasRemaining()) {
            if (!out.hasRemaining()) {
                out.flip();
                pos += writeFully(channel, out, pos);
                out.clear();
            }
            int n = Math.min(out.remaining(), src.remaining());
            ByteBuffer slice = src.slice();
            slice.limit(n);
            out.put(slice);
            src.position(src.position() + n);
        }
        return pos;
    }

    private static int writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            total += ch.write(b, pos + total);
        }
        return total;
    }

    /** Reads the body parts of the ADD record at {@code offset} (verified again); null if it no longer checks. */
    Stored readAdd(long offset, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(OutboxFormat.HEADER + OutboxFormat.ADD_FIXED);
        readFully(head, offset);
        int topicLength = Short.toUnsignedInt(head.getShort(OutboxFormat.HEADER + 10));
        long payloadLength = size - OutboxFormat.OVERHEAD - OutboxFormat.ADD_FIXED - topicLength;
        if (payloadLength < 0 || payloadLength > Integer.MAX_VALUE) {
            return null;
        }
        byte[] topic = new byte[topicLength];
        byte[] payload = new byte[(int) payloadLength];
        ByteBuffer trailer = ByteBuffer.allocate(OutboxFormat.TRAILER);
        long p = offset + head.capacity();
        readFully(ByteBuffer.wrap(topic), p);
        readFully(ByteBuffer.wrap(payload), p + topicLength);
        readFully(trailer, p + topicLength + payloadLength);
        CRC32C crc = OutboxFormat.salted(salt);
        crc.update(head.array(), 0, head.capacity());
        crc.update(topic, 0, topic.length);
        crc.update(payload, 0, payload.length);
        if (trailer.getInt(0) != (int) crc.getValue()) {
            return null;
        }
        return new Stored(head.getLong(OutboxFormat.HEADER), head.get(OutboxFormat.HEADER + 8), head.get(OutboxFormat.HEADER + 9) != 0,
                topic, payload);
    }

    /** The decoded fields of an ADD record. */
    record Stored(long id, int qos, boolean retain, byte[] topic, byte[] payload) {
    }

    private void readFully(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b, pos + b.position()) < 0) {
                throw new IOException("outbox " + file + ": unexpected end of file at " + (pos + b.position()));
            }
        }
    }

    /**
     * Rewrites the journal with only the given records (copied byte for byte), swaps it in atomically
     * and forces the directory; returns the records' new offsets. On failure the old journal stays.
     */
    long[] compact(long[] offsets, long[] sizes) throws IOException {
        reopenIfNeeded();
        Path tmp = compactFile(file);
        long[] moved = new long[offsets.length];
        try (FileChannel next = opener.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = writeFully(next, OutboxFormat.fileHeader(salt, System.currentTimeMillis()), 0);
            for (int i = 0; i < offsets.length; i++) {
                moved[i] = pos;
                long done = 0;
                while (done < sizes[i]) {
                    long n = channel.transferTo(offsets[i] + done, sizes[i] - done, next.position(pos + done));
                    if (n <= 0) {
                        throw new IOException("outbox " + file + ": compaction could not copy the record at " + offsets[i]);
                    }
                    done += n;
                }
                pos += sizes[i];
            }
            next.force(true);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        FileChannel old = channel;
        channel = null; // from here on the old channel writes to an unlinked file: never use it again
        closeQuietly(old);
        forceDirectory(file.getParent(), opener);
        try {
            reopenIfNeeded();
        } catch (IOException e) {
            LOG.warn("outbox {}: cannot reopen the compacted journal ({}); the next write tries again", file, e.toString());
        }
        return moved;
    }

    private void reopenIfNeeded() throws IOException {
        if (channel == null) {
            channel = opener.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            end = channel.size();
        }
    }

    /** fsync of a directory, so a created or renamed entry survives a power cut (Linux; best effort elsewhere). */
    static void forceDirectory(Path dir, Opener opener) {
        try (FileChannel d = opener.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("outbox: cannot force directory {} ({}); the file system may not support it", dir, e.toString());
        }
    }

    /** Forces what was written and closes the file. */
    void close(boolean force) {
        FileChannel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                if (force) {
                    ch.force(false);
                }
            } catch (IOException e) {
                LOG.warn("outbox {}: final force failed: {}", file, e.toString());
            }
            closeQuietly(ch);
        }
    }

    /** Closes the channel from another thread, making a stuck commit fail (close after its deadline). */
    void abort() {
        FileChannel ch = channel;
        if (ch != null) {
            closeQuietly(ch);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
