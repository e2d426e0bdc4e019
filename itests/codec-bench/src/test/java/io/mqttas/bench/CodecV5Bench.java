/* Benchmarks (BENCHMARKS.md, codec MQTT 5.0 section): io.mqttas.codec MQTT 5.0 beside 3.1.1, per packet. */
package io.mqttas.bench;

import io.mqttas.codec.Connect;
import io.mqttas.codec.MqttDecoder;
import io.mqttas.codec.MqttEncoder;
import io.mqttas.codec.MqttPacket;
import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.MqttVersion;
import io.mqttas.codec.PubAck;
import io.mqttas.codec.Publish;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The same packets encoded and decoded as MQTT 3.1.1 and as MQTT 5.0 (suffix {@code _311} / {@code _5}),
 * and a v5 PUBLISH with the properties a request/response message carries ({@code PUBLISH_64_PROPS_5}).
 * What one operation is: as in {@link CodecBench} (encode into a reused heap buffer; decode one packet
 * from a heap buffer, payload copied).
 */
@State(Scope.Thread)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecV5Bench {
    static final String TOPIC = "sensors/gateway-7/temperature";

    @Param({"PUBLISH_64_311", "PUBLISH_64_5", "PUBLISH_64_PROPS_5", "CONNECT_311", "CONNECT_5", "PUBACK_311", "PUBACK_5"})
    public String packet;

    MqttPacket ours;
    byte[] wire;
    MqttEncoder encoder;
    MqttDecoder decoder;
    ByteBuffer encodeOut;
    ByteBuffer decodeIn;

    @Setup(Level.Trial)
    public void setup() {
        MqttVersion version = packet.endsWith("_5") ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1;
        String kind = packet.substring(0, packet.lastIndexOf('_'));
        byte[] payload = new byte[64];
        Arrays.fill(payload, (byte) 'x');
        ours = switch (kind) {
            case "PUBLISH_64" -> new Publish(TOPIC, payload, 1, false, false, 4711);
            case "PUBLISH_64_PROPS" -> new Publish(TOPIC, payload, 1, false, false, 4711, MqttProperties.builder()
                    .messageExpiryInterval(3600).contentType("application/json").responseTopic("replies/gateway-7")
                    .correlationData("req-4711".getBytes(StandardCharsets.US_ASCII)).userProperty("unit", "celsius").build());
            case "CONNECT" -> new Connect("gateway-7", true, 60, new Connect.Will("gateways/gateway-7/status",
                    "offline".getBytes(StandardCharsets.US_ASCII), 1, true), "gateway", "secret".getBytes(StandardCharsets.US_ASCII));
            case "PUBACK" -> new PubAck(4711);
            default -> throw new IllegalArgumentException(packet);
        };
        encoder = new MqttEncoder(64 * 1024, version);
        decoder = new MqttDecoder(64 * 1024, version);
        wire = new byte[MqttEncoder.encodedLength(ours, version)];
        encoder.encode(ours, wire, 0);
        encodeOut = ByteBuffer.allocate(wire.length);
        decodeIn = ByteBuffer.wrap(wire);
        if (!ours.equals(mqttasDecode())) {
            throw new IllegalStateException(packet + " does not round-trip");
        }
    }

    @Benchmark
    public int mqttasEncode() {
        encodeOut.clear();
        return encoder.encode(ours, encodeOut);
    }

    @Benchmark
    public MqttPacket mqttasDecode() {
        decodeIn.clear();
        return decoder.decode(decodeIn);
    }
}
