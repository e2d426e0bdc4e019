/* DESIGN.md §7 and robustness.md P7: the durable outbox, a crash-safe journal of unacknowledged QoS 1 publications. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttConfig;
import io.mqttas.session.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * An append-only journal per client id ({@code <dir>/<client_id>.outbox}). Each QoS 1 publication is
 * written (and forced to disk) as an ADD record before it is sent; its PUBACK appends a DONE record.
 * A new client with the same client id and directory re-sends every ADD without a DONE.
 *
 * <p>Record: {@code type(1) id(8) length(4) body(length) crc32(4)} over type..body. On open the
 * journal is replayed up to the first record that is incomplete or fails its CRC (a torn write from a
 * crash); that tail is cut off. When dead records outweigh live ones the journal is compacted into a
 * new file that atomically replaces the old one.
 *
 * <p>Bound: {@code outbox_max_bytes} of live publications. When a new one does not fit,
 * {@code outbox_overflow} decides: {@code drop_oldest} removes the oldest journaled publications
 * (they stay in memory and are still sent by this client, but no longer survive a restart) or
 * {@code reject} fails the new publish with {@link MqttException}. Thread-safety: called under the
 * session lock.
 */
final class Outbox implements java.io.Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final byte ADD = 1;
    private static final byte DONE = 2;
    private static final int HEADER = 1 + 8 + 4;
    private static final int MAX_BODY = 300 * 1024 * 1024;

    /** A journaled publication. */
    record Entry(long id, String topic, byte[] payload, boolean retain) {
        int size() {
            return HEADER + 4 + 2 + topic.getBytes(StandardCharsets.UTF_8).length + 1 + payload.length;
        }
    }

    /** A journaled publication's id and when its record is durable. */
    record Append(long id, java.util.concurrent.CompletableFuture<Void> durable) {
    }

    private final Path file;
    private final long maxBytes;
    private final MqttConfig.OutboxOverflow overflow;
    private final Map<Long, Entry> live = new LinkedHashMap<>();
    private final List<Entry> recovered;
    private FileChannel channel;
    private long nextId = 1;
    private long liveBytes;
    private long fileBytes;

    private Outbox(Path file, long maxBytes, MqttConfig.OutboxOverflow overflow) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.overflow = overflow;
        replay();
        this.recovered = List.copyOf(live.values());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(fileBytes);
        channel.position(fileBytes);
    }

    static Outbox open(Path dir, String clientId, long maxBytes, MqttConfig.OutboxOverflow overflow) throws IOException {
        Files.createDirectories(dir);
        String safe = clientId.replaceAll("[^A-Za-z0-9_.-]", "_");
        return new Outbox(dir.resolve((safe.isEmpty() ? "_" : safe) + ".outbox"), maxBytes, overflow);
    }

    Path file() {
        return file;
    }

    /** Publications left unacknowledged by an earlier client, oldest first. */
    List<Entry> entries() {
        return recovered;
    }

    /** Streams the live entries in journal order (this interim version: those recovered at open). */
    void replay(java.util.function.Consumer<Entry> sink) throws IOException {
        recovered.forEach(sink);
    }

    long liveBytes() {
        return liveBytes;
    }

    int size() {
        return live.size();
    }

    private void replay() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all);
        long good = 0;
        while (b.remaining() >= HEADER + 4) {
            int start = b.position();
            byte type = b.get();
            long id = b.getLong();
            int len = b.getInt();
            if ((type != ADD && type != DONE) || len < 0 || len > MAX_BODY || b.remaining() < len + 4) {
                break;
            }
            CRC32 crc = new CRC32();
            crc.update(all, start, HEADER + len);
            b.position(start + HEADER + len);
            if ((int) crc.getValue() != b.getInt()) {
                break;
            }
            if (type == ADD) {
                ByteBuffer body = ByteBuffer.wrap(all, start + HEADER, len);
                int tlen = Short.toUnsignedInt(body.getShort());
                if (tlen + 3 > len) {
                    break;
                }
                String topic = new String(all, start + HEADER + 2, tlen, StandardCharsets.UTF_8);
                body.position(body.position() + tlen);
                boolean retain = body.get() != 0;
                byte[] payload = new byte[len - tlen - 3];
                body.get(payload);
                Entry e = new Entry(id, topic, payload, retain);
                live.put(id, e);
                liveBytes += e.size();
            } else {
                Entry e = live.remove(id);
                if (e != null) {
                    liveBytes -= e.size();
                }
            }
            nextId = Math.max(nextId, id + 1);
            good = b.position();
        }
        if (good < all.length) {
            LOG.warn("outbox {}: ignoring {} bytes of a torn or corrupt tail after offset {}", file, all.length - good, good);
        }
        fileBytes = good;
    }

    /**
     * Journals a publication; {@code durable} completes once it is on disk (this interim version
     * writes and forces it at once, so the future is already complete).
     */
    Append append(String topic, byte[] payload, boolean retain) {
        return new Append(appendNow(topic, payload, retain), java.util.concurrent.CompletableFuture.completedFuture(null));
    }

    private long appendNow(String topic, byte[] payload, boolean retain) {
        Entry e = new Entry(nextId++, topic, payload, retain);
        if (e.size() > maxBytes) {
            throw new MqttException("publication of " + payload.length + " bytes is larger than outbox_max_bytes " + maxBytes);
        }
        while (liveBytes + e.size() > maxBytes) {
            if (overflow == MqttConfig.OutboxOverflow.REJECT) {
                throw new MqttException("outbox full (" + liveBytes + " of " + maxBytes + " bytes, outbox_overflow=reject)");
            }
            Entry oldest = live.values().iterator().next();
            LOG.warn("outbox {} full: dropping the journal record of the oldest publication (id {}, topic {})", file, oldest.id(), oldest.topic());
            removeNow(oldest.id());
        }
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(2 + t.length + 1 + payload.length);
        body.putShort((short) t.length).put(t).put((byte) (retain ? 1 : 0)).put(payload);
        write(ADD, e.id(), body.array(), true);
        live.put(e.id(), e);
        liveBytes += e.size();
        return e.id();
    }

    /** The publication was acknowledged (or abandoned); never throws, the future reports a failed DONE write. */
    java.util.concurrent.CompletableFuture<Void> remove(long id) {
        try {
            removeNow(id);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private void removeNow(long id) {
        Entry e = live.remove(id);
        if (e == null) {
            return;
        }
        liveBytes -= e.size();
        write(DONE, id, new byte[0], false);
        if (fileBytes > 64 * 1024 && fileBytes > 4 * Math.max(liveBytes, 1)) {
            compact();
        }
    }

    private void write(byte type, long id, byte[] body, boolean force) {
        ByteBuffer rec = record(type, id, body);
        try {
            while (rec.hasRemaining()) {
                channel.write(rec);
            }
            fileBytes += rec.limit();
            if (force) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new MqttException("outbox " + file + ": write failed: " + e.getMessage(), e);
        }
    }

    private static ByteBuffer record(byte type, long id, byte[] body) {
        ByteBuffer rec = ByteBuffer.allocate(HEADER + body.length + 4);
        rec.put(type).putLong(id).putInt(body.length).put(body);
        CRC32 crc = new CRC32();
        crc.update(rec.array(), 0, HEADER + body.length);
        rec.putInt((int) crc.getValue());
        rec.flip();
        return rec;
    }

    /** Rewrites the live records into a new file and swaps it in atomically. */
    private void compact() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long bytes = 0;
            for (Entry e : live.values()) {
                byte[] t = e.topic().getBytes(StandardCharsets.UTF_8);
                ByteBuffer body = ByteBuffer.allocate(2 + t.length + 1 + e.payload().length);
                body.putShort((short) t.length).put(t).put((byte) (e.retain() ? 1 : 0)).put(e.payload());
                ByteBuffer rec = record(ADD, e.id(), body.array());
                while (rec.hasRemaining()) {
                    out.write(rec);
                }
                bytes += rec.limit();
            }
            out.force(true);
            channel.close();
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            channel.position(bytes);
            fileBytes = bytes;
        } catch (IOException e) {
            LOG.warn("outbox {}: compaction failed (journal kept as is): {}", file, e.toString());
            try {
                if (!channel.isOpen()) {
                    channel = FileChannel.open(file, StandardOpenOption.WRITE);
                    channel.position(channel.size());
                    fileBytes = channel.size();
                }
            } catch (IOException again) {
                throw new MqttException("outbox " + file + " unusable: " + again.getMessage(), again);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            LOG.warn("outbox {}: close failed: {}", file, e.toString());
        }
    }

    /** For tests: ids of live publications. */
    List<Long> liveIds() {
        return new ArrayList<>(live.keySet());
    }
}
