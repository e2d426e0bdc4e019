package io.mqttas.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Properties over generated packets (seeded generators, {@link ForAll}): encode → decode round trips
 * for every packet type in both versions, fragmentation independence of the decoder, UTF-8 as the
 * JDK writes it, topic matching.
 */
class CodecProperties {
    private static final MqttVersion V311 = MqttVersion.MQTT_3_1_1;
    private static final MqttVersion V5 = MqttVersion.MQTT_5;

    @Test
    void everyPacketRoundTrips() {
        ForAll.check("everyPacketRoundTrips", 3000, PacketGenerators.anyPacket(), p -> roundTrip(p, V311));
    }

    @Test
    void everyV5PacketRoundTrips() {
        ForAll.check("everyV5PacketRoundTrips", 3000, PacketGenerators.anyPacketV5(), p -> roundTrip(p, V5));
    }

    /** Guards the generators against going vacuous: 2000 v5 packets cover every type and every property. */
    @Test
    void v5GeneratorsCoverEveryPacketTypeAndProperty() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        java.util.Set<PacketType> types = java.util.EnumSet.noneOf(PacketType.class);
        java.util.Set<MqttProperty> props = java.util.EnumSet.noneOf(MqttProperty.class);
        Gen<MqttPacket> gen = PacketGenerators.anyPacketV5();
        for (int i = 0; i < 2000; i++) {
            MqttPacket p = gen.next(r);
            types.add(p.type());
            String s = p.toString();
            for (MqttProperty prop : MqttProperty.values()) {
                if (s.contains(prop.name() + "=")) {
                    props.add(prop);
                }
            }
        }
        assertEquals(java.util.EnumSet.allOf(PacketType.class), types);
        assertEquals(java.util.EnumSet.allOf(MqttProperty.class), props);
    }

    /** Encoded length as announced, decodes to an equal packet, and the same through a direct buffer. */
    private static void roundTrip(MqttPacket p, MqttVersion version) {
        byte[] wire = Wire.encode(p, version);
        assertEquals(MqttEncoder.encodedLength(p, version), wire.length);
        assertEquals(p, Wire.decodeOne(wire, version));
        // and through a direct buffer, which takes the decoder's non-array paths
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length);
        new MqttEncoder(Wire.BIG, version).encode(p, direct);
        direct.flip();
        assertEquals(p, new MqttDecoder(Wire.BIG, version).decode(direct));
    }

    private static Gen<List<Integer>> cuts() {
        return Gen.ints(0, 1_000_000).list(0, 12);
    }

    @Test
    void anyFragmentationDecodesLikeTheWhole() {
        ForAll.check("anyFragmentationDecodesLikeTheWhole", 500, PacketGenerators.anyPacket().list(1, 8), cuts(),
                (packets, cuts) -> fragmentation(packets, cuts, V311));
    }

    @Test
    void anyFragmentationDecodesLikeTheWholeV5() {
        ForAll.check("anyFragmentationDecodesLikeTheWholeV5", 500, PacketGenerators.anyPacketV5().list(1, 8), cuts(),
                (packets, cuts) -> fragmentation(packets, cuts, V5));
    }

    private static void fragmentation(List<MqttPacket> packets, List<Integer> cuts, MqttVersion version) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (MqttPacket p : packets) {
            s.writeBytes(Wire.encode(p, version));
        }
        byte[] stream = s.toByteArray();
        assertEquals(packets, Wire.decodeAll(stream, version));

        TreeSet<Integer> points = new TreeSet<>();
        for (int c : cuts) {
            points.add(c % (stream.length + 1));
        }
        points.add(stream.length);
        MqttDecoder d = new MqttDecoder(Wire.BIG, version);
        List<MqttPacket> got = new ArrayList<>();
        int from = 0;
        for (int to : points) {
            ByteBuffer in = ByteBuffer.wrap(stream, from, to - from);
            MqttPacket p;
            while ((p = d.decode(in)) != null) {
                got.add(p);
            }
            assertEquals(0, in.remaining());
            from = to;
        }
        assertEquals(packets, got);
    }

    /** B8: the encoder's UTF-8 is the JDK's, byte for byte, and lengths are byte lengths. */
    @Test
    void topicsAreWrittenAsStandardUtf8() {
        ForAll.check("topicsAreWrittenAsStandardUtf8", 1000, PacketGenerators.topicName(), topic -> {
            byte[] expected = topic.getBytes(StandardCharsets.UTF_8);
            byte[] wire = Wire.encode(new Publish(topic, new byte[0], 0, false, false, 0));
            int header = 1 + MqttEncoder.vbiLength(2 + expected.length);
            assertEquals(expected.length, (wire[header] & 0xff) << 8 | wire[header + 1] & 0xff);
            byte[] body = java.util.Arrays.copyOfRange(wire, header + 2, wire.length);
            assertArrayEquals(expected, body);
        });
    }

    /** The decoder never returns null while input is left, and never holds input it returned a packet for. */
    @Test
    void oneByteAtATimeEqualsWhole() {
        ForAll.check("oneByteAtATimeEqualsWhole", 300, PacketGenerators.anyPacket().list(1, 8), packets -> {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            packets.forEach(p -> s.writeBytes(Wire.encode(p)));
            assertEquals(packets, Wire.decodeInChunks(s.toByteArray(), 1));
        });
    }

    @Test
    void oneByteAtATimeEqualsWholeV5() {
        ForAll.check("oneByteAtATimeEqualsWholeV5", 300, PacketGenerators.anyPacketV5().list(1, 8), packets -> {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            packets.forEach(p -> s.writeBytes(Wire.encode(p, V5)));
            assertEquals(packets, Wire.decodeInChunks(s.toByteArray(), 1, V5));
        });
    }

    /** Every property, alone, in every place it is allowed: the value read back is the value written. */
    @Test
    void everyPropertyRoundTripsWhereverItIsAllowed() {
        for (MqttProperty prop : MqttProperty.values()) {
            ForAll.check("property " + prop, 50, PacketGenerators.value(prop), v -> {
                MqttProperties props = MqttProperties.builder().set(prop, v).build();
                assertEquals(v instanceof byte[] b ? ByteBuffer.wrap(b) : v, unwrap(props.get(prop).orElseThrow(), prop));
                for (MqttPacket p : PropertyPlaces.carrying(props, prop)) {
                    assertEquals(p, Wire.decodeOne(Wire.encode(p, V5), V5), prop + " in " + p.type());
                }
            });
        }
    }

    private static Object unwrap(Object got, MqttProperty p) {
        if (got instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        return got instanceof List<?> l ? l.get(0) : got;
    }

    @Test
    void filtersMatchTopicsBuiltFromThem() {
        Gen<String> filters = PacketGenerators.topicFilter().filter(f -> !f.startsWith("$"));
        Gen<List<String>> fills = PacketGenerators.level().filter(l -> !l.startsWith("$")).list(0, 4);
        ForAll.check("filtersMatchTopicsBuiltFromThem", 200, filters, fills, (filter, fill) -> {
            // Replace each '+' with a generated level and '#' with zero or more levels: the result must match.
            StringBuilder topic = new StringBuilder();
            String[] levels = filter.split("/", -1);
            int k = 0;
            for (int i = 0; i < levels.length; i++) {
                String l = levels[i];
                if (l.equals("#")) {
                    if (topic.length() > 0) {
                        topic.setLength(topic.length() - 1); // "a/#" matches "a"
                    }
                    for (int j = 0; j < fill.size() % 3; j++) {
                        topic.append(topic.length() > 0 || i > 0 ? "/" : "").append(fill.get(j));
                    }
                    break;
                }
                topic.append(l.equals("+") ? fill.isEmpty() ? "" : fill.get(k++ % fill.size()) : l);
                if (i < levels.length - 1) {
                    topic.append('/');
                }
            }
            String t = topic.toString();
            if (t.isEmpty() || t.startsWith("$")) {
                return;
            }
            assertEquals(true, Topics.matches(filter, t), filter + " vs " + t);
        });
    }
}
