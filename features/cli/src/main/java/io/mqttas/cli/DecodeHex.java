/* `decode <hex>`: show the MQTT 3.1.1 packets in a hex dump, or the rule the bytes break. */
package io.mqttas.cli;

import io.mqttas.codec.MqttCodecException;
import io.mqttas.codec.MqttDecoder;
import io.mqttas.codec.MqttEncoder;
import io.mqttas.codec.MqttPacket;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

/**
 * Decodes the packets in a hex string (spaces, colons and a {@code 0x} prefix are ignored; several
 * arguments are joined). Prints one packet per line; a malformed stream ends with the named rule and
 * exit code 2, an incomplete last packet likewise.
 */
final class DecodeHex implements Command {

    @Override
    public String usage() {
        return "<hex>";
    }

    @Override
    public String summary() {
        return "print the packets in a hex string (e.g. \"30 07 00 03 61 2f 62 68 69\")";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("usage: decode " + usage());
            return USAGE;
        }
        String hex = String.join("", args).replaceAll("[\\s:]", "");
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            err.println("decode: not a hex string: " + e.getMessage());
            return BAD_INPUT;
        }
        MqttDecoder decoder = new MqttDecoder(MqttEncoder.MAX_PACKET_SIZE_LIMIT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int count = 0;
        try {
            MqttPacket p;
            while ((p = decoder.decode(in)) != null) {
                out.println(p);
                count++;
            }
        } catch (MqttCodecException e) {
            err.println("decode: malformed input (detected after byte " + in.position() + ")" + ": rule " + e.rule() + ": " + e.getMessage());
            return BAD_INPUT;
        }
        if (!decoder.isIdle()) {
            err.println("decode: incomplete packet at the end (" + count + " complete packet(s) before it)");
            return BAD_INPUT;
        }
        if (count == 0) {
            err.println("decode: no bytes given");
            return BAD_INPUT;
        }
        return OK;
    }
}
