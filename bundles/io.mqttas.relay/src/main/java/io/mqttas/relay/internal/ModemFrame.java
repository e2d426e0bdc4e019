/*
 * docs/relay-modem.md: the framing between the gateway and an ESP-NOW modem (an ESP32 on a serial
 * port, spec/relay.md §16). frame := 0xA5, type, length (u16 BE), payload, CRC-16/CCITT-FALSE
 * (u16 BE) over type, length and payload. The decoder hunts for the sync byte, bounds the length
 * and resynchronises after a bad length or CRC, so line noise costs frames, never the reader.
 */
package io.mqttas.relay.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

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
    // modem -> host
    public static final int RESULT = 0x80;
    public static final int RECV = 0x81;

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

    /** Incremental decoder: feed bytes one at a time; a complete, valid frame comes out. Not thread-safe. */
    public static final class Decoder {
        private enum State { SYNC, TYPE, LEN_HI, LEN_LO, PAYLOAD, CRC_HI, CRC_LO }

        private State state = State.SYNC;
        private int type;
        private int length;
        private byte[] payload;
        private int filled;
        private int crcHi;
        private long discarded;

        /** The frame completed by {@code b}, or null. */
        public ModemFrame feed(int b) {
            b &= 0xff;
            switch (state) {
                case SYNC -> {
                    if (b == SYNC) {
                        state = State.TYPE;
                    } else {
                        discarded++;
                    }
                }
                case TYPE -> {
                    type = b;
                    state = State.LEN_HI;
                }
                case LEN_HI -> {
                    length = b << 8;
                    state = State.LEN_LO;
                }
                case LEN_LO -> {
                    length |= b;
                    if (length > MAX_PAYLOAD) {
                        discarded++;
                        state = State.SYNC; // bad length: hunt for the next sync byte
                    } else {
                        payload = new byte[length];
                        filled = 0;
                        state = length == 0 ? State.CRC_HI : State.PAYLOAD;
                    }
                }
                case PAYLOAD -> {
                    payload[filled++] = (byte) b;
                    if (filled == length) {
                        state = State.CRC_HI;
                    }
                }
                case CRC_HI -> {
                    crcHi = b;
                    state = State.CRC_LO;
                }
                case CRC_LO -> {
                    state = State.SYNC;
                    if ((crcHi << 8 | b) == crc(type, payload)) {
                        return new ModemFrame(type, payload);
                    }
                    discarded++;
                }
            }
            return null;
        }

        /** Bytes or frames thrown away while hunting for sync, for bad lengths or bad CRCs. */
        public long discarded() {
            return discarded;
        }
    }
}
