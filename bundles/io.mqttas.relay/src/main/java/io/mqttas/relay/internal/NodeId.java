/* spec/relay.md §3: a node (and the gateway) is named by its MAC as 12 lowercase hex digits. */
package io.mqttas.relay.internal;

import java.util.Arrays;
import java.util.Locale;

/** A 6-byte radio MAC address and its 12-hex-digit text form. Immutable. */
public final class NodeId {
    public static final int LENGTH = 6;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] mac;
    private final String hex;

    private NodeId(byte[] mac) {
        this.mac = mac;
        char[] c = new char[LENGTH * 2];
        for (int i = 0; i < LENGTH; i++) {
            c[2 * i] = HEX[(mac[i] >> 4) & 0xf];
            c[2 * i + 1] = HEX[mac[i] & 0xf];
        }
        this.hex = new String(c);
    }

    /** The MAC in {@code bytes[offset..offset+6)}. */
    public static NodeId of(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < LENGTH) {
            throw new IllegalArgumentException("a MAC needs 6 bytes, got " + Math.max(0, bytes.length - offset));
        }
        return new NodeId(Arrays.copyOfRange(bytes, offset, offset + LENGTH));
    }

    /** Parses 12 hex digits (any case; ':' or '-' separators allowed). */
    public static NodeId parse(String text) {
        String s = text == null ? "" : text.trim().replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
        if (s.length() != LENGTH * 2) {
            throw new IllegalArgumentException("a node id is 12 hex digits, got '" + text + "'");
        }
        byte[] mac = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("a node id is 12 hex digits, got '" + text + "'");
            }
            mac[i] = (byte) (hi << 4 | lo);
        }
        return new NodeId(mac);
    }

    /** A copy of the 6 MAC bytes. */
    public byte[] mac() {
        return mac.clone();
    }

    /** Writes the 6 MAC bytes into {@code out} at {@code offset}. */
    public void writeTo(byte[] out, int offset) {
        System.arraycopy(mac, 0, out, offset, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeId n && Arrays.equals(n.mac, mac);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mac);
    }

    /** The 12 lowercase hex digits, e.g. {@code 246f28aabbcc}. */
    @Override
    public String toString() {
        return hex;
    }
}
