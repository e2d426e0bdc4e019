package io.mqttas.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test helpers: hex ⇄ bytes, encode to an array, decode a whole stream. */
final class Wire {
    private Wire() {
    }

    static final int BIG = MqttEncoder.MAX_PACKET_SIZE_LIMIT;

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    static byte[] encode(MqttPacket p) {
        return encode(p, MqttVersion.MQTT_3_1_1);
    }

    static byte[] encode(MqttPacket p, MqttVersion version) {
        byte[] out = new byte[MqttEncoder.encodedLength(p, version)];
        int n = new MqttEncoder(BIG, version).encode(p, out, 0);
        if (n != out.length) {
            throw new AssertionError("encode wrote " + n + " bytes, encodedLength said " + out.length);
        }
        return out;
    }

    /** Decodes every packet of {@code stream} fed in one piece; fails if bytes are left over. */
    static List<MqttPacket> decodeAll(byte[] stream) {
        return decodeAll(stream, BIG);
    }

    static List<MqttPacket> decodeAll(byte[] stream, MqttVersion version) {
        return decodeAll(stream, BIG, version);
    }

    static List<MqttPacket> decodeAll(byte[] stream, int maxPacketSize) {
        return decodeAll(stream, maxPacketSize, MqttVersion.MQTT_3_1_1);
    }

    static List<MqttPacket> decodeAll(byte[] stream, int maxPacketSize, MqttVersion version) {
        MqttDecoder d = new MqttDecoder(maxPacketSize, version);
        ByteBuffer in = ByteBuffer.wrap(stream);
        List<MqttPacket> out = new ArrayList<>();
        MqttPacket p;
        while ((p = d.decode(in)) != null) {
            out.add(p);
        }
        if (in.hasRemaining() || !d.isIdle()) {
            throw new AssertionError("incomplete packet at the end of the stream");
        }
        return out;
    }

    /** Decodes {@code stream} fed in pieces of {@code chunk} bytes, each piece in a fresh buffer. */
    static List<MqttPacket> decodeInChunks(byte[] stream, int chunk) {
        return decodeInChunks(stream, chunk, MqttVersion.MQTT_3_1_1);
    }

    static List<MqttPacket> decodeInChunks(byte[] stream, int chunk, MqttVersion version) {
        MqttDecoder d = new MqttDecoder(BIG, version);
        List<MqttPacket> out = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunk) {
            ByteBuffer in = ByteBuffer.wrap(stream, i, Math.min(chunk, stream.length - i)).slice();
            MqttPacket p;
            while ((p = d.decode(in)) != null) {
                out.add(p);
            }
            if (in.hasRemaining()) {
                throw new AssertionError("decode returned null with input left");
            }
        }
        if (!d.isIdle()) {
            throw new AssertionError("incomplete packet at the end of the stream");
        }
        return out;
    }

    /** The single packet in {@code bytes}, or the exception the decoder throws. */
    static MqttPacket decodeOne(byte[] bytes) {
        return decodeOne(bytes, MqttVersion.MQTT_3_1_1);
    }

    static MqttPacket decodeOne(byte[] bytes, MqttVersion version) {
        List<MqttPacket> all = decodeAll(bytes, version);
        if (all.size() != 1) {
            throw new AssertionError("expected one packet, got " + all);
        }
        return all.get(0);
    }
}
