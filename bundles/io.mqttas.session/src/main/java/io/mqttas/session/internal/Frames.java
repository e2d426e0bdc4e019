/* MQTT 3.1.1 §2.2, §3.3.1.1, §4.4 and issue 9 items 9, 11: packets encoded once; DUP and packet id patched in place on (re)sending. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttCodecException;
import io.mqttas.codec.MqttEncoder;
import io.mqttas.codec.MqttPacket;
import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.MqttVersion;
import io.mqttas.codec.Publish;
import io.mqttas.codec.Subscribe;
import io.mqttas.codec.Unsubscribe;

import java.util.List;

/**
 * Whole packets as byte arrays. An operation's packet is encoded once when it is submitted (the
 * caller's payload copied once, straight into the frame) and kept for every send: re-sending sets
 * the DUP flag (bit 3 of the first byte) and another packet id (the two bytes after the topic of a
 * PUBLISH, right after the fixed header of a SUBSCRIBE/UNSUBSCRIBE) in place.
 */
final class Frames {
    static final byte[] PINGREQ = {(byte) 0xC0, 0};
    static final byte[] DISCONNECT = {(byte) 0xE0, 0};
    /** Placeholder id for frames encoded before an id is assigned. */
    private static final int NO_ID_YET = 1;

    private Frames() {
    }

    /** One encoder for every client (it is stateless): the per-client limit is checked here. */
    private static final MqttEncoder ENCODER = new MqttEncoder(MqttEncoder.MAX_PACKET_SIZE_LIMIT);

    private static final MqttEncoder ENCODER_5 = new MqttEncoder(MqttEncoder.MAX_PACKET_SIZE_LIMIT, MqttVersion.MQTT_5);

    static byte[] encode(MqttPacket p, int maxPacketSize) {
        int length = MqttEncoder.encodedLength(p);
        if (length > maxPacketSize) {
            throw new MqttCodecException("max-packet-size", p.type() + " of " + length + " bytes is longer than the maximum of "
                    + maxPacketSize, length);
        }
        byte[] frame = new byte[length];
        ENCODER.encode(p, frame, 0);
        return frame;
    }

    /** {@code p} encoded in {@code version}; the per-client limit is checked here. */
    static byte[] encode(MqttPacket p, int maxPacketSize, MqttVersion version) {
        if (version == MqttVersion.MQTT_3_1_1) {
            return encode(p, maxPacketSize);
        }
        int length = MqttEncoder.encodedLength(p, version);
        if (length > maxPacketSize) {
            throw new MqttCodecException("max-packet-size", p.type() + " of " + length + " bytes is longer than the maximum of "
                    + maxPacketSize, length);
        }
        byte[] frame = new byte[length];
        ENCODER_5.encode(p, frame, 0);
        return frame;
    }

    /** A PUBLISH frame in {@code version} with MQTT 5.0 properties (EMPTY in 3.1.1). */
    static byte[] publish(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties, int maxPacketSize,
            MqttVersion version) {
        Publish p = properties.isEmpty() ? Publish.owning(topic, payload, qos, retain, false, qos > 0 ? NO_ID_YET : 0)
                : new Publish(topic, payload, qos, retain, false, qos > 0 ? NO_ID_YET : 0, properties);
        return encode(p, maxPacketSize, version);
    }

    static byte[] subscribe(Subscribe.Subscription s, MqttProperties properties, int maxPacketSize, MqttVersion version) {
        return encode(new Subscribe(NO_ID_YET, List.of(s), properties), maxPacketSize, version);
    }

    static byte[] unsubscribe(String filter, MqttProperties properties, int maxPacketSize, MqttVersion version) {
        return encode(new Unsubscribe(NO_ID_YET, List.of(filter), properties), maxPacketSize, version);
    }

    /** A PUBLISH frame; {@code payload} is read once, here, and not kept. */
    static byte[] publish(String topic, byte[] payload, int qos, boolean retain, int maxPacketSize) {
        return encode(Publish.owning(topic, payload, qos, retain, false, qos > 0 ? NO_ID_YET : 0), maxPacketSize);
    }

    static byte[] subscribe(String filter, int qos, int maxPacketSize) {
        return encode(Subscribe.of(NO_ID_YET, filter, qos), maxPacketSize);
    }

    static byte[] unsubscribe(String filter, int maxPacketSize) {
        return encode(Unsubscribe.of(NO_ID_YET, filter), maxPacketSize);
    }

    static byte[] puback(int packetId) {
        return new byte[] {0x40, 2, (byte) (packetId >> 8), (byte) packetId};
    }

    /** PUBREC (QoS 2, inbound: we have the message). */
    static byte[] pubrec(int packetId) {
        return new byte[] {0x50, 2, (byte) (packetId >> 8), (byte) packetId};
    }

    /** PUBREL (QoS 2, outbound: release it); {@code reasonCode} non-zero only in MQTT 5.0 (0x92 Packet Identifier not found). */
    static byte[] pubrel(int packetId, int reasonCode) {
        return reasonCode == 0 ? new byte[] {0x62, 2, (byte) (packetId >> 8), (byte) packetId}
                : new byte[] {0x62, 3, (byte) (packetId >> 8), (byte) packetId, (byte) reasonCode};
    }

    /** PUBCOMP (QoS 2, inbound: the exchange is over); {@code reasonCode} as for PUBREL. */
    static byte[] pubcomp(int packetId, int reasonCode) {
        return reasonCode == 0 ? new byte[] {0x70, 2, (byte) (packetId >> 8), (byte) packetId}
                : new byte[] {0x70, 3, (byte) (packetId >> 8), (byte) packetId, (byte) reasonCode};
    }

    /** Length of the fixed header (type byte + remaining length). */
    static int headerLength(byte[] frame) {
        int i = 1;
        while ((frame[i] & 0x80) != 0) {
            i++;
        }
        return i + 1;
    }

    /** Offset of the packet id: after the topic for PUBLISH, after the fixed header otherwise. */
    static int packetIdOffset(byte[] frame) {
        int h = headerLength(frame);
        if ((frame[0] & 0xF0) == 0x30) {
            int topicLength = (frame[h] & 0xFF) << 8 | frame[h + 1] & 0xFF;
            return h + 2 + topicLength;
        }
        return h;
    }

    /** Writes {@code packetId} into the frame. */
    static void setPacketId(byte[] frame, int packetId) {
        int at = packetIdOffset(frame);
        frame[at] = (byte) (packetId >> 8);
        frame[at + 1] = (byte) packetId;
    }

    /** Sets or clears the DUP flag of a PUBLISH frame. */
    static void setDup(byte[] frame, boolean dup) {
        frame[0] = (byte) (dup ? frame[0] | 0x08 : frame[0] & ~0x08);
    }

    /** The payload bytes of a PUBLISH frame (a copy, for the outbox of a recovered client). */
    static int payloadOffset(byte[] frame) {
        int at = packetIdOffset(frame);
        return (frame[0] & 0x06) != 0 ? at + 2 : at;
    }
}
