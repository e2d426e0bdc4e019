/* MQTT 3.1.1 §3.1–§3.14: the variable header and payload of each control packet, decoded. */
package io.mqttas.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one complete packet body into a packet value. The fixed header (type, flags, remaining
 * length) has already been checked by {@link FixedHeader}; here each field is read through a
 * {@link BodyReader}, which refuses to read past the body, and each rule of the packet's section
 * is checked with its id.
 */
final class PacketBodies {
    private PacketBodies() {
    }

    static MqttPacket decode(PacketType type, int flags, BodyReader r) {
        MqttPacket p = switch (type) {
            case CONNECT -> connect(r);
            case CONNACK -> connAck(r);
            case PUBLISH -> publish(flags, r);
            case PUBACK -> new PubAck(r.u16("packet identifier"));
            case PUBREC -> new PubRec(r.u16("packet identifier"));
            case PUBREL -> new PubRel(r.u16("packet identifier"));
            case PUBCOMP -> new PubComp(r.u16("packet identifier"));
            case SUBSCRIBE -> subscribe(r);
            case SUBACK -> subAck(r);
            case UNSUBSCRIBE -> unsubscribe(r);
            case UNSUBACK -> new UnsubAck(r.u16("packet identifier"));
            case PINGREQ -> PingReq.INSTANCE;
            case PINGRESP -> PingResp.INSTANCE;
            case DISCONNECT -> Disconnect.INSTANCE;
            case AUTH -> throw new AssertionError("type 15 is reserved in 3.1.1 and skipped as unknown");
        };
        r.expectEnd();
        return p;
    }

    /** §3.1: protocol name and level, connect flags, keep alive, then the payload the flags announce. */
    private static Connect connect(BodyReader r) {
        String name = r.string("protocol name");
        if (!Connect.PROTOCOL_NAME.equals(name)) {
            throw new MqttCodecException("MQTT-3.1.2-1", "CONNECT protocol name must be \"MQTT\"", Topics.printable(name));
        }
        int level = r.u8("protocol level");
        if (level != Connect.PROTOCOL_LEVEL_311) {
            throw new MqttCodecException("MQTT-3.1.2-2", "CONNECT protocol level must be 4 (MQTT 3.1.1)", level);
        }
        int f = r.u8("connect flags");
        if ((f & 0x01) != 0) {
            throw new MqttCodecException("MQTT-3.1.2-3", "CONNECT reserved flag must be 0", String.format("0x%02x", f));
        }
        boolean clean = (f & 0x02) != 0;
        boolean willFlag = (f & 0x04) != 0;
        int willQos = f >> 3 & 3;
        boolean willRetain = (f & 0x20) != 0;
        boolean passwordFlag = (f & 0x40) != 0;
        boolean userFlag = (f & 0x80) != 0;
        if (!willFlag && willQos != 0) {
            throw new MqttCodecException("MQTT-3.1.2-13", "CONNECT will QoS must be 0 without a will", willQos);
        }
        if (!willFlag && willRetain) {
            throw new MqttCodecException("MQTT-3.1.2-15", "CONNECT will retain must be 0 without a will", "retain=1");
        }
        if (willQos == 3) {
            throw new MqttCodecException("MQTT-3.1.2-14", "CONNECT will QoS must be 0, 1 or 2", willQos);
        }
        if (passwordFlag && !userFlag) {
            throw new MqttCodecException("MQTT-3.1.2-22", "CONNECT password flag needs the user name flag", String.format("0x%02x", f));
        }
        int keepAlive = r.u16("keep alive");
        String clientId = r.string("client identifier");
        Connect.Will will = null;
        if (willFlag) {
            String topic = r.string("will topic");
            byte[] message = r.binary("will message");
            will = new Connect.Will(topic, message, willQos, willRetain);
        }
        String user = userFlag ? r.string("user name") : null;
        byte[] password = passwordFlag ? r.binary("password") : null;
        return new Connect(clientId, clean, keepAlive, will, user, password);
    }

    /** §3.2: acknowledge flags (bit 0 Session Present is legal — mqtt_as bug B1; bits 1–7 reserved). */
    private static ConnAck connAck(BodyReader r) {
        int ackFlags = r.u8("acknowledge flags");
        if ((ackFlags & 0xFE) != 0) {
            throw new MqttCodecException("MQTT-3.2.2.1", "CONNACK acknowledge flags bits 7-1 are reserved and must be 0",
                    String.format("0x%02x", ackFlags));
        }
        return new ConnAck((ackFlags & 1) != 0, r.u8("return code"));
    }

    /** §3.3: topic name, packet identifier when QoS > 0, and the rest is the payload. */
    static Publish publish(int flags, BodyReader r) {
        String topic = r.topicName("topic name");
        int topicLength = r.lastStringLength();
        int qos = flags >> 1 & 3;
        int packetId = qos > 0 ? r.u16("packet identifier") : 0;
        return Publish.decoded(topic, topicLength, r.rest(), qos, (flags & 1) != 0, (flags & 8) != 0, packetId);
    }

    /** §3.8: packet identifier, then (filter, requested QoS) pairs; QoS byte bits 7–2 reserved [MQTT-3-8.3-4]. */
    private static Subscribe subscribe(BodyReader r) {
        int packetId = r.u16("packet identifier");
        List<Subscribe.Subscription> subs = new ArrayList<>(1);
        while (r.hasMore()) {
            subs.add(subscription(r));
        }
        // List.of of one element is kept as-is by the record's List.copyOf: the common case costs no copy.
        return new Subscribe(packetId, subs.size() == 1 ? List.of(subs.get(0)) : subs);
    }

    private static Subscribe.Subscription subscription(BodyReader r) {
        String filter = r.string("topic filter");
        int qos = r.u8("requested QoS");
        if (qos > 2) {
            throw new MqttCodecException("MQTT-3.8.3-4", "SUBSCRIBE requested QoS byte must be 0, 1 or 2 (bits 7-2 reserved)",
                    String.format("0x%02x", qos));
        }
        return new Subscribe.Subscription(filter, qos);
    }

    private static SubAck subAck(BodyReader r) {
        int packetId = r.u16("packet identifier");
        List<Integer> codes = new ArrayList<>(1);
        while (r.hasMore()) {
            codes.add(r.u8("return code"));
        }
        return new SubAck(packetId, codes);
    }

    private static Unsubscribe unsubscribe(BodyReader r) {
        int packetId = r.u16("packet identifier");
        List<String> filters = new ArrayList<>(1);
        while (r.hasMore()) {
            filters.add(r.string("topic filter"));
        }
        return new Unsubscribe(packetId, filters);
    }
}
