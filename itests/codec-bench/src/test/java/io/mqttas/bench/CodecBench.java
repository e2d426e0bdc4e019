/* Benchmarks (BENCHMARKS.md, codec section): io.mqttas.codec vs Netty codec-mqtt, per packet. */
package io.mqttas.bench;

import io.mqttas.codec.MqttDecoder;
import io.mqttas.codec.MqttEncoder;
import io.mqttas.codec.MqttPacket;
import io.mqttas.codec.PubAck;
import io.mqttas.codec.Publish;
import io.mqttas.codec.Subscribe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.NettyMqttAccess;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Encode and decode of one packet, both libraries on the same packet and the same bytes (setup
 * checks that both encoders produce identical bytes). What each side does per operation:
 * <ul>
 * <li>mqttas encode: measures the strings, writes the packet into a reused heap {@code ByteBuffer}
 *     (the API writes into the caller's buffer; nothing is allocated).</li>
 * <li>Netty encode: {@code MqttEncoder.doEncode}: allocates a pooled buffer from the channel's
 *     allocator and writes the packet; the benchmark releases it.</li>
 * <li>mqttas decode: {@code MqttDecoder.decode} on a heap buffer holding the packet: validates every
 *     rule (strict UTF-8, topic rules, lengths), builds the immutable packet, <em>copies</em> the
 *     payload into the packet's own array.</li>
 * <li>Netty decode: one call of {@code MqttDecoder.decode(ctx, buf, out)}: builds the message; the
 *     PUBLISH payload is a retained <em>slice</em> of the input (no copy), released by the benchmark.</li>
 * </ul>
 * Neither side includes the channel pipeline or socket I/O. Netty's leak detector is switched off in
 * the forked JVM: by default it samples one allocation in 128 with a stack trace, which would bill
 * Netty's encoder for a debugging aid.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBench {
    static final String TOPIC = "sensors/gateway-7/temperature";
    static final String FILTER = "sensors/+/temperature";

    @Param({"PUBLISH_64", "PUBLISH_1K", "PUBACK", "SUBSCRIBE"})
    public String packet;

    MqttPacket ours;
    MqttMessage theirs;
    byte[] wire;

    final MqttEncoder encoder = new MqttEncoder(64 * 1024);
    final MqttDecoder decoder = new MqttDecoder(64 * 1024);
    ByteBuffer encodeOut;
    ByteBuffer decodeIn;

    EmbeddedChannel channel;
    ChannelHandlerContext ctx;
    io.netty.handler.codec.mqtt.MqttDecoder nettyDecoder;
    ByteBuf nettyIn;
    final List<Object> nettyOut = new ArrayList<>(1);

    @Setup(Level.Trial)
    public void setup() {
        switch (packet) {
            case "PUBLISH_64", "PUBLISH_1K" -> {
                byte[] payload = new byte[packet.equals("PUBLISH_64") ? 64 : 1024];
                Arrays.fill(payload, (byte) 'x');
                ours = new Publish(TOPIC, payload, 1, false, false, 4711);
                theirs = new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                        new MqttPublishVariableHeader(TOPIC, 4711), Unpooled.wrappedBuffer(payload));
            }
            case "PUBACK" -> {
                ours = new PubAck(4711);
                theirs = new MqttPubAckMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                        MqttMessageIdVariableHeader.from(4711));
            }
            case "SUBSCRIBE" -> {
                ours = Subscribe.of(5, FILTER, 1);
                theirs = new MqttSubscribeMessage(new MqttFixedHeader(MqttMessageType.SUBSCRIBE, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                        MqttMessageIdVariableHeader.from(5),
                        new MqttSubscribePayload(List.of(new MqttTopicSubscription(FILTER, MqttQoS.AT_LEAST_ONCE))));
            }
            default -> throw new IllegalArgumentException(packet);
        }
        wire = new byte[MqttEncoder.encodedLength(ours)];
        encoder.encode(ours, wire, 0);
        encodeOut = ByteBuffer.allocate(wire.length);
        decodeIn = ByteBuffer.wrap(wire);

        nettyDecoder = new io.netty.handler.codec.mqtt.MqttDecoder(64 * 1024);
        channel = new EmbeddedChannel(nettyDecoder);
        ctx = channel.pipeline().context(nettyDecoder);
        nettyIn = Unpooled.wrappedBuffer(wire);

        ByteBuf nettyWire = NettyMqttAccess.encode(ctx, theirs);
        try {
            if (!Arrays.equals(wire, ByteBufUtil.getBytes(nettyWire))) {
                throw new IllegalStateException("the two encoders disagree on " + packet + ": " + ByteBufUtil.hexDump(nettyWire)
                        + " vs " + ByteBufUtil.hexDump(wire));
            }
        } finally {
            nettyWire.release();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public int mqttasEncode() {
        encodeOut.clear();
        return encoder.encode(ours, encodeOut);
    }

    @Benchmark
    public int nettyEncode() {
        ByteBuf b = NettyMqttAccess.encode(ctx, theirs);
        int n = b.readableBytes();
        b.release();
        return n;
    }

    @Benchmark
    public MqttPacket mqttasDecode() {
        decodeIn.clear();
        return decoder.decode(decodeIn);
    }

    @Benchmark
    public Object nettyDecode() throws Exception {
        nettyIn.readerIndex(0);
        nettyOut.clear();
        NettyMqttAccess.decode(nettyDecoder, ctx, nettyIn, nettyOut);
        Object m = nettyOut.get(0);
        ReferenceCountUtil.release(m);
        return m;
    }
}
