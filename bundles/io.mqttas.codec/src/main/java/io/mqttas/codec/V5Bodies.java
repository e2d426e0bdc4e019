/* MQTT 5.0 §3.1–§3.15: the variable header and payload of each control packet, decoded. */
package io.mqttas.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one complete MQTT 5.0 packet body into a packet value, checking each rule with its 5.0 id
 * before the value is built (the constructors are version-neutral and name 3.1.1 ids where the two
 * standards share a rule). Properties are read by {@link PropertyValues#read}, which checks their
 * length against the packet before reading them.
 */
final class V5Bodies {
    private V5Bodies() {
    }

    static MqttPacket decode(PacketType type, int flags, BodyReader r) {
        MqttPacket p = switch (type) {
            case CONNECT -> connect(r);
            case CONNACK -> connAck(r);
            case PUBLISH -> publish(flags, r);
            case PUBACK -> new PubAck(packetId(r, "PUBACK"), ackReason(r, PacketType.PUBACK), ackProperties(r, PacketType.PUBACK));
            case PUBREC -> new PubRec(packetId(r, "PUBREC"), ackReason(r, PacketType.PUBREC), ackProperties(r, PacketType.PUBREC));
            case PUBREL -> new PubRel(packetId(r, "PUBREL"), ackReason(r, PacketType.PUBREL), ackProperties(r, PacketType.PUBREL));
            case PUBCOMP -> new PubComp(packetId(r, "PUBCOMP"), ackReason(r, PacketType.PUBCOMP), ackProperties(r, PacketType.PUBCOMP));
            case SUBSCRIBE -> subscribe(r);
            case SUBACK -> subAck(r);
            case UNSUBSCRIBE -> unsubscribe(r);
            case UNSUBACK -> unsubAck(r);
            case PINGREQ -> PingReq.INSTANCE;
            case PINGRESP -> PingResp.INSTANCE;
            case DISCONNECT -> {
                int reason = ackReason(r, PacketType.DISCONNECT);
                MqttProperties props = ackProperties(r, PacketType.DISCONNECT);
                yield reason == 0 && props.isEmpty() ? Disconnect.INSTANCE : new Disconnect(reason, props);
            }
            case AUTH -> new Auth(ackReason(r, PacketType.AUTH), ackProperties(r, PacketType.AUTH));
        };
        r.expectEnd();
        return p;
    }

    /** A non-zero packet identifier [MQTT-2.2.1-3]. */
    static int packetId(BodyReader r, String packet) {
        int id = r.u16("packet identifier");
        if (id == 0) {
            throw zeroPacketId(packet); // built apart: keeps this method small enough to inline
        }
        return id;
    }

    private static MqttCodecException zeroPacketId(String packet) {
        return new MqttCodecException("MQTT-2.2.1-3", packet + " needs a packet identifier in 1..65535", 0);
    }

    /** The reason code of an ack, DISCONNECT or AUTH: absent means 0x00 (§3.4.2.1, §3.14.2.1, §3.15.2.1). */
    private static int ackReason(BodyReader r, PacketType type) {
        return r.hasMore() ? reason(r.u8("reason code"), type) : 0;
    }

    /** The properties after a reason code: absent (no bytes left) means none. */
    private static MqttProperties ackProperties(BodyReader r, PacketType type) {
        return r.hasMore() ? PropertyValues.read(r, MqttProperty.Where.of(type)) : MqttProperties.EMPTY;
    }

    private static int reason(int code, PacketType type) {
        return ReasonCode.check(code, type);
    }

    /** §3.1.2–§3.1.3: "MQTT", level 5, flags, keep alive, properties; client id, will, user name, password. */
    private static Connect connect(BodyReader r) {
        String name = r.string("protocol name");
        if (!Connect.PROTOCOL_NAME.equals(name)) {
            throw new MqttCodecException("MQTT-3.1.2-1", "CONNECT protocol name must be \"MQTT\"", Topics.printable(name));
        }
        int level = r.u8("protocol version");
        if (level != Connect.PROTOCOL_LEVEL_5) {
            throw new MqttCodecException("MQTT-3.1.2-2", "CONNECT protocol version must be 5 (MQTT 5.0)", level);
        }
        int f = r.u8("connect flags");
        if ((f & 0x01) != 0) {
            throw new MqttCodecException("MQTT-3.1.2-3", "CONNECT reserved flag must be 0", String.format("0x%02x", f));
        }
        boolean willFlag = (f & 0x04) != 0;
        int willQos = f >> 3 & 3;
        boolean willRetain = (f & 0x20) != 0;
        if (!willFlag && willQos != 0) {
            throw new MqttCodecException("MQTT-3.1.2-13", "CONNECT will QoS must be 0 without a will", willQos);
        }
        if (!willFlag && willRetain) {
            throw new MqttCodecException("MQTT-3.1.2-15", "CONNECT will retain must be 0 without a will", "retain=1");
        }
        if (willQos == 3) {
            throw new MqttCodecException("MQTT-3.1.2-14", "CONNECT will QoS must be 0, 1 or 2", willQos);
        }
        int keepAlive = r.u16("keep alive");
        MqttProperties props = PropertyValues.read(r, MqttProperty.Where.CONNECT);
        String clientId = r.string("client identifier");
        Connect.Will will = null;
        if (willFlag) {
            MqttProperties willProps = PropertyValues.read(r, MqttProperty.Where.WILL);
            String topic = r.topicName("will topic");
            byte[] message = r.binary("will payload");
            will = new Connect.Will(topic, message, willQos, willRetain, willProps);
        }
        String user = (f & 0x80) != 0 ? r.string("user name") : null;
        byte[] password = (f & 0x40) != 0 ? r.binary("password") : null;
        return new Connect(clientId, (f & 0x02) != 0, keepAlive, will, user, password, props);
    }

    /** §3.2.2: acknowledge flags (bits 7–1 reserved [MQTT-3.2.2-1]), reason code [MQTT-3.2.2-8], properties. */
    private static ConnAck connAck(BodyReader r) {
        int ackFlags = r.u8("acknowledge flags");
        if ((ackFlags & 0xFE) != 0) {
            throw new MqttCodecException("MQTT-3.2.2-1", "CONNACK acknowledge flags bits 7-1 are reserved and must be 0",
                    String.format("0x%02x", ackFlags));
        }
        int raw = r.u8("reason code");
        if (raw == 0x01 && r.remaining() == 0) {
            // "20 02 00 01": a 3.1.1 server's "unacceptable protocol level" — it does not speak MQTT 5.0.
            throw new MqttCodecException("MQTT-3.2.2-8", "CONNACK is the 3.1.1 refusal 0x01 (unacceptable protocol level): "
                    + "the server does not speak MQTT 5.0", "0x01");
        }
        int code = reason(raw, PacketType.CONNACK);
        if (code != 0 && (ackFlags & 1) != 0) {
            throw new MqttCodecException("MQTT-3.2.2-6", "session present must be 0 with a non-zero reason code",
                    String.format("0x%02x", code));
        }
        return new ConnAck((ackFlags & 1) != 0, code, PropertyValues.read(r, MqttProperty.Where.CONNACK));
    }

    /** §3.3.2: topic name (empty only with a Topic Alias), packet identifier when QoS > 0, properties; the rest is the payload. */
    static Publish publish(int flags, BodyReader r) {
        String topic = r.topicNameOrEmpty("topic name");
        int topicLength = r.lastStringLength();
        int qos = flags >> 1 & 3;
        int packetId = qos > 0 ? packetId(r, "PUBLISH") : 0;
        MqttProperties props = PropertyValues.read(r, MqttProperty.Where.PUBLISH);
        if (topicLength == 0) {
            checkAlias(topicLength, props);
        }
        return Publish.decoded(topic, topicLength, r.rest(), qos, (flags & 1) != 0, (flags & 8) != 0, packetId, props);
    }

    /** An empty topic name needs a Topic Alias (§3.3.2.1, §3.3.2.3.4). */
    static void checkAlias(int topicLength, MqttProperties props) {
        if (topicLength == 0 && !props.contains(MqttProperty.TOPIC_ALIAS)) {
            throw new MqttCodecException("MQTT-4.7.3-1", "PUBLISH topic name is empty and there is no Topic Alias", "\"\"");
        }
    }

    /** §3.8.2–§3.8.3: packet identifier, properties, then (filter, subscription options) pairs. */
    private static Subscribe subscribe(BodyReader r) {
        int packetId = packetId(r, "SUBSCRIBE");
        MqttProperties props = PropertyValues.read(r, MqttProperty.Where.SUBSCRIBE);
        List<Subscribe.Subscription> subs = new ArrayList<>(1);
        while (r.hasMore()) {
            String filter = r.string("topic filter");
            Topics.validateFilter(filter, MqttVersion.MQTT_5);
            int o = r.u8("subscription options");
            if ((o & 0xC0) != 0) {
                throw new MqttCodecException("MQTT-3.8.3-5", "SUBSCRIBE subscription options bits 7-6 are reserved", String.format("0x%02x", o));
            }
            if ((o & 3) == 3) {
                throw new MqttCodecException("MQTT-3.8.3.1", "SUBSCRIBE Maximum QoS must be 0, 1 or 2", String.format("0x%02x", o));
            }
            if ((o >> 4 & 3) == 3) {
                throw new MqttCodecException("MQTT-3.8.3.1", "SUBSCRIBE Retain Handling must be 0, 1 or 2", String.format("0x%02x", o));
            }
            subs.add(new Subscribe.Subscription(filter, o & 3, (o & 4) != 0, (o & 8) != 0, o >> 4 & 3));
        }
        if (subs.isEmpty()) {
            throw new MqttCodecException("MQTT-3.8.3-2", "SUBSCRIBE needs at least one topic filter", 0);
        }
        return new Subscribe(packetId, subs.size() == 1 ? List.of(subs.get(0)) : subs, props);
    }

    private static SubAck subAck(BodyReader r) {
        int packetId = packetId(r, "SUBACK");
        MqttProperties props = PropertyValues.read(r, MqttProperty.Where.SUBACK);
        List<Integer> codes = new ArrayList<>(1);
        while (r.hasMore()) {
            codes.add(reason(r.u8("reason code"), PacketType.SUBACK));
        }
        if (codes.isEmpty()) {
            throw new MqttCodecException("MQTT-3.9.3", "SUBACK needs at least one reason code", 0);
        }
        return new SubAck(packetId, codes, props);
    }

    private static Unsubscribe unsubscribe(BodyReader r) {
        int packetId = packetId(r, "UNSUBSCRIBE");
        MqttProperties props = PropertyValues.read(r, MqttProperty.Where.UNSUBSCRIBE);
        List<String> filters = new ArrayList<>(1);
        while (r.hasMore()) {
            String filter = r.string("topic filter");
            Topics.validateFilter(filter, MqttVersion.MQTT_5);
            filters.add(filter);
        }
        if (filters.isEmpty()) {
            throw new MqttCodecException("MQTT-3.10.3-2", "UNSUBSCRIBE needs at least one topic filter", 0);
        }
        return new Unsubscribe(packetId, filters, props);
    }

    private static UnsubAck unsubAck(BodyReader r) {
        int packetId = packetId(r, "UNSUBACK");
        MqttProperties props = PropertyValues.read(r, MqttProperty.Where.UNSUBACK);
        List<Integer> codes = new ArrayList<>(1);
        while (r.hasMore()) {
            codes.add(reason(r.u8("reason code"), PacketType.UNSUBACK));
        }
        if (codes.isEmpty()) {
            throw new MqttCodecException("MQTT-3.11.3", "UNSUBACK needs at least one reason code", 0);
        }
        return new UnsubAck(packetId, codes, props);
    }
}
