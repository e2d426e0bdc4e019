package io.mqttas.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Generators of valid packets of every type, 3.1.1 and 5.0, with non-ASCII and supplementary
 * characters in strings (the distributions the jqwik arbitraries had), and of MQTT 5.0 properties
 * for every place they may appear.
 */
final class PacketGenerators {
    private PacketGenerators() {
    }

    /** One character of a topic level: mostly ASCII, sometimes 2-, 3- or 4-byte UTF-8; never '/', '+', '#', U+0000. */
    static Gen<String> levelChar() {
        return Gen.frequency(
                8, Gen.ints('!', '~').filter(c -> c != '+' && c != '#' && c != '/').map(c -> String.valueOf((char) (int) c)),
                1, Gen.ints(0x80, 0x7ff).map(c -> String.valueOf((char) (int) c)),
                1, Gen.ints(0x800, 0xffff).filter(c -> !Character.isSurrogate((char) (int) c)).map(c -> String.valueOf((char) (int) c)),
                1, Gen.ints(0x10000, 0x10ffff).map(Character::toString));
    }

    static Gen<String> level() {
        return levelChar().list(0, 8).map(l -> String.join("", l));
    }

    static Gen<String> text() {
        return Gen.oneOf(level(), Gen.strings(' ', '~', 40));
    }

    static Gen<String> topicName() {
        return level().list(1, 6).map(l -> String.join("/", l)).filter(t -> !t.isEmpty());
    }

    static Gen<String> topicFilter() {
        Gen<String> filterLevel = Gen.frequency(4, level(), 1, Gen.constant("+"));
        Gen<List<String>> levels = filterLevel.list(1, 6);
        return r -> {
            String f;
            do {
                f = String.join("/", levels.next(r)) + (r.nextBoolean() ? "/#" : "");
            } while (f.isEmpty() || Topics.isShared(f));
            return f;
        };
    }

    static Gen<byte[]> payload() {
        return Gen.frequency(6, Gen.bytes(0, 64), 1, Gen.bytes(100, 20_000));
    }

    static Gen<Integer> packetId() {
        return Gen.frequency(1, Gen.of(1, 255, 256, 65_535), 4, Gen.ints(1, 65_535));
    }

    // ---- MQTT 3.1.1 ----

    static Gen<Publish> publish() {
        return r -> {
            int qos = r.nextInt(3);
            return new Publish(topicName().next(r), payload().next(r), qos, r.nextBoolean(), qos > 0 && r.nextBoolean(),
                    qos > 0 ? Gen.ints(1, 65_535).next(r) : 0);
        };
    }

    static Gen<Connect> connect() {
        Gen<Connect.Will> will = r -> new Connect.Will(topicName().next(r), payload().next(r), r.nextInt(3), r.nextBoolean());
        Gen<byte[]> password = Gen.bytes(0, 30);
        return r -> {
            String user = text().orNull(0.4).next(r);
            return new Connect(text().next(r), r.nextBoolean(), Gen.ints(0, 65_535).next(r), will.orNull(0.4).next(r), user,
                    user == null ? null : password.orNull(0.4).next(r));
        };
    }

    static Gen<Subscribe> subscribe() {
        Gen<Subscribe.Subscription> sub = r -> new Subscribe.Subscription(topicFilter().next(r), r.nextInt(3));
        return r -> new Subscribe(packetId().next(r), sub.list(1, 5).next(r));
    }

    static Gen<MqttPacket> anyPacket() {
        Gen<Integer> id = packetId();
        return Gen.oneOf(
                connect(),
                r -> {
                    int rc = Gen.ints(0, 255).next(r);
                    return new ConnAck(rc == 0 && r.nextBoolean(), rc);
                },
                publish(),
                id.map(PubAck::new), id.map(PubRec::new), id.map(PubRel::new), id.map(PubComp::new),
                subscribe(),
                r -> new SubAck(id.next(r), Gen.of(0, 1, 2, 0x80).list(1, 5).next(r)),
                r -> new Unsubscribe(id.next(r), topicFilter().list(1, 5).next(r)),
                id.map(UnsubAck::new),
                Gen.of(PingReq.INSTANCE, PingResp.INSTANCE, Disconnect.INSTANCE));
    }

    // ---- MQTT 5.0 ----

    /** A value of property {@code p} that the standard allows. */
    static Gen<Object> value(MqttProperty p) {
        return switch (p) {
            case PAYLOAD_FORMAT_INDICATOR, REQUEST_PROBLEM_INFORMATION, REQUEST_RESPONSE_INFORMATION, MAXIMUM_QOS, RETAIN_AVAILABLE,
                    WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIERS_AVAILABLE, SHARED_SUBSCRIPTION_AVAILABLE ->
                    Gen.ints(0, 1).map(v -> v);
            case TOPIC_ALIAS, RECEIVE_MAXIMUM -> Gen.ints(1, 65_535).map(v -> v);
            case SERVER_KEEP_ALIVE, TOPIC_ALIAS_MAXIMUM -> Gen.ints(0, 65_535).map(v -> v);
            case MAXIMUM_PACKET_SIZE -> Gen.longs(1, 0xFFFF_FFFFL).map(v -> v);
            case MESSAGE_EXPIRY_INTERVAL, SESSION_EXPIRY_INTERVAL, WILL_DELAY_INTERVAL -> Gen.longs(0, 0xFFFF_FFFFL).map(v -> v);
            case SUBSCRIPTION_IDENTIFIER -> Gen.ints(1, 268_435_455).map(v -> v);
            case RESPONSE_TOPIC -> topicName().map(v -> v);
            case CONTENT_TYPE, ASSIGNED_CLIENT_IDENTIFIER, AUTHENTICATION_METHOD, RESPONSE_INFORMATION, SERVER_REFERENCE,
                    REASON_STRING -> text().map(v -> v);
            case CORRELATION_DATA, AUTHENTICATION_DATA -> Gen.bytes(0, 40).map(v -> v);
            case USER_PROPERTY -> r -> new UserProperty(text().next(r), text().next(r));
        };
    }

    /** Properties for a place ({@code MqttProperty.Where} bit): each allowed property with probability 1/3, User Properties 0–3. */
    static Gen<MqttProperties> properties(int where) {
        return r -> {
            if (r.nextInt(4) == 0) {
                return MqttProperties.EMPTY;
            }
            MqttProperties.Builder b = MqttProperties.builder();
            for (MqttProperty p : MqttProperty.values()) {
                if ((p.where() & where) == 0 || r.nextInt(3) != 0) {
                    continue;
                }
                int times = p == MqttProperty.USER_PROPERTY ? 1 + r.nextInt(3)
                        : p == MqttProperty.SUBSCRIPTION_IDENTIFIER && where == MqttProperty.Where.PUBLISH ? 1 + r.nextInt(3) : 1;
                for (int i = 0; i < times; i++) {
                    b.set(p, value(p).next(r));
                }
            }
            return b.build();
        };
    }

    static Gen<Integer> reasonCode(PacketType type) {
        List<Integer> codes = new ArrayList<>();
        ReasonCode.allowed(type).forEach(c -> codes.add(c.code()));
        return Gen.of(codes.toArray(Integer[]::new));
    }

    static Gen<Publish> publishV5() {
        return r -> {
            int qos = r.nextInt(3);
            MqttProperties props = properties(MqttProperty.Where.PUBLISH).next(r);
            String topic = props.contains(MqttProperty.TOPIC_ALIAS) && r.nextBoolean() ? "" : topicName().next(r);
            return new Publish(topic, payload().next(r), qos, r.nextBoolean(), qos > 0 && r.nextBoolean(),
                    qos > 0 ? Gen.ints(1, 65_535).next(r) : 0, props);
        };
    }

    static Gen<Connect> connectV5() {
        Gen<Connect.Will> will = r -> new Connect.Will(topicName().next(r), payload().next(r), r.nextInt(3), r.nextBoolean(),
                properties(MqttProperty.Where.WILL).next(r));
        return r -> new Connect(text().next(r), r.nextBoolean(), Gen.ints(0, 65_535).next(r), will.orNull(0.4).next(r),
                text().orNull(0.4).next(r), Gen.bytes(0, 30).orNull(0.4).next(r), properties(MqttProperty.Where.CONNECT).next(r));
    }

    static Gen<Subscribe> subscribeV5() {
        Gen<Subscribe.Subscription> sub = r -> new Subscribe.Subscription(topicFilter().next(r), r.nextInt(3), r.nextBoolean(),
                r.nextBoolean(), r.nextInt(3));
        return r -> new Subscribe(packetId().next(r), sub.list(1, 5).next(r), properties(MqttProperty.Where.SUBSCRIBE).next(r));
    }

    static Gen<MqttPacket> anyPacketV5() {
        Gen<Integer> id = packetId();
        return Gen.oneOf(
                connectV5(),
                r -> {
                    int rc = reasonCode(PacketType.CONNACK).next(r);
                    return new ConnAck(rc == 0 && r.nextBoolean(), rc, properties(MqttProperty.Where.CONNACK).next(r));
                },
                publishV5(),
                r -> new PubAck(id.next(r), reasonCode(PacketType.PUBACK).next(r), properties(1 << 4).next(r)),
                r -> new PubRec(id.next(r), reasonCode(PacketType.PUBREC).next(r), properties(1 << 5).next(r)),
                r -> new PubRel(id.next(r), reasonCode(PacketType.PUBREL).next(r), properties(1 << 6).next(r)),
                r -> new PubComp(id.next(r), reasonCode(PacketType.PUBCOMP).next(r), properties(1 << 7).next(r)),
                subscribeV5(),
                r -> new SubAck(id.next(r), reasonCode(PacketType.SUBACK).list(1, 5).next(r), properties(MqttProperty.Where.SUBACK).next(r)),
                r -> new Unsubscribe(id.next(r), topicFilter().list(1, 5).next(r), properties(MqttProperty.Where.UNSUBSCRIBE).next(r)),
                r -> new UnsubAck(id.next(r), reasonCode(PacketType.UNSUBACK).list(1, 5).next(r),
                        properties(MqttProperty.Where.UNSUBACK).next(r)),
                Gen.of(PingReq.INSTANCE, PingResp.INSTANCE),
                r -> new Disconnect(reasonCode(PacketType.DISCONNECT).next(r), properties(MqttProperty.Where.DISCONNECT).next(r)),
                r -> new Auth(reasonCode(PacketType.AUTH).next(r), properties(MqttProperty.Where.AUTH).next(r)));
    }
}
