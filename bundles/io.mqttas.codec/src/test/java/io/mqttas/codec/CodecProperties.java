package io.mqttas.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.IntRange;

/** Encode → decode round trips for every packet type, and fragmentation independence of the decoder. */
class CodecProperties {

    @Provide
    Arbitrary<MqttPacket> packets() {
        return PacketArbitraries.anyPacket();
    }

    @Provide
    Arbitrary<List<MqttPacket>> streams() {
        return PacketArbitraries.anyPacket().list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 3000)
    void everyPacketRoundTrips(@ForAll("packets") MqttPacket p) {
        byte[] wire = Wire.encode(p);
        assertEquals(MqttEncoder.encodedLength(p), wire.length);
        assertEquals(p, Wire.decodeOne(wire));
        // and through a direct buffer, which takes the decoder's non-array paths
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length);
        new MqttEncoder(Wire.BIG).encode(p, direct);
        direct.flip();
        assertEquals(p, new MqttDecoder(Wire.BIG).decode(direct));
    }

    @Property(tries = 500)
    void anyFragmentationDecodesLikeTheWhole(@ForAll("streams") List<MqttPacket> packets,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 1_000_000) Integer> cuts) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (MqttPacket p : packets) {
            s.writeBytes(Wire.encode(p));
        }
        byte[] stream = s.toByteArray();
        assertEquals(packets, Wire.decodeAll(stream));

        TreeSet<Integer> points = new TreeSet<>();
        for (int c : cuts) {
            points.add(c % (stream.length + 1));
        }
        points.add(stream.length);
        MqttDecoder d = new MqttDecoder(Wire.BIG);
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
    @Property(tries = 1000)
    void topicsAreWrittenAsStandardUtf8(@ForAll("topics") String topic) {
        byte[] expected = topic.getBytes(StandardCharsets.UTF_8);
        byte[] wire = Wire.encode(new Publish(topic, new byte[0], 0, false, false, 0));
        int header = 1 + MqttEncoder.vbiLength(2 + expected.length);
        assertEquals(expected.length, (wire[header] & 0xff) << 8 | wire[header + 1] & 0xff);
        byte[] body = java.util.Arrays.copyOfRange(wire, header + 2, wire.length);
        assertArrayEquals(expected, body);
    }

    @Provide
    Arbitrary<String> topics() {
        return PacketArbitraries.topicName();
    }

    /** The decoder never returns null while input is left, and never holds input it returned a packet for. */
    @Property(tries = 300)
    void oneByteAtATimeEqualsWhole(@ForAll("streams") List<MqttPacket> packets) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        packets.forEach(p -> s.writeBytes(Wire.encode(p)));
        assertEquals(packets, Wire.decodeInChunks(s.toByteArray(), 1));
    }

    @Property(tries = 200)
    void filtersMatchTopicsBuiltFromThem(@ForAll("filters") String filter, @ForAll("levelsArb") List<String> fill) {
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
    }

    @Provide
    Arbitrary<String> filters() {
        return PacketArbitraries.topicFilter().filter(f -> !f.startsWith("$"));
    }

    @Provide
    Arbitrary<List<String>> levelsArb() {
        return PacketArbitraries.level().filter(l -> !l.startsWith("$")).list().ofMaxSize(4);
    }
}
