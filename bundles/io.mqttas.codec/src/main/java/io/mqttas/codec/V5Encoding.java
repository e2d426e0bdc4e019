/* MQTT 5.0 §3.1–§3.15: the length and the bytes of each packet's variable header and payload. */
package io.mqttas.codec;

import java.nio.ByteBuffer;

/**
 * The MQTT 5.0 side of {@link MqttEncoder}: every packet with its property block, reason codes and
 * subscription options. Acknowledgements, DISCONNECT and AUTH with reason code 0 and no properties
 * take the short forms the standard allows (§3.4.2.1, §3.14.2.1, §3.15.2.1).
 */
final class V5Encoding {
    private V5Encoding() {
    }

    static int block(MqttProperties p) {
        int n = p.encodedLength();
        return MqttEncoder.vbiLength(n) + n;
    }

    /**
     * Body length; also refuses what only the encoder can see (version-specific rules). Each case is
     * one call so the method stays small enough for the JIT to inline into {@link MqttEncoder#encode}.
     */
    static long remainingLength(MqttPacket packet) {
        return switch (packet.type()) {
            case CONNECT -> connectLength((Connect) packet);
            case CONNACK -> connAckLength((ConnAck) packet);
            case PUBLISH -> MqttEncoder.publishLength((Publish) packet, MqttVersion.MQTT_5);
            case PUBACK -> ack(((PubAck) packet).reasonCode(), ((PubAck) packet).properties());
            case PUBREC -> ack(((PubRec) packet).reasonCode(), ((PubRec) packet).properties());
            case PUBREL -> ack(((PubRel) packet).reasonCode(), ((PubRel) packet).properties());
            case PUBCOMP -> ack(((PubComp) packet).reasonCode(), ((PubComp) packet).properties());
            case SUBSCRIBE -> subscribeLength((Subscribe) packet);
            case SUBACK -> 2L + block(((SubAck) packet).properties()) + ((SubAck) packet).returnCodes().size();
            case UNSUBSCRIBE -> unsubscribeLength((Unsubscribe) packet);
            case UNSUBACK -> unsubAckLength((UnsubAck) packet);
            case PINGREQ, PINGRESP -> 0;
            case DISCONNECT -> shortForm(((Disconnect) packet).reasonCode(), ((Disconnect) packet).properties());
            case AUTH -> shortForm(((Auth) packet).reasonCode(), ((Auth) packet).properties());
        };
    }

    private static long connAckLength(ConnAck a) {
        ReasonCode.check(a.returnCode(), PacketType.CONNACK);
        return 2L + block(a.properties());
    }

    private static long subscribeLength(Subscribe s) {
        long sum = 2L + block(s.properties());
        for (Subscribe.Subscription sub : s.subscriptions()) {
            sum += 2 + Utf8.length(sub.filter()) + 1;
        }
        return sum;
    }

    private static long unsubscribeLength(Unsubscribe u) {
        long sum = 2L + block(u.properties());
        for (String f : u.filters()) {
            sum += 2 + Utf8.length(f);
        }
        return sum;
    }

    private static long unsubAckLength(UnsubAck u) {
        if (u.reasonCodes().isEmpty()) {
            throw new MqttCodecException("MQTT-3.11.3", "an MQTT 5.0 UNSUBACK needs a reason code per topic filter", u);
        }
        return 2L + block(u.properties()) + u.reasonCodes().size();
    }

    private static long ack(int reasonCode, MqttProperties p) {
        return p.isEmpty() ? reasonCode == 0 ? 2 : 3 : 3L + block(p);
    }

    private static long shortForm(int reasonCode, MqttProperties p) {
        return p.isEmpty() ? reasonCode == 0 ? 0 : 1 : 1L + block(p);
    }

    private static long connectLength(Connect c) {
        long n = 10L + block(c.properties()) + 2 + Utf8.length(c.clientId());
        Connect.Will w = c.will();
        if (w != null) {
            n += block(w.properties()) + 2 + Utf8.length(w.topic()) + 2 + w.payloadArray().length;
        }
        if (c.username() != null) {
            n += 2 + Utf8.length(c.username());
        }
        if (c.passwordArray() != null) {
            n += 2 + c.passwordArray().length;
        }
        return n;
    }

    /** The body; one call per case (see {@link #remainingLength}). */
    static void writeBody(MqttPacket packet, ByteBuffer out) {
        switch (packet.type()) {
            case CONNECT -> writeConnect((Connect) packet, out);
            case CONNACK -> writeConnAck((ConnAck) packet, out);
            case PUBLISH -> MqttEncoder.writePublish((Publish) packet, true, out);
            case PUBACK -> writeAck(((PubAck) packet).packetId(), ((PubAck) packet).reasonCode(), ((PubAck) packet).properties(), out);
            case PUBREC -> writeAck(((PubRec) packet).packetId(), ((PubRec) packet).reasonCode(), ((PubRec) packet).properties(), out);
            case PUBREL -> writeAck(((PubRel) packet).packetId(), ((PubRel) packet).reasonCode(), ((PubRel) packet).properties(), out);
            case PUBCOMP -> writeAck(((PubComp) packet).packetId(), ((PubComp) packet).reasonCode(), ((PubComp) packet).properties(), out);
            case SUBSCRIBE -> writeSubscribe((Subscribe) packet, out);
            case SUBACK -> writeCodes(((SubAck) packet).packetId(), ((SubAck) packet).properties(), ((SubAck) packet).returnCodes(), out);
            case UNSUBSCRIBE -> writeUnsubscribe((Unsubscribe) packet, out);
            case UNSUBACK -> writeCodes(((UnsubAck) packet).packetId(), ((UnsubAck) packet).properties(), ((UnsubAck) packet).reasonCodes(),
                    out);
            case PINGREQ, PINGRESP -> {
                // no variable header, no payload
            }
            case DISCONNECT -> writeShortForm(((Disconnect) packet).reasonCode(), ((Disconnect) packet).properties(), out);
            case AUTH -> writeShortForm(((Auth) packet).reasonCode(), ((Auth) packet).properties(), out);
        }
    }

    private static void writeConnAck(ConnAck a, ByteBuffer out) {
        out.put((byte) (a.sessionPresent() ? 1 : 0));
        out.put((byte) a.returnCode());
        PropertyValues.write(a.properties(), out);
    }

    private static void writeSubscribe(Subscribe s, ByteBuffer out) {
        MqttEncoder.putU16(s.packetId(), out);
        PropertyValues.write(s.properties(), out);
        for (Subscribe.Subscription sub : s.subscriptions()) {
            Utf8.writeString(sub.filter(), out);
            out.put((byte) sub.optionsByte());
        }
    }

    private static void writeUnsubscribe(Unsubscribe u, ByteBuffer out) {
        MqttEncoder.putU16(u.packetId(), out);
        PropertyValues.write(u.properties(), out);
        for (String f : u.filters()) {
            Utf8.writeString(f, out);
        }
    }

    /** SUBACK and UNSUBACK: packet id, properties, one reason code per filter. */
    private static void writeCodes(int packetId, MqttProperties p, java.util.List<Integer> codes, ByteBuffer out) {
        MqttEncoder.putU16(packetId, out);
        PropertyValues.write(p, out);
        for (int code : codes) {
            out.put((byte) code);
        }
    }

    private static void writeAck(int packetId, int reasonCode, MqttProperties p, ByteBuffer out) {
        MqttEncoder.putU16(packetId, out);
        if (reasonCode != 0 || !p.isEmpty()) {
            out.put((byte) reasonCode);
            if (!p.isEmpty()) {
                PropertyValues.write(p, out);
            }
        }
    }

    private static void writeShortForm(int reasonCode, MqttProperties p, ByteBuffer out) {
        if (reasonCode != 0 || !p.isEmpty()) {
            out.put((byte) reasonCode);
            if (!p.isEmpty()) {
                PropertyValues.write(p, out);
            }
        }
    }

    /** §3.1.2: "MQTT", level 5, flags, keep alive, properties; client id, will (properties, topic, payload), user name, password. */
    private static void writeConnect(Connect c, ByteBuffer out) {
        Connect.Will w = c.will();
        int flags = (c.cleanSession() ? 0x02 : 0)
                | (w != null ? 0x04 | w.qos() << 3 | (w.retain() ? 0x20 : 0) : 0)
                | (c.passwordArray() != null ? 0x40 : 0)
                | (c.username() != null ? 0x80 : 0);
        MqttEncoder.putU16(4, out);
        out.put((byte) 'M').put((byte) 'Q').put((byte) 'T').put((byte) 'T');
        out.put((byte) Connect.PROTOCOL_LEVEL_5);
        out.put((byte) flags);
        MqttEncoder.putU16(c.keepAlive(), out);
        PropertyValues.write(c.properties(), out);
        Utf8.writeString(c.clientId(), out);
        if (w != null) {
            PropertyValues.write(w.properties(), out);
            Utf8.writeString(w.topic(), out);
            MqttEncoder.putU16(w.payloadArray().length, out);
            out.put(w.payloadArray());
        }
        if (c.username() != null) {
            Utf8.writeString(c.username(), out);
        }
        if (c.passwordArray() != null) {
            MqttEncoder.putU16(c.passwordArray().length, out);
            out.put(c.passwordArray());
        }
    }
}
