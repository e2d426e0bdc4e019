package io.mqttas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar runs on its own with {@code java -jar}, exactly as scripts/run.sh starts it. */
class SelfCheckJarIT {

    private static String runJar(String... args) throws IOException, InterruptedException {
        Path jar = Path.of("target", "mqttas-cli.jar");
        assertTrue(Files.isRegularFile(jar), "missing " + jar.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] cmd = new String[args.length + 3];
        cmd[0] = java;
        cmd[1] = "-jar";
        cmd[2] = jar.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar did not finish: " + output);
        }
        return p.exitValue() + "\n" + output;
    }

    @Test
    void selfcheckExitsZero() throws Exception {
        String result = runJar("selfcheck");
        assertTrue(result.startsWith("0\n"), result);
        assertTrue(result.contains("all 14 packet types"), result);
    }

    @Test
    void decodeOfBadInputExitsTwoWithTheRule() throws Exception {
        String result = runJar("decode", "36 00");
        assertTrue(result.startsWith("2\n"), result);
        assertTrue(result.contains("MQTT-3.3.1-4"), result);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        String result = runJar("help");
        assertEquals("0", result.lines().findFirst().orElse(""));
        assertTrue(result.contains("selfcheck") && result.contains("decode <hex>"), result);
    }
}
