/* `selfcheck`: encode and decode one packet of every MQTT 3.1.1 type (the product's smoke test). */
package io.mqttas.cli;

import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Connect;
import io.mqttas.codec.Disconnect;
import io.mqttas.codec.MqttCodecException;
import io.mqttas.codec.MqttDecoder;
import io.mqttas.codec.MqttEncoder;
import io.mqttas.codec.MqttPacket;
import io.mqttas.codec.PingReq;
import io.mqttas.codec.PingResp;
import io.mqttas.codec.PubAck;
import io.mqttas.codec.PubComp;
import io.mqttas.codec.PubRec;
import io.mqttas.codec.PubRel;
import io.mqttas.codec.Publish;
import io.mqttas.codec.SubAck;
import io.mqttas.codec.Subscribe;
import io.mqttas.codec.UnsubAck;
import io.mqttas.codec.Unsubscribe;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Encodes one packet of each of the 14 types, prints it as hex, decodes the bytes back (first
 * whole, then one byte at a time) and compares. Exit 0 when every packet survives, 1 otherwise.
 */
final class SelfCheck implements Command {

    /** One packet of every type, with non-ASCII text so UTF-8 lengths are exercised too. */
    static List<MqttPacket> samples() {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        return List.of(
                new Connect("mqttas-selfcheck", false, 60,
                        new Connect.Will("status/selfcheck", "gone".getBytes(StandardCharsets.UTF_8), 1, true),
                        "user", "secret".getBytes(StandardCharsets.UTF_8)),
                new ConnAck(true, ConnAck.ACCEPTED),
                new Publish("sensors/température/ü", hello, 1, false, false, 1),
                new PubAck(1),
                new PubRec(2),
                new PubRel(2),
                new PubComp(2),
                new Subscribe(3, List.of(new Subscribe.Subscription("sensors/+/ü", 1), new Subscribe.Subscription("$SYS/#", 0))),
                new SubAck(3, List.of(1, 0x80)),
                Unsubscribe.of(4, "sensors/#"),
                new UnsubAck(4),
                PingReq.INSTANCE,
                PingResp.INSTANCE,
                Disconnect.INSTANCE);
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public String summary() {
        return "encode and decode one packet of every MQTT 3.1.1 type; exit 0 if all round-trip";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("selfcheck takes no arguments");
            return USAGE;
        }
        MqttEncoder encoder = new MqttEncoder(64 * 1024);
        int failures = 0;
        List<MqttPacket> samples = samples();
        for (MqttPacket packet : samples) {
            String name = String.valueOf(packet.type());
            try {
                ByteBuffer wire = ByteBuffer.allocate(MqttEncoder.encodedLength(packet));
                encoder.encode(packet, wire);
                byte[] bytes = wire.array();
                MqttPacket whole = new MqttDecoder(64 * 1024).decode(ByteBuffer.wrap(bytes));
                MqttPacket bytewise = decodeByteByByte(bytes);
                boolean ok = packet.equals(whole) && packet.equals(bytewise);
                out.printf("%-4s %-11s %s%n", ok ? "ok" : "FAIL", name, HexFormat.ofDelimiter(" ").formatHex(bytes));
                out.printf("                 %s%n", whole);
                if (!ok) {
                    failures++;
                    err.println("selfcheck: " + name + " came back as " + whole + " (whole) / " + bytewise + " (byte by byte), expected " + packet);
                }
            } catch (MqttCodecException e) {
                failures++;
                out.printf("%-4s %-11s %s%n", "FAIL", name, e.getMessage());
            }
        }
        if (failures > 0) {
            err.println("selfcheck: " + failures + " of " + samples.size() + " packet types FAILED");
            return FAILED;
        }
        out.println("selfcheck: all " + samples.size() + " packet types encode and decode correctly");
        return OK;
    }

    private static MqttPacket decodeByteByByte(byte[] bytes) {
        MqttDecoder d = new MqttDecoder(64 * 1024);
        MqttPacket p = null;
        for (int i = 0; i < bytes.length; i++) {
            MqttPacket got = d.decode(ByteBuffer.wrap(bytes, i, 1));
            if (got != null) {
                if (p != null || i != bytes.length - 1) {
                    return null; // a packet too early or twice: a framing error
                }
                p = got;
            }
        }
        return p;
    }
}
