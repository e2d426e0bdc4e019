/*
 * docs/relay-modem.md: the framing between the gateway and an ESP-NOW modem (an ESP32 on a serial
 * port, spec/relay.md §16), protocol version 2. frame := 0xA5, type, length (u16 BE), payload,
 * CRC-16/CCITT-FALSE (u16 BE) over type, length and payload. The decoder hunts for the sync byte,
 * bounds the length and resynchronises after a bad length or CRC, so line noise costs frames,
 * never the reader. The firmware (features/relay-modem/modem.py) implements the same framing.
 */
package io.mqttas.relay.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

/** One modem frame, and its encoder/decoder. */
public record ModemFrame(int type, byte[] payload) {
    public static final int SYNC = 0xA5;
    /** Largest payload: a RECV of 6 MAC bytes + a frame, with room for future growth. */
    public static final int MAX_PAYLOAD = 512;

    // host -> modem
    public static final int SEND = 0x01;
    public static final int ADD_PEER = 0x02;
    public static final int GET_CHANNEL = 0x03;
    public static final int SET_CHANNEL = 0x04;
    public static final int GET_MAC = 0x05;
    /** Protocol 2: answered with RESULT OK + the HELLO payload. */
    public static final int INFO = 0x06;
    /** Protocol 2: unregister a peer (OK also when it was not registered). */
    public static final int DEL_PEER = 0x07;
    // modem -> host
    public static final int RESULT = 0x80;
    public static final int RECV = 0x81;
    /** Protocol 2: sent once at every boot (see {@link ModemHello}). */
    public static final int HELLO = 0x82;
    /** Protocol 2: the radio channel changed (payload: channel). */
    public static final int CHANNEL = 0x83;
    /** Protocol 2: the modem's own news (payload: level, text). */
    public static final int LOG = 0x84;

    // RESULT status
    public static final int OK = 0;
    public static final int NOT_ACKED = 1;
    public static final int ERROR = 2;

    public byte[] encode() {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("modem frame payload of " + payload.length + " bytes exceeds "
                    + MAX_PAYLOAD);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 6);
        out.write(SYNC);
        out.write(type);
        out.write(payload.length >> 8);
        out.write(payload.length & 0xff);
        out.write(payload, 0, payload.length);
        int crc = crc(type, payload);
        out.write(crc >> 8);
        out.write(crc & 0xff);
        return out.toByteArray();
    }

    /** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over type, length and payload. */
    static int crc(int type, byte[] payload) {
        int crc = 0xffff;
        crc = update(crc, type);
        crc = update(crc, payload.length >> 8);
        crc = update(crc, payload.length & 0xff);
        for (byte b : payload) {
            crc = update(crc, b & 0xff);
        }
        return crc;
    }

    private static int update(int crc, int b) {
        crc ^= b << 8;
        for (int i = 0; i < 8; i++) {
            crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
        }
        return crc & 0xffff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModemFrame f && f.type == type && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ModemFrame[type=0x" + Integer.toHexString(type) + ", " + payload.length + " bytes]";
    }

    /**
     * Incremental decoder. On a bad length or CRC it drops only the sync byte of the failed
     * candidate and re-reads the bytes after it, so noise that looks like a sync byte cannot eat
     * the next good frame. Memory is bounded by one maximal frame. Not thread-safe.
     */
    public static final class Decoder {
        private final byte[] buf = new byte[4 + MAX_PAYLOAD + 2];
        private final ArrayDeque<Integer> replay = new ArrayDeque<>();
        private int n;
        private long discarded;

        /** Feeds {@code len} bytes; every complete, valid frame goes to {@code out} in order. */
        public void feed(byte[] data, int off, int len, Consumer<ModemFrame> out) {
            for (int i = off; i < off + len; i++) {
                replay.addLast(data[i] & 0xff);
                while (!replay.isEmpty()) {
                    step(replay.pollFirst(), out);
                }
            }
        }

        private void step(int b, Consumer<ModemFrame> out) {
            if (n == 0 && b != SYNC) {
                discarded++;
                return;
            }
            buf[n++] = (byte) b;
            if (n < 4) {
                return;
            }
            int length = (buf[2] & 0xff) << 8 | (buf[3] & 0xff);
            if (length > MAX_PAYLOAD) {
                reject();
                return;
            }
            if (n < 4 + length + 2) {
                return;
            }
            int type = buf[1] & 0xff;
            byte[] payload = Arrays.copyOfRange(buf, 4, 4 + length);
            int crc = (buf[4 + length] & 0xff) << 8 | (buf[5 + length] & 0xff);
            if (crc == crc(type, payload)) {
                n = 0;
                out.accept(new ModemFrame(type, payload));
            } else {
                reject();
            }
        }

        /**
         * The line has been quiet for a whole read timeout: a frame still incomplete is a false start
         * (a stray sync byte whose "length" waits for bytes that never come), since a modem writes
         * each frame in one go. Its sync byte is dropped and the bytes after it are read again.
         */
        public void idle(Consumer<ModemFrame> out) {
            if (n > 0) {
                reject();
                while (!replay.isEmpty()) {
                    step(replay.pollFirst(), out);
                }
            }
        }

        private void reject() {
            discarded++;
            for (int i = n - 1; i >= 1; i--) {
                replay.addFirst(buf[i] & 0xff);
            }
            n = 0;
        }

        /** Bytes skipped while hunting for sync plus candidates rejected for a bad length or CRC. */
        public long discarded() {
            return discarded;
        }
    }
}
