/* MQTT 3.1.1 §1.5 and §2.2.3, MQTT 5.0 §1.5 and §2.1.4: reading the fields of a packet body, never past its remaining length. */
package io.mqttas.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over one packet body inside a buffer, from {@code pos} to {@code end} (absolute indexes).
 * Every read checks the body's end first, so a length field can never make it read beyond the packet
 * (the parser CVE shapes of robustness.md §4.5). Strings are decoded strictly: malformed UTF-8,
 * encoded surrogates and U+0000 are errors [MQTT-1.5.3-1, MQTT-1.5.3-2]. Reused for every packet of
 * one decoder; not thread-safe.
 */
final class BodyReader {
    /** Rule name for a remaining length that disagrees with the packet's content. */
    static final String LENGTH_RULE = "remaining-length";

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private final boolean v5;
    private ByteBuffer buf;
    private int pos;
    private int end;
    private String packet;
    private int lastStringLength;

    BodyReader() {
        this(MqttVersion.MQTT_3_1_1);
    }

    /** A reader naming the rules of {@code version} (MQTT 5.0 moved the UTF-8 rules to §1.5.4). */
    BodyReader(MqttVersion version) {
        this.v5 = version == MqttVersion.MQTT_5;
    }

    BodyReader reset(ByteBuffer buf, int pos, int end, String packet) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
        this.packet = packet;
        return this;
    }

    /** Drops the reference to the caller's buffer. */
    void clear() {
        buf = null;
    }

    boolean hasMore() {
        return pos < end;
    }

    int u8(String field) {
        need(1, field);
        return buf.get(pos++) & 0xFF;
    }

    int u16(String field) {
        need(2, field);
        int v = (buf.get(pos) & 0xFF) << 8 | buf.get(pos + 1) & 0xFF;
        pos += 2;
        return v;
    }

    /** A length-prefixed UTF-8 string [MQTT-1.5.3]. */
    String string(String field) {
        return string(field, false, false);
    }

    /** A topic name: a string that is not empty and has no wildcard [MQTT-4.7.3-1, MQTT-3.3.2-2]. */
    String topicName(String field) {
        return string(field, true, false);
    }

    /** A v5 PUBLISH topic name: no wildcard, but empty when a Topic Alias stands for it (checked by the caller). */
    String topicNameOrEmpty(String field) {
        return string(field, true, true);
    }

    /**
     * A variable byte integer of at most 4 bytes [MQTT 5.0 §1.5.5], in its shortest form
     * [MQTT-1.5.5-1] (the property lengths, identifiers and Subscription Identifiers of MQTT 5.0).
     */
    int vbi(String field) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = u8(field);
            value |= (b & 0x7F) << 7 * i;
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new MqttCodecException("MQTT-1.5.5-1", packet + " " + field + " is not in its shortest form",
                            hex(pos - i - 1, i + 1));
                }
                return value;
            }
        }
        throw new MqttCodecException("MQTT-1.5.5", packet + " " + field + " uses more than 4 bytes", hex(pos - 4, 4));
    }

    /** Consumes the next byte if it is 0x00 (a Property Length of 0); false, consuming nothing, otherwise. */
    boolean zeroByte() {
        if (pos < end && buf.get(pos) == 0) {
            pos++;
            return true;
        }
        return false;
    }

    /** Bytes left in the body. */
    int remaining() {
        return end - pos;
    }

    /**
     * Limits reading to the next {@code n} bytes (a property block), after checking that they are in
     * the packet — before anything of them is read or allocated. Returns the end to {@link #widen} to.
     */
    int narrow(int n, String field) {
        need(n, field);
        int old = end;
        end = pos + n;
        return old;
    }

    void widen(int oldEnd) {
        end = oldEnd;
    }

    /** UTF-8 byte length of the last string read. */
    int lastStringLength() {
        return lastStringLength;
    }

    /** Length-prefixed binary data (will message, password) [MQTT-1.5.6]. */
    byte[] binary(String field) {
        int n = lengthOf(field);
        need(n, field);
        byte[] b = new byte[n];
        buf.get(pos, b);
        pos += n;
        return b;
    }

    /** All the bytes left in the body (the PUBLISH payload). */
    byte[] rest() {
        byte[] b;
        if (buf.hasArray()) {
            // copyOfRange lets the JIT skip zeroing an array it overwrites at once (the payload copy
            // is most of the cost of decoding a large PUBLISH).
            int from = buf.arrayOffset() + pos;
            b = Arrays.copyOfRange(buf.array(), from, from + end - pos);
        } else {
            b = new byte[end - pos];
            buf.get(pos, b);
        }
        pos = end;
        return b;
    }

    /** The body must be fully consumed: extra bytes mean the remaining length disagrees with the content. */
    void expectEnd() {
        if (pos != end) {
            throw new MqttCodecException(LENGTH_RULE, packet + " has " + (end - pos) + " bytes after its last field",
                    hex(pos, end - pos));
        }
    }

    /** The two-byte length in front of a string or binary field; the error text is built only on failure. */
    private int lengthOf(String field) {
        if (end - pos < 2) {
            need(2, field + " length");
        }
        return u16(field);
    }

    private void need(int n, String field) {
        if (n > end - pos) {
            throw new MqttCodecException(LENGTH_RULE, packet + " ends inside its " + field + ": " + n
                    + " bytes needed, " + (end - pos) + " left in the packet", n);
        }
    }

    private String string(String field, boolean topicName, boolean mayBeEmpty) {
        int n = lengthOf(field);
        need(n, field);
        if (topicName && n == 0 && !mayBeEmpty) {
            throw new MqttCodecException("MQTT-4.7.3-1", packet + " " + field + " is empty", "\"\"");
        }
        // One pass over the bytes: U+0000 can only be the byte 0x00 in well-formed UTF-8, and '+'/'#'
        // only the wildcard characters; anything >= 0x80 sends the string to the strict decoder.
        int bad = buf.hasArray() ? scan(buf.array(), buf.arrayOffset() + pos, n, topicName) : scan(pos, n, topicName);
        if (bad == NUL) {
            throw new MqttCodecException(v5 ? "MQTT-1.5.4-2" : "MQTT-1.5.3-2", packet + " " + field + " contains U+0000", hex(pos, n));
        }
        if (bad == WILDCARD) {
            throw new MqttCodecException("MQTT-3.3.2-2", packet + " " + field + " contains a wildcard", hex(pos, n));
        }
        boolean ascii = bad == ASCII;
        String s;
        if (ascii) {
            s = ascii(pos, n);
        } else {
            try {
                s = utf8.decode(buf.duplicate().limit(pos + n).position(pos)).toString();
            } catch (CharacterCodingException e) {
                throw new MqttCodecException(v5 ? "MQTT-1.5.4-1" : "MQTT-1.5.3-1", packet + " " + field + " is not well-formed UTF-8",
                        hex(pos, n));
            }
        }
        pos += n;
        lastStringLength = n;
        return s;
    }

    private static final int ASCII = 0;
    private static final int NON_ASCII = 1;
    private static final int NUL = 2;
    private static final int WILDCARD = 3;

    private static int scan(byte[] a, int from, int n, boolean topicName) {
        int result = ASCII;
        for (int i = from, end = from + n; i < end; i++) {
            byte b = a[i];
            if (b == 0) {
                return NUL;
            }
            if (b < 0) {
                result = NON_ASCII;
            } else if (topicName && (b == '+' || b == '#')) {
                return WILDCARD;
            }
        }
        return result;
    }

    private int scan(int from, int n, boolean topicName) {
        int result = ASCII;
        for (int i = from, end = from + n; i < end; i++) {
            byte b = buf.get(i);
            if (b == 0) {
                return NUL;
            }
            if (b < 0) {
                result = NON_ASCII;
            } else if (topicName && (b == '+' || b == '#')) {
                return WILDCARD;
            }
        }
        return result;
    }

    private String ascii(int from, int n) {
        if (buf.hasArray()) {
            // ISO-8859-1 is the cheapest correct decoding of bytes already known to be 0x01..0x7F.
            return new String(buf.array(), buf.arrayOffset() + from, n, StandardCharsets.ISO_8859_1);
        }
        byte[] b = new byte[n];
        buf.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Up to 32 bytes as hex, for error messages about hostile input. */
    String hex(int from, int n) {
        int shown = Math.min(n, 32);
        StringBuilder b = new StringBuilder(shown * 3 + 16);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(Character.forDigit(buf.get(from + i) >> 4 & 0xF, 16)).append(Character.forDigit(buf.get(from + i) & 0xF, 16));
        }
        if (n > shown) {
            b.append(" …(").append(n).append(" bytes)");
        }
        return b.toString();
    }
}
