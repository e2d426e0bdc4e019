package io.mqttas.codec;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid packets of every type, with non-ASCII and supplementary characters in strings. */
final class PacketArbitraries {
    private PacketArbitraries() {
    }

    /** One character of a topic level: mostly ASCII, sometimes 2-, 3- or 4-byte UTF-8; never '/', '+', '#', U+0000. */
    static Arbitrary<String> levelChar() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.chars().range('!', '~').filter(c -> c != '+' && c != '#' && c != '/').map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u0080', '\u07ff').map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u0800', '\uffff').filter(c -> !Character.isSurrogate(c)).map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff).map(Character::toString)));
    }

    static Arbitrary<String> level() {
        return levelChar().list().ofMaxSize(8).map(l -> String.join("", l));
    }

    static Arbitrary<String> text() {
        return Arbitraries.oneOf(level(), Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40));
    }

    static Arbitrary<String> topicName() {
        return level().list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("/", l)).filter(t -> !t.isEmpty());
    }

    static Arbitrary<String> topicFilter() {
        Arbitrary<String> filterLevel = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, level()), net.jqwik.api.Tuple.of(1, Arbitraries.just("+")));
        return Combinators.combine(filterLevel.list().ofMinSize(1).ofMaxSize(6), Arbitraries.of(false, true))
                .as((levels, hash) -> String.join("/", levels) + (hash ? "/#" : ""))
                .filter(f -> !f.isEmpty());
    }

    static Arbitrary<byte[]> payload() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMinSize(100).ofMaxSize(20_000)));
    }

    static Arbitrary<Integer> packetId() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.of(1, 255, 256, 65_535)),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 65_535)));
    }

    static Arbitrary<Publish> publish() {
        return Combinators.combine(topicName(), payload(), Arbitraries.integers().between(0, 2), Arbitraries.of(false, true),
                Arbitraries.of(false, true), Arbitraries.integers().between(1, 65_535))
                .as((t, p, qos, retain, dup, id) -> new Publish(t, p, qos, retain, qos > 0 && dup, qos > 0 ? id : 0));
    }

    static Arbitrary<Connect> connect() {
        Arbitrary<Connect.Will> will = Combinators.combine(topicName(), payload(), Arbitraries.integers().between(0, 2), Arbitraries.of(false, true))
                .as(Connect.Will::new);
        Arbitrary<byte[]> password = Arbitraries.bytes().array(byte[].class).ofMaxSize(30);
        return Combinators.combine(text(), Arbitraries.of(false, true), Arbitraries.integers().between(0, 65_535),
                        will.injectNull(0.4), text().injectNull(0.4), password.injectNull(0.4))
                .as((id, clean, keepAlive, w, user, pw) -> new Connect(id, clean, keepAlive, w, user, user == null ? null : pw));
    }

    static Arbitrary<Subscribe> subscribe() {
        Arbitrary<Subscribe.Subscription> sub = Combinators.combine(topicFilter(), Arbitraries.integers().between(0, 2))
                .as(Subscribe.Subscription::new);
        return Combinators.combine(packetId(), sub.list().ofMinSize(1).ofMaxSize(5)).as(Subscribe::new);
    }

    static Arbitrary<MqttPacket> anyPacket() {
        Arbitrary<Integer> id = packetId();
        return Arbitraries.oneOf(List.of(
                connect().map(p -> (MqttPacket) p),
                Combinators.combine(Arbitraries.of(false, true), Arbitraries.integers().between(0, 255))
                        .as((sp, rc) -> (MqttPacket) new ConnAck(rc == 0 && sp, rc)),
                publish().map(p -> (MqttPacket) p),
                id.map(PubAck::new), id.map(PubRec::new), id.map(PubRel::new), id.map(PubComp::new),
                subscribe().map(p -> (MqttPacket) p),
                Combinators.combine(id, Arbitraries.of(0, 1, 2, 0x80).list().ofMinSize(1).ofMaxSize(5)).as(SubAck::new),
                Combinators.combine(id, topicFilter().list().ofMinSize(1).ofMaxSize(5)).as(Unsubscribe::new),
                id.map(UnsubAck::new),
                Arbitraries.of(PingReq.INSTANCE, PingResp.INSTANCE, Disconnect.INSTANCE)));
    }
}
