package io.netty.handler.codec.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;

/**
 * Benchmark access to Netty's MQTT codec entry points that are package-private or protected
 * ({@code MqttEncoder.doEncode}, {@code MqttDecoder.decode}), so that the per-packet work can be
 * measured without the channel pipeline around it, like our codec's {@code encode}/{@code decode}.
 * Lives in Netty's package only for that access; it changes nothing in Netty.
 */
public final class NettyMqttAccess {
    private NettyMqttAccess() {
    }

    /** Netty's whole encoding of one message: allocates a buffer from {@code ctx.alloc()} and writes the packet. */
    public static ByteBuf encode(ChannelHandlerContext ctx, MqttMessage message) {
        return MqttEncoder.doEncode(ctx, message);
    }

    /** One call of Netty's decoder state machine over a buffer holding a complete packet. */
    public static void decode(MqttDecoder decoder, ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decoder.decode(ctx, in, out);
    }
}
