/* MQTT 3.1.1 §2–§3 and MQTT 5.0 §2–§3: packet encoding into the caller's buffer. */
package io.mqttas.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes packets into a caller's buffer with no intermediate copies (strings are written as UTF-8
 * straight into the destination). Stateless and thread-safe. Packets longer than the configured
 * maximum are refused before anything is written. Speaks one protocol version, MQTT 3.1.1 unless
 * told otherwise; a 3.1.1 encoder refuses what 3.1.1 cannot carry (properties, reason codes,
 * subscription options, AUTH) with rule {@code protocol-version} instead of dropping it silently.
 */
public final class MqttEncoder {

    /** The largest packet MQTT 3.1.1 can express: 1 + 4 + 268,435,455 bytes. */
    public static final int MAX_PACKET_SIZE_LIMIT = 1 + 4 + 268_435_455;

    /** The rule named when a 3.1.1 encoder is given something only MQTT 5.0 can carry. */
    public static final String PROTOCOL_VERSION_RULE = "protocol-version";

    private final int maxPacketSize;
    private final MqttVersion version;

    /** An MQTT 3.1.1 encoder that refuses packets longer than {@code maxPacketSize} bytes in total. */
    public MqttEncoder(int maxPacketSize) {
        this(maxPacketSize, MqttVersion.MQTT_3_1_1);
    }

    /** An encoder for {@code version} that refuses packets longer than {@code maxPacketSize} bytes in total. */
    public MqttEncoder(int maxPacketSize, MqttVersion version) {
        if (maxPacketSize < 2 || maxPacketSize > MAX_PACKET_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxPacketSize must be 2.." + MAX_PACKET_SIZE_LIMIT + ": " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
        this.version = java.util.Objects.requireNonNull(version, "version");
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    public MqttVersion version() {
        return version;
    }

    /**
     * Total bytes the packet takes on the wire (fixed header included). Throws
     * {@link MqttCodecException} ({@code MQTT-2.2.3}) for a packet longer than MQTT can express and
     * for an {@link UnknownPacket}, which has no body to encode.
     */
    public static int encodedLength(MqttPacket packet) {
        return encodedLength(packet, MqttVersion.MQTT_3_1_1);
    }

    /** As {@link #encodedLength(MqttPacket)} for a packet encoded in {@code version}. */
    public static int encodedLength(MqttPacket packet, MqttVersion version) {
        int remaining = remainingLength(packet, version);
        return 1 + vbiLength(remaining) + remaining;
    }

    /**
     * Writes the whole packet at {@code out}'s position and advances it. Returns the bytes written.
     * Throws {@link MqttCodecException} ({@code max-packet-size}) if the packet is too long and
     * {@link java.nio.BufferOverflowException} if {@code out} has too little room; in both cases
     * nothing is written.
     */
    public int encode(MqttPacket packet, ByteBuffer out) {
        int remaining = remainingLength(packet, version);
        int total = 1 + vbiLength(remaining) + remaining;
        if (total > maxPacketSize) {
            throw new MqttCodecException("max-packet-size", packet.type() + " of " + total
                    + " bytes is longer than the maximum of " + maxPacketSize, total);
        }
        if (out.remaining() < total) {
            throw new BufferOverflowException();
        }
        out.put((byte) firstByte(packet));
        writeVbi(remaining, out);
        if (packet instanceof Publish p) { // the hot packet: a path small enough for the JIT to inline
            writePublish(p, version == MqttVersion.MQTT_5, out);
        } else if (version == MqttVersion.MQTT_5) {
            V5Encoding.writeBody(packet, out);
        } else {
            writeBody(packet, out);
        }
        return total;
    }

    /** As {@link #encode(MqttPacket, ByteBuffer)} into {@code buf} from {@code offset}; returns the bytes written. */
    public int encode(MqttPacket packet, byte[] buf, int offset) {
        return encode(packet, ByteBuffer.wrap(buf, offset, buf.length - offset));
    }

    /** Body length in bytes; strings counted in UTF-8 bytes (mqtt_as bug B8). */
    static int remainingLength(MqttPacket packet, MqttVersion version) {
        if (packet instanceof UnknownPacket u) {
            throw new MqttCodecException(version == MqttVersion.MQTT_5 ? "MQTT-2.1.2" : "MQTT-2.2.1",
                    "a packet of reserved type " + u.typeCode() + " cannot be encoded", u);
        }
        long n = packet instanceof Publish p ? publishLength(p, version)
                : version == MqttVersion.MQTT_5 ? V5Encoding.remainingLength(packet) : remainingLength311(packet);
        if (n > FixedHeader.MAX_REMAINING_LENGTH) {
            throw new MqttCodecException(version == MqttVersion.MQTT_5 ? "MQTT-2.1.4" : "MQTT-2.2.3",
                    packet.type() + " body is longer than the 268435455 bytes MQTT can express", n);
        }
        return (int) n;
    }

    /** PUBLISH: topic, packet id when QoS > 0, (5.0) properties, payload. */
    static long publishLength(Publish p, MqttVersion version) {
        long n = 2L + p.topicLength() + (p.qos() > 0 ? 2 : 0) + p.payloadLength();
        if (version == MqttVersion.MQTT_5) {
            return n + V5Encoding.block(p.properties());
        }
        if (!p.properties().isEmpty()) {
            V311Limits.check(p);
        }
        return n;
    }

    static void writePublish(Publish p, boolean v5, ByteBuffer out) {
        Utf8.writeString(p.topic(), out);
        if (p.qos() > 0) {
            putU16(p.packetId(), out);
        }
        if (v5) {
            PropertyValues.write(p.properties(), out);
        }
        out.put(p.payloadArray());
    }

    private static long remainingLength311(MqttPacket packet) {
        V311Limits.check(packet);
        return switch (packet.type()) {
            case CONNECT -> connectLength((Connect) packet);
            case PUBLISH -> publishLength((Publish) packet, MqttVersion.MQTT_3_1_1);
            case SUBSCRIBE -> {
                long sum = 2;
                for (Subscribe.Subscription s : ((Subscribe) packet).subscriptions()) {
                    sum += 2 + Utf8.length(s.filter()) + 1;
                }
                yield sum;
            }
            case SUBACK -> 2L + ((SubAck) packet).returnCodes().size();
            case UNSUBSCRIBE -> {
                long sum = 2;
                for (String f : ((Unsubscribe) packet).filters()) {
                    sum += 2 + Utf8.length(f);
                }
                yield sum;
            }
            case CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK -> 2;
            case PINGREQ, PINGRESP, DISCONNECT -> 0;
            case AUTH -> throw new AssertionError(); // refused by V311Limits
        };
    }

    private static long connectLength(Connect c) {
        long n = 10 + 2 + Utf8.length(c.clientId());
        Connect.Will w = c.will();
        if (w != null) {
            n += 2 + Utf8.length(w.topic()) + 2 + w.payloadArray().length;
        }
        if (c.username() != null) {
            n += 2 + Utf8.length(c.username());
        }
        if (c.passwordArray() != null) {
            n += 2 + c.passwordArray().length;
        }
        return n;
    }

    static int vbiLength(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    static void writeVbi(int value, ByteBuffer out) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.put((byte) (value > 0 ? digit | 0x80 : digit));
        } while (value > 0);
    }

    /** Big-endian whatever the byte order of {@code out} [MQTT §1.5.2]. */
    static void putU16(int value, ByteBuffer out) {
        out.put((byte) (value >> 8));
        out.put((byte) value);
    }

    private static int firstByte(MqttPacket packet) {
        int flags = switch (packet.type()) {
            case PUBLISH -> {
                Publish p = (Publish) packet;
                yield (p.dup() ? 8 : 0) | p.qos() << 1 | (p.retain() ? 1 : 0);
            }
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> 2; // [MQTT-3.6.1-1, MQTT-3.8.1-1, MQTT-3.10.1-1]
            default -> 0;
        };
        return packet.type().code() << 4 | flags;
    }

    private static void writeBody(MqttPacket packet, ByteBuffer out) {
        switch (packet.type()) {
            case CONNECT -> writeConnect((Connect) packet, out);
            case CONNACK -> {
                ConnAck a = (ConnAck) packet;
                out.put((byte) (a.sessionPresent() ? 1 : 0));
                out.put((byte) a.returnCode());
            }
            case PUBLISH -> writePublish((Publish) packet, false, out);
            case PUBACK -> putU16(((PubAck) packet).packetId(), out);
            case PUBREC -> putU16(((PubRec) packet).packetId(), out);
            case PUBREL -> putU16(((PubRel) packet).packetId(), out);
            case PUBCOMP -> putU16(((PubComp) packet).packetId(), out);
            case UNSUBACK -> putU16(((UnsubAck) packet).packetId(), out);
            case SUBSCRIBE -> {
                Subscribe s = (Subscribe) packet;
                putU16(s.packetId(), out);
                for (Subscribe.Subscription sub : s.subscriptions()) {
                    Utf8.writeString(sub.filter(), out);
                    out.put((byte) sub.qos());
                }
            }
            case SUBACK -> {
                SubAck s = (SubAck) packet;
                putU16(s.packetId(), out);
                for (int code : s.returnCodes()) {
                    out.put((byte) code);
                }
            }
            case UNSUBSCRIBE -> {
                Unsubscribe u = (Unsubscribe) packet;
                putU16(u.packetId(), out);
                for (String f : u.filters()) {
                    Utf8.writeString(f, out);
                }
            }
            case PINGREQ, PINGRESP, DISCONNECT, AUTH -> {
                // no variable header, no payload (AUTH never gets here in 3.1.1)
            }
        }
    }

    /** §3.1: "MQTT", level 4, flags, keep alive; client id, will topic and message, user name, password. */
    private static void writeConnect(Connect c, ByteBuffer out) {
        Connect.Will w = c.will();
        int flags = (c.cleanSession() ? 0x02 : 0)
                | (w != null ? 0x04 | w.qos() << 3 | (w.retain() ? 0x20 : 0) : 0)
                | (c.passwordArray() != null ? 0x40 : 0)
                | (c.username() != null ? 0x80 : 0);
        putU16(4, out);
        out.put((byte) 'M').put((byte) 'Q').put((byte) 'T').put((byte) 'T');
        out.put((byte) Connect.PROTOCOL_LEVEL_311);
        out.put((byte) flags);
        putU16(c.keepAlive(), out);
        Utf8.writeString(c.clientId(), out);
        if (w != null) {
            Utf8.writeString(w.topic(), out);
            putU16(w.payloadArray().length, out);
            out.put(w.payloadArray());
        }
        if (c.username() != null) {
            Utf8.writeString(c.username(), out);
        }
        if (c.passwordArray() != null) {
            putU16(c.passwordArray().length, out);
            out.put(c.passwordArray());
        }
    }
}
