/*
 * docs/relay-modem.md "HELLO": what a modem says about itself at every boot (event HELLO) and when
 * asked (INFO). A new boot id means the modem rebooted and has forgotten its peers and channel.
 * Parsed strictly (hostile input): a wrong length or version is a named error, never a wrong value.
 */
package io.mqttas.relay.internal;

import java.nio.charset.StandardCharsets;

/** A modem's HELLO payload, protocol version 2. */
public record ModemHello(int protocol, NodeId stationMac, NodeId apMac, boolean apInterface, int channel,
        int peerCapacity, int peersRegistered, boolean onAccessPoint, boolean powerSavingOff, long bootId,
        long uptimeMillis, long dropped, String firmware) {

    public static final int PROTOCOL = 2;
    /** Bytes before the version text. */
    static final int FIXED = 31;

    /** The MAC nodes address: the AP interface's or the station's. */
    public NodeId gatewayMac() {
        return apInterface ? apMac : stationMac;
    }

    public static ModemHello parse(byte[] p) throws MalformedModemFrameException {
        if (p.length < FIXED) {
            throw new MalformedModemFrameException("HELLO of " + p.length + " bytes, need at least " + FIXED);
        }
        int protocol = p[0] & 0xff;
        if (protocol != PROTOCOL) {
            throw new MalformedModemFrameException("modem speaks protocol " + protocol + ", this gateway "
                    + PROTOCOL + ": install the firmware of this release (features/relay-modem)");
        }
        int iface = p[13] & 0xff;
        if (iface > 1) {
            throw new MalformedModemFrameException("HELLO interface " + iface + " (allowed: 0 station, 1 AP)");
        }
        int channel = p[14] & 0xff;
        if (channel > 14) {
            throw new MalformedModemFrameException("HELLO channel " + channel + " (allowed: 0..14)");
        }
        int n = p[30] & 0xff;
        if (p.length != FIXED + n) {
            throw new MalformedModemFrameException("HELLO version text of " + n + " bytes in a payload of "
                    + p.length);
        }
        int flags = p[17] & 0xff;
        String version = new String(p, FIXED, n, StandardCharsets.US_ASCII);
        return new ModemHello(protocol, NodeId.of(p, 1), NodeId.of(p, 7), iface == 1, channel, p[15] & 0xff,
                p[16] & 0xff, (flags & 1) != 0, (flags & 2) != 0, u32(p, 18), u32(p, 22), u32(p, 26),
                FrameParser.show(version));
    }

    /** The payload (what a modem sends; used by test modems). */
    public byte[] encode() {
        byte[] v = firmware.getBytes(StandardCharsets.US_ASCII);
        byte[] p = new byte[FIXED + v.length];
        p[0] = (byte) protocol;
        stationMac.writeTo(p, 1);
        apMac.writeTo(p, 7);
        p[13] = (byte) (apInterface ? 1 : 0);
        p[14] = (byte) channel;
        p[15] = (byte) peerCapacity;
        p[16] = (byte) peersRegistered;
        p[17] = (byte) ((onAccessPoint ? 1 : 0) | (powerSavingOff ? 2 : 0));
        put32(p, 18, bootId);
        put32(p, 22, uptimeMillis);
        put32(p, 26, dropped);
        p[30] = (byte) v.length;
        System.arraycopy(v, 0, p, FIXED, v.length);
        return p;
    }

    private static long u32(byte[] p, int at) {
        return ((p[at] & 0xffL) << 24) | ((p[at + 1] & 0xffL) << 16) | ((p[at + 2] & 0xffL) << 8) | (p[at + 3] & 0xffL);
    }

    private static void put32(byte[] p, int at, long v) {
        p[at] = (byte) (v >> 24);
        p[at + 1] = (byte) (v >> 16);
        p[at + 2] = (byte) (v >> 8);
        p[at + 3] = (byte) v;
    }
}
