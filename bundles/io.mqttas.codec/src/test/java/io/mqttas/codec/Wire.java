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
        byte[] out = new byte[MqttEncoder.encodedLength(p)];
        int n = new MqttEncoder(BIG).encode(p, out, 0);
        if (n != out.length) {
            throw new AssertionError("encode wrote " + n + " bytes, encodedLength said " + out.length);
        }
        return out;
    }

    /** Decodes every packet of {@code stream} fed in one piece; fails if bytes are left over. */
    static List<MqttPacket> decodeAll(byte[] stream) {
        return decodeAll(stream, BIG);
    }

    static List<MqttPacket> decodeAll(byte[] stream, int maxPacketSize) {
        MqttDecoder d = new MqttDecoder(maxPacketSize);
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
        MqttDecoder d = new MqttDecoder(BIG);
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
        List<MqttPacket> all = decodeAll(bytes);
        if (all.size() != 1) {
            throw new AssertionError("expected one packet, got " + all);
        }
        return all.get(0);
    }
}
