/* Issue 9 item 8, DESIGN.md §7, robustness.md P7: the on-disk format of the durable outbox journal (version 1). */
package io.mqttas.session.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The bytes of an outbox journal. Everything is big-endian.
 *
 * <pre>
 * file header (32 bytes, once at offset 0)
 *   0  8  magic "mqttasOB"
 *   8  2  format version (1); a reader refuses a version it does not know
 *  10  2  header length (32); a later version may extend the header
 *  12  8  journal salt: random, chosen when the file is created, kept by compaction
 *  20  8  creation time (epoch ms, informational)
 *  28  4  CRC32C of bytes 0..27
 *
 * record (18 + n bytes, one after the other)
 *   0  4  mark F3 9A 5C 21
 *   4  1  type (ADD 1, DONE 2, PAD 3, RELEASING 4; see below)
 *   5  1  flags (0, reserved)
 *   6  4  body length n (unsigned)
 *  10  4  header CRC32C over salt(8) + bytes 0..9
 *  14  n  body
 *  14+n 4 record CRC32C over salt(8) + bytes 0..13+n (PAD: over salt + bytes 0..13 only)
 * </pre>
 *
 * <p>Why this framing resynchronises: the header has its own CRC, so a header that checks is
 * trusted for its length even when the body does not check; such a record is skipped whole. A header
 * that does not check (a flipped byte, a torn write, zeros) is followed by a byte-wise search for
 * the next mark whose header checks, so one bad record never hides the records after it. The salt
 * binds every CRC to this file: a record of another journal carried inside a payload (a user
 * publishing a journal file) cannot be mistaken for one of ours during the search.
 *
 * <p>Bodies: ADD = id(8) qos(1) flags(1, bit 0 retain) topic length(2) topic(UTF-8) payload;
 * DONE = id(8); PAD = ignored bytes (may be a hole in a sparse file; a reader skips it without
 * reading, which is also how a test builds a journal over 2 GiB in milliseconds).
 *
 * RELEASING = id(8) packet id(2): QoS 2, the broker's PUBREC for entry id arrived on packet id
 * (written after the ADD; the entry's DONE ends both).
 *
 * <p>RELEASING (issue 13 item 5) was added within version 1: a reader skips record types it does not
 * know by the trusted length (and counts them in a warning), so an older bundle reading a newer
 * journal replays such an entry as a new QoS 2 PUBLISH (at least once, as it always did) and still
 * replays every other record. What a newer reader does with RELEASING on replay: on a connection with
 * session present it sends PUBREL with the recorded packet id (kept from new publications) until
 * PUBCOMP; without a session the broker's QoS 2 state is gone and it owned the message at PUBREC, so
 * the entry ends as delivered. Still at least once across a restart: a QoS 2 publication whose PUBREC
 * had not arrived (or whose RELEASING was not yet on disk, one commit window) is published again with
 * a new packet id, and the broker may deliver it twice. Reserved for later: INBOUND(packet id) /
 * RELEASED(packet id) for inbound QoS 2 ids already received. A change an older reader must not
 * misread raises the format version instead.
 */
final class OutboxFormat {
    static final int FILE_HEADER = 32;
    static final short VERSION = 1;
    static final byte[] MAGIC = "mqttasOB".getBytes(StandardCharsets.US_ASCII);
    static final int MARK = 0xF39A5C21;
    static final int HEADER = 14;
    static final int TRAILER = 4;
    static final int OVERHEAD = HEADER + TRAILER;
    /** Fixed part of an ADD body: id, qos, flags, topic length. */
    static final int ADD_FIXED = 8 + 1 + 1 + 2;
    static final int DONE_BODY = 8;
    static final byte ADD = 1;
    static final byte DONE = 2;
    static final byte PAD = 3;
    static final byte RELEASING = 4;
    /** RELEASING body: id, packet id. */
    static final int RELEASING_BODY = 8 + 2;
    /** Largest ADD/DONE body a reader accepts: an MQTT packet (256 MiB) plus the fixed fields; bounds replay memory. */
    static final long MAX_BODY = 268_435_455L + ADD_FIXED + 65_535;

    private OutboxFormat() {
    }

    /** The file header for a new journal. */
    static ByteBuffer fileHeader(long salt, long createdMillis) {
        ByteBuffer b = ByteBuffer.allocate(FILE_HEADER).order(ByteOrder.BIG_ENDIAN);
        b.put(MAGIC).putShort(VERSION).putShort((short) FILE_HEADER).putLong(salt).putLong(createdMillis);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 28);
        b.putInt((int) crc.getValue());
        return b.flip();
    }

    /** A parsed file header; {@code problem} is null when it is valid. */
    record FileHeader(int version, int length, long salt, String problem) {
    }

    static FileHeader parseFileHeader(ByteBuffer b) {
        if (b.remaining() < FILE_HEADER) {
            return new FileHeader(0, 0, 0, "file shorter than the 32-byte header");
        }
        byte[] h = new byte[FILE_HEADER];
        b.get(h);
        for (int i = 0; i < MAGIC.length; i++) {
            if (h[i] != MAGIC[i]) {
                return new FileHeader(0, 0, 0, "not an outbox journal (no \"mqttasOB\" header)");
            }
        }
        ByteBuffer v = ByteBuffer.wrap(h);
        int version = Short.toUnsignedInt(v.getShort(8));
        int length = Short.toUnsignedInt(v.getShort(10));
        long salt = v.getLong(12);
        CRC32C crc = new CRC32C();
        crc.update(h, 0, 28);
        if ((int) crc.getValue() != v.getInt(28)) {
            return new FileHeader(version, length, salt, "file header CRC mismatch");
        }
        if (version != VERSION) {
            return new FileHeader(version, length, salt, "format version " + version + " (this bundle reads version " + VERSION + ")");
        }
        if (length < FILE_HEADER) {
            return new FileHeader(version, length, salt, "header length " + length + " below " + FILE_HEADER);
        }
        return new FileHeader(version, length, salt, null);
    }

    /** The 14-byte record header (mark, type, flags, length, header CRC). */
    static ByteBuffer recordHeader(long salt, byte type, long bodyLength) {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        b.putInt(MARK).put(type).put((byte) 0).putInt((int) bodyLength);
        b.putInt(headerCrc(salt, b.array()));
        return b.flip();
    }

    static int headerCrc(long salt, byte[] header10) {
        CRC32C crc = salted(salt);
        crc.update(header10, 0, 10);
        return (int) crc.getValue();
    }

    /** A CRC32C already fed with the journal salt. */
    static CRC32C salted(long salt) {
        CRC32C crc = new CRC32C();
        byte[] s = new byte[8];
        ByteBuffer.wrap(s).putLong(salt);
        crc.update(s, 0, 8);
        return crc;
    }

    /** ADD body prefix: id, qos, flags, topic length (topic and payload follow). */
    static ByteBuffer addFixed(long id, int qos, boolean retain, int topicLength) {
        ByteBuffer b = ByteBuffer.allocate(ADD_FIXED);
        b.putLong(id).put((byte) qos).put((byte) (retain ? 1 : 0)).putShort((short) topicLength);
        return b.flip();
    }

    static ByteBuffer doneBody(long id) {
        return ByteBuffer.allocate(DONE_BODY).putLong(id).flip();
    }

    static ByteBuffer releasingBody(long id, int packetId) {
        return ByteBuffer.allocate(RELEASING_BODY).putLong(id).putShort((short) packetId).flip();
    }

    static ByteBuffer trailer(int crc) {
        return ByteBuffer.allocate(TRAILER).putInt(crc).flip();
    }

    /** On-disk size of an ADD record. */
    static long addSize(int topicBytes, int payloadBytes) {
        return OVERHEAD + ADD_FIXED + (long) topicBytes + payloadBytes;
    }

    static final long DONE_SIZE = OVERHEAD + DONE_BODY;
    static final long RELEASING_SIZE = OVERHEAD + RELEASING_BODY;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The journal's file name for a client id: [A-Za-z0-9_.-] kept, every other byte %HH, so distinct ids never share a file. */
    static String fileName(String clientId) {
        byte[] utf8 = clientId.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < utf8.length; i++) {
            int c = utf8[i] & 0xff;
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || (c == '.' && i > 0);
            if (safe) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        String name = b.length() == 0 ? "%" : b.toString();
        if (name.length() > 200) {
            name = name.substring(0, 160) + "~" + digest(utf8); // '~' is always escaped above: no clash with a spelled-out id
        }
        return name + ".outbox";
    }

    /** 32 hex digits of SHA-256: the tail of a file name for a client id too long to spell out. */
    static String digest(byte[] bytes) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                b.append(String.format("%02x", d[i]));
            }
            return b.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
