/* MQTT 3.1.1 §1.5.3: UTF-8 encoded strings — writing them straight into the destination buffer. */
package io.mqttas.codec;

import java.nio.ByteBuffer;

/**
 * UTF-8 length and encoding of strings that the packet constructors have already validated (no
 * unpaired surrogates). Writing goes straight into the caller's buffer: no {@code getBytes} copy.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Length of {@code s} in UTF-8 bytes (lengths are always byte lengths: mqtt_as bug B8). */
    static int length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c)) {
                    bytes += 2; // the pair is 2 chars and 4 bytes
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** Writes {@code s} as a two-byte length followed by its UTF-8 bytes. */
    static void writeString(String s, ByteBuffer out) {
        int lengthAt = out.position();
        out.position(lengthAt + 2);
        if (out.hasArray()) {
            byte[] a = out.array();
            int base = out.arrayOffset();
            int end = write(s, a, base + lengthAt + 2);
            out.position(end - base);
        } else {
            write(s, out);
        }
        int length = out.position() - lengthAt - 2;
        out.put(lengthAt, (byte) (length >> 8)); // big-endian whatever the buffer's byte order
        out.put(lengthAt + 1, (byte) length);
    }

    private static int write(String s, byte[] a, int p) {
        int n = s.length();
        int i = 0;
        while (i < n) { // ASCII run: the common case for topics and client ids
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            a[p++] = (byte) c;
            i++;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                a[p++] = (byte) c;
            } else if (c < 0x800) {
                a[p++] = (byte) (0xC0 | c >> 6);
                a[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                a[p++] = (byte) (0xF0 | cp >> 18);
                a[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                a[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                a[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                a[p++] = (byte) (0xE0 | c >> 12);
                a[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                a[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return p;
    }

    private static void write(String s, ByteBuffer out) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | c >> 6));
                out.put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | cp >> 18));
                out.put((byte) (0x80 | cp >> 12 & 0x3F));
                out.put((byte) (0x80 | cp >> 6 & 0x3F));
                out.put((byte) (0x80 | cp & 0x3F));
            } else {
                out.put((byte) (0xE0 | c >> 12));
                out.put((byte) (0x80 | c >> 6 & 0x3F));
                out.put((byte) (0x80 | c & 0x3F));
            }
        }
    }
}
