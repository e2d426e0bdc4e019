package io.mqttas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void selfcheckPassesForAllFourteenTypes() {
        assertEquals(0, run("selfcheck"), err());
        assertEquals(14, out().lines().filter(l -> l.startsWith("ok ")).count(), out());
        assertTrue(out().contains("ok   PUBLISH     32 "), out());
        assertTrue(out().contains("all 14 packet types"), out());
        assertEquals(14, SelfCheck.samples().stream().map(p -> p.type()).distinct().count());
    }

    @Test
    void decodePrintsEveryPacket() {
        assertEquals(0, run("decode", "30 07 00 03 61 2f 62 68 69", "c0:00"), err());
        assertEquals(List.of("Publish[topic=a/b, 2 bytes, qos=0, retain=false, dup=false, packetId=0]", "PingReq[]"), out().lines().toList());
    }

    @Test
    void decodeNamesTheBrokenRule() {
        assertEquals(2, run("decode", "0x20020200"));
        assertTrue(err().contains("rule MQTT-3.2.2.1"), err());
    }

    @Test
    void decodeReportsIncompleteAndNonHexInput() {
        assertEquals(2, run("decode", "30 07 00 03"));
        assertTrue(err().contains("incomplete packet"), err());
        assertEquals(2, run("decode", "zz"));
        assertTrue(err().contains("not a hex string"), err());
    }

    @Test
    void unknownCommandAndNoCommandPrintUsage() {
        assertEquals(1, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'") && err().contains("selfcheck"), err());
        assertEquals(1, run());
        assertEquals(0, run("help"));
        assertTrue(out().contains("decode <hex>"), out());
    }
}
