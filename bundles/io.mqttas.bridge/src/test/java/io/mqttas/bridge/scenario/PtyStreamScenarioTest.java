/*
 * The scenarios over a pseudo-terminal pair made with socat: the bridge opens its end with
 * jSerialComm (as a serial device), the host uses the other end as a file. Needs socat
 * (scripts/setup-os.sh installs it); without it the test is reported as skipped, not passed.
 */
package io.mqttas.bridge.scenario;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;

import io.mqttas.bridge.internal.Link;
import io.mqttas.bridge.internal.SerialPortOpener;
import io.mqttas.bridge.internal.StreamLink;

class PtyStreamScenarioTest extends BridgeScenarios {
    private Process socat;
    private Path dir;

    private static boolean socatInstalled() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "socat"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    Link bridgeLink(String name) throws Exception {
        assumeTrue(socatInstalled(), "socat not installed: run scripts/setup-os.sh");
        dir = Files.createTempDirectory("bridge-pty");
        Path bridgeSide = dir.resolve("bridge");
        Path hostSide = dir.resolve("host");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + bridgeSide, "pty,raw,echo=0,link=" + hostSide)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(bridgeSide) && Files.exists(hostSide)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assumeTrue(Files.exists(bridgeSide), "socat made no pty pair");
        return new StreamLink(name, new SerialPortOpener(bridgeSide.toRealPath().toString(), 115200), 4096, 64, 200);
    }

    @Override
    HostEnd hostEnd() throws Exception {
        Path hostSide = dir.resolve("host").toRealPath();
        FileInputStream in = new FileInputStream(hostSide.toFile());
        FileOutputStream out = new FileOutputStream(hostSide.toFile());
        return new StreamHostEnd(in, out, () -> {
            out.close();
            in.close();
        });
    }

    @AfterEach
    void stopSocat() throws Exception {
        if (socat != null) {
            socat.destroy();
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        }
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("bridge"));
            Files.deleteIfExists(dir.resolve("host"));
            Files.deleteIfExists(dir);
        }
    }
}
