package io.mqttas.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of {@link MqttDecoder} (robustness.md §4.5). In {@code mvn test} it runs
 * in regression mode over the committed seeds in
 * {@code src/test/resources/io/mqttas/codec/MqttDecoderFuzzTestInputs/decode/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes for real (see README).
 *
 * <p>Input layout: byte 0 picks the fragment size (1–256 bytes per {@code decode} call), byte 1 picks
 * the maximum packet size (bits 0–2), the kind of buffer (bits 3–4: heap, direct, read-only heap,
 * heap) and the protocol version (bit 5: 0 = MQTT 3.1.1, 1 = MQTT 5.0), the rest is the byte stream.
 * Invariants checked on every input:
 * <ul>
 * <li>only {@link MqttCodecException} escapes (anything else fails the run);</li>
 * <li>progress: a call returns a packet having consumed input, or returns {@code null} with its input
 *     used up — never a null with bytes left, so no caller can spin;</li>
 * <li>bounded memory: bytes allocated while decoding stay under one maximum-size packet plus a small
 *     constant factor of the bytes actually received (the announced length of a packet can never
 *     drive allocation beyond the maximum);</li>
 * <li>every decoded packet (other than an unknown type) encodes and decodes back to itself.</li>
 * </ul>
 */
class MqttDecoderFuzzTest {
    /** Capped at 1 MiB so that every run stays fast; larger maxima only scale the one body array. */
    private static final int[] MAX_SIZES = {2, 16, 128, 1024, 4096, 64 * 1024, 256 * 1024, 1 << 20};
    /** Per received byte: the packet objects (an Integer per SUBACK code, a String per filter …) cost more than the byte. */
    private static final long ALLOCATION_PER_INPUT_BYTE = 64;
    /** MQTT 5.0: a 4-byte property block costs a builder and a properties object (~600 bytes). */
    private static final long ALLOCATION_PER_INPUT_BYTE_V5 = 256;
    private static final long ALLOCATION_SLACK = 512 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] data) {
        if (data.length < 2) {
            return;
        }
        ByteBuffer stream = switch (data[1] >> 3 & 3) {
            case 1 -> ByteBuffer.allocateDirect(data.length).put(data).clear();
            case 2 -> ByteBuffer.wrap(data).asReadOnlyBuffer();
            default -> ByteBuffer.wrap(data);
        };
        // A first, unmeasured pass loads the classes of the paths this input takes (class loading
        // allocates on this thread); the second pass is measured.
        run(data, stream);
        long thread = Thread.currentThread().getId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
        int packets = run(data, stream);
        long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
        int maxPacketSize = MAX_SIZES[data[1] & 7];
        // One body array of at most the maximum; everything else (packet objects, and the round-trip
        // check's own encode + decode) is proportional to the bytes received.
        long perByte = version(data) == MqttVersion.MQTT_5 ? ALLOCATION_PER_INPUT_BYTE_V5 : ALLOCATION_PER_INPUT_BYTE;
        long bound = maxPacketSize + 2 * perByte * data.length + ALLOCATION_SLACK;
        if (allocated > bound) {
            throw new IllegalStateException("decoding " + data.length + " bytes allocated " + allocated + " bytes (bound " + bound + ")");
        }
        if (packets > data.length / 2) {
            throw new IllegalStateException(packets + " packets from " + data.length + " bytes");
        }
    }

    /** Feeds the stream in fragments, checking progress and round trips; returns the packets decoded. */
    static MqttVersion version(byte[] data) {
        return (data[1] & 0x20) != 0 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1;
    }

    private static int run(byte[] data, ByteBuffer stream) {
        int chunk = 1 + (data[0] & 0xff);
        MqttVersion version = version(data);
        MqttDecoder decoder = new MqttDecoder(MAX_SIZES[data[1] & 7], version);
        int packets = 0;
        try {
            for (int from = 2; from < data.length; from += chunk) {
                ByteBuffer in = stream.duplicate().limit(Math.min(from + chunk, data.length)).position(from);
                while (true) {
                    int before = in.position();
                    MqttPacket p = decoder.decode(in);
                    if (p == null) {
                        if (in.hasRemaining()) {
                            throw new IllegalStateException("decode returned null with " + in.remaining() + " bytes left");
                        }
                        break;
                    }
                    if (in.position() == before) {
                        throw new IllegalStateException("decode returned " + p + " without consuming input");
                    }
                    packets++;
                    checkRoundTrip(p, version);
                }
            }
        } catch (MqttCodecException expected) {
            if (expected.rule() == null || expected.getMessage() == null) {
                throw new IllegalStateException("codec exception without a rule", expected);
            }
        }
        return packets;
    }

    private static void checkRoundTrip(MqttPacket p, MqttVersion version) {
        if (p instanceof UnknownPacket) {
            return;
        }
        byte[] wire = new byte[MqttEncoder.encodedLength(p, version)];
        new MqttEncoder(MqttEncoder.MAX_PACKET_SIZE_LIMIT, version).encode(p, wire, 0);
        MqttPacket again = new MqttDecoder(MqttEncoder.MAX_PACKET_SIZE_LIMIT, version).decode(ByteBuffer.wrap(wire));
        if (!p.equals(again)) {
            throw new IllegalStateException("round trip changed " + p + " into " + again);
        }
    }
}
