/* Issue 9 item 8: the first replay pass over an outbox journal — streaming, CRC-checked, resynchronising. */
package io.mqttas.session.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Reads a journal front to back through one 64 KiB buffer (memory does not grow with the file; offsets
 * are {@code long}, so files over 2 GiB are fine) and reports each valid record to a {@link Sink}.
 * A record whose header checks but whose body does not is skipped by its length; a header that does
 * not check starts a search for the next mark with a valid header ({@link OutboxFormat}). Bytes after
 * the last valid record are the torn tail of an interrupted write. Nothing here throws on bad bytes.
 */
final class OutboxScanner {
    private static final int BUFFER = 64 * 1024;

    /** What the journal says, record by record. */
    interface Sink {
        void add(long id, long offset, long size);

        void done(long id);

        /** QoS 2: entry {@code id} had its PUBREC on {@code packetId} (record at offset, size). */
        void releasing(long id, int packetId, long offset, long size);
    }

    /** Where the valid data ends, what was skipped before it, and the torn tail after it. */
    record Result(long validEnd, int corruptRegions, long corruptBytes, long tailBytes, int unknownRecords, long maxId) {
    }

    private record Header(byte type, long length) {
    }

    private final FileChannel channel;
    private final long salt;
    private final long size;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    private long bufStart;
    private final byte[] header10 = new byte[10];

    OutboxScanner(FileChannel channel, long salt, long size) {
        this.channel = channel;
        this.salt = salt;
        this.size = size;
        buf.limit(0);
    }

    Result scan(long from, Sink sink) throws IOException {
        long p = from;
        long validEnd = from;
        int regions = 0;
        long corrupt = 0;
        int pendingRegions = 0;
        long pendingBytes = 0;
        int unknown = 0;
        long maxId = 0;
        while (p < size) {
            Header h = header(p);
            long end = h == null ? -1 : p + OutboxFormat.OVERHEAD + h.length;
            if (h == null || end > size) {
                long q = resync(p + 1);
                if (q < 0) {
                    break;
                }
                pendingRegions++;
                pendingBytes += q - p;
                p = q;
                continue;
            }
            if (!recordChecks(p, h)) {
                pendingRegions++;
                pendingBytes += end - p;
                p = end;
                continue;
            }
            switch (h.type) {
                case OutboxFormat.ADD -> {
                    long id = idAt(p);
                    sink.add(id, p, end - p);
                    maxId = Math.max(maxId, id);
                }
                case OutboxFormat.DONE -> {
                    long id = idAt(p);
                    sink.done(id);
                    maxId = Math.max(maxId, id);
                }
                case OutboxFormat.RELEASING -> {
                    long id = idAt(p);
                    ensure(p + OutboxFormat.HEADER, OutboxFormat.RELEASING_BODY);
                    int packetId = Short.toUnsignedInt(buf.getShort((int) (p + OutboxFormat.HEADER + 8 - bufStart)));
                    sink.releasing(id, packetId, p, end - p);
                    maxId = Math.max(maxId, id);
                }
                case OutboxFormat.PAD -> {
                    // skipped without reading its body
                }
                default -> unknown++;
            }
            regions += pendingRegions;
            corrupt += pendingBytes;
            pendingRegions = 0;
            pendingBytes = 0;
            validEnd = end;
            p = end;
        }
        return new Result(validEnd, regions, corrupt, size - validEnd, unknown, maxId);
    }

    /** The header at {@code p} if it is complete, checks, and has a length its type allows; else null. */
    private Header header(long p) throws IOException {
        if (!ensure(p, OutboxFormat.HEADER)) {
            return null;
        }
        return headerAt((int) (p - bufStart));
    }

    private Header headerAt(int i) {
        if (buf.getInt(i) != OutboxFormat.MARK) {
            return null;
        }
        for (int k = 0; k < 10; k++) {
            header10[k] = buf.get(i + k);
        }
        if (OutboxFormat.headerCrc(salt, header10) != buf.getInt(i + 10)) {
            return null;
        }
        byte type = buf.get(i + 4);
        long length = Integer.toUnsignedLong(buf.getInt(i + 6));
        boolean plausible = switch (type) {
            case OutboxFormat.ADD -> length >= OutboxFormat.ADD_FIXED && length <= OutboxFormat.MAX_BODY;
            case OutboxFormat.DONE -> length == OutboxFormat.DONE_BODY;
            case OutboxFormat.RELEASING -> length == OutboxFormat.RELEASING_BODY;
            default -> true;
        };
        return plausible ? new Header(type, length) : null;
    }

    /** Verifies the record CRC; for ADD also that the topic length fits the body. */
    private boolean recordChecks(long p, Header h) throws IOException {
        CRC32C crc = OutboxFormat.salted(salt);
        long bodyStart = p + OutboxFormat.HEADER;
        long trailer = bodyStart + h.length;
        long from = p;
        long to = h.type == OutboxFormat.PAD ? bodyStart : trailer;
        while (from < to) {
            int n = (int) Math.min(BUFFER, to - from);
            if (!ensure(from, n)) {
                return false;
            }
            int i = (int) (from - bufStart);
            crc.update(buf.array(), i, n);
            from += n;
        }
        if (!ensure(trailer, OutboxFormat.TRAILER) || buf.getInt((int) (trailer - bufStart)) != (int) crc.getValue()) {
            return false;
        }
        if (h.type == OutboxFormat.ADD) {
            ensure(bodyStart, OutboxFormat.ADD_FIXED);
            int topic = Short.toUnsignedInt(buf.getShort((int) (bodyStart - bufStart) + 10));
            return OutboxFormat.ADD_FIXED + topic <= h.length;
        }
        return true;
    }

    private long idAt(long p) throws IOException {
        ensure(p + OutboxFormat.HEADER, 8);
        return buf.getLong((int) (p + OutboxFormat.HEADER - bufStart));
    }

    /** The offset of the next record with a valid header at or after {@code from}, or -1. */
    private long resync(long from) throws IOException {
        long off = from;
        while (off + OutboxFormat.HEADER <= size) {
            if (!ensure(off, OutboxFormat.HEADER)) {
                return -1;
            }
            int i = (int) (off - bufStart);
            int last = buf.limit() - OutboxFormat.HEADER;
            for (; i <= last; i++) {
                if (buf.getInt(i) == OutboxFormat.MARK && headerAt(i) != null) {
                    return bufStart + i;
                }
            }
            off = bufStart + i;
        }
        return -1;
    }

    /** Makes file bytes [off, off+len) available in the buffer; false at the end of the file. */
    private boolean ensure(long off, int len) throws IOException {
        if (off >= bufStart && off + len <= bufStart + buf.limit()) {
            return true;
        }
        buf.clear();
        bufStart = off;
        long pos = off;
        while (buf.hasRemaining() && pos < size) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        buf.flip();
        return buf.limit() >= len;
    }
}
