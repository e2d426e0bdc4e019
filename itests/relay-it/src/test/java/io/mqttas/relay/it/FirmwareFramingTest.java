/*
 * docs/relay-modem.md "Framing": the gateway (ModemFrame) and the firmware (modem.py, run by
 * CPython) agree byte for byte — each decodes what the other encodes, also between line noise
 * and truncated frames — so the protocol cannot drift between the two implementations.
 */
package io.mqttas.relay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqttas.relay.internal.ModemFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FirmwareFramingTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String run(String mode, byte[] input) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || onPath(), "python3 missing: run scripts/setup-os.sh");
        Path tool = Path.of(System.getProperty("relay.modem.board")).resolveSibling("framing_tool.py");
        Process p = new ProcessBuilder("python3", tool.toString(), System.getProperty("relay.modem.firmware"), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = p.getOutputStream()) {
            in.write(input);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertEquals(true, p.waitFor(30, TimeUnit.SECONDS), "framing tool finished");
        assertEquals(0, p.exitValue(), "framing tool exit code");
        return out.toString(StandardCharsets.US_ASCII).trim();
    }

    private static boolean onPath() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "python3"))) {
                return true;
            }
        }
        return false;
    }

    private static List<ModemFrame> randomFrames(Random r, int n) {
        List<ModemFrame> frames = new ArrayList<>();
        int[] types = {ModemFrame.SEND, ModemFrame.ADD_PEER, ModemFrame.INFO, ModemFrame.RESULT, ModemFrame.RECV,
            ModemFrame.HELLO, ModemFrame.LOG};
        for (int i = 0; i < n; i++) {
            byte[] payload = new byte[r.nextInt(i % 10 == 0 ? ModemFrame.MAX_PAYLOAD + 1 : 40)];
            r.nextBytes(payload);
            frames.add(new ModemFrame(types[r.nextInt(types.length)], payload));
        }
        return frames;
    }

    @Test
    void firmwareDecodesWhatTheGatewayEncodesBetweenNoiseAndTruncatedFrames() throws Exception {
        Random r = new Random(11);
        List<ModemFrame> frames = randomFrames(r, 200);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (ModemFrame f : frames) {
            if (r.nextInt(4) == 0) { // noise with stray sync bytes, or a frame cut short
                byte[] noise = new byte[r.nextInt(30)];
                r.nextBytes(noise);
                stream.write(noise);
                stream.write(0xA5);
                if (r.nextBoolean()) {
                    byte[] cut = f.encode();
                    stream.write(cut, 0, Math.max(1, cut.length - 1 - r.nextInt(Math.min(cut.length - 1, 5))));
                }
            }
            stream.write(f.encode());
            expected.add(String.format("%02x %s", f.type(), HEX.formatHex(f.payload())));
        }
        List<String> decoded = List.of(run("decode", stream.toByteArray()).split("\n"));
        assertEquals(expected, decoded.stream().filter(expected::contains).toList(),
                "every frame, in order (noise that happens to form a valid frame aside)");
    }

    @Test
    void gatewayDecodesWhatTheFirmwareEncodes() throws Exception {
        List<ModemFrame> frames = randomFrames(new Random(12), 200);
        StringBuilder lines = new StringBuilder();
        for (ModemFrame f : frames) {
            lines.append(String.format("%02x %s%n", f.type(), HEX.formatHex(f.payload())));
        }
        String[] encoded = run("encode", lines.toString().getBytes(StandardCharsets.US_ASCII)).split("\n");
        List<ModemFrame> decoded = new ArrayList<>();
        ModemFrame.Decoder d = new ModemFrame.Decoder();
        for (int i = 0; i < encoded.length; i++) {
            byte[] bytes = HEX.parseHex(encoded[i].trim());
            assertEquals(HEX.formatHex(frames.get(i).encode()), encoded[i].trim(), "identical bytes for frame " + i);
            d.feed(bytes, 0, bytes.length, decoded::add);
        }
        assertEquals(frames, decoded);
    }
}
