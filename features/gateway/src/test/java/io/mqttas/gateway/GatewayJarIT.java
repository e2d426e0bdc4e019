/*
 * Issue 4 item 11: the runnable gateway jar, started with `java -jar` as a user (and scripts/run.sh) does:
 * it reaches "connected", answers lb and mqtt:status in the Gogo shell, its embedded broker serves
 * outside clients, a conf/ file with a server makes it use that broker instead, and "stop 0" ends it.
 */
package io.mqttas.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MosquittoClientOptions;
import io.mqttas.testkit.MqttSubscriber;

class GatewayJarIT {
    private static final Path JAR = Path.of(System.getProperty("gateway.jar", "target/mqttas-gateway.jar"));

    @TempDir
    Path dir;

    private Process process;
    private Thread reader;
    private final List<String> out = new CopyOnWriteArrayList<>();

    private void start(String... extra) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--conf", dir.resolve("conf").toString(), "--data", dir.resolve("data").toString()));
        cmd.addAll(List.of(extra));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        }, "gateway-it-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for an output line containing {@code text}; fails with the whole output. */
    private String awaitLine(String text, Duration max) throws InterruptedException {
        return awaitLine(text, l -> l.contains(text), max);
    }

    private String awaitLine(String what, java.util.function.Predicate<String> test, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            for (String l : out) {
                if (test.test(l)) {
                    return l;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line with " + what + " within " + max + "; output:\n" + String.join("\n", out));
    }

    /** Waits for the process to end and its output to be read completely. */
    private void awaitExit(Duration max) throws InterruptedException {
        assertTrue(process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS), "gateway still running:\n" + String.join("\n", out));
        reader.join(max.toMillis());
    }

    private void type(String command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @AfterEach
    void kill() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void withoutAConfiguredServerItRunsItsOwnBrokerAndAnswersTheShell() throws Exception {
        start("--broker-port", "0");
        String brokerLine = awaitLine("broker: embedded Moquette on 127.0.0.1:", Duration.ofSeconds(30));
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(brokerLine);
        assertTrue(m.find(), brokerLine);
        int port = Integer.parseInt(m.group(1));
        awaitLine("org.apache.felix.scr", Duration.ofSeconds(30));            // the bundle list is printed
        awaitLine("shell: Gogo on this console", Duration.ofSeconds(30));     // and how to reach the shell
        List<String> bundleLines = out.stream().filter(l -> l.matches("\\s+\\d+ [A-Z]+\\s+\\S+ .*")).toList();
        assertTrue(bundleLines.size() >= 20, "bundle list: " + bundleLines);
        assertTrue(bundleLines.stream().allMatch(l -> l.contains(" ACTIVE ")), "every bundle ACTIVE: " + bundleLines);
        for (String bsn : List.of("io.mqttas.codec", "io.mqttas.session", "io.mqttas.watchdog", "io.mqttas.bridge", "io.mqttas.relay")) {
            assertTrue(bundleLines.stream().anyMatch(l -> l.contains(" " + bsn + " ")), bsn + " in the gateway");
        }
        awaitLine("mqttas: client mqttas-gateway connected to 127.0.0.1", Duration.ofSeconds(60));

        type("lb");
        awaitLine("Apache Felix Declarative Services", Duration.ofSeconds(20));
        type("mqtt:status");
        String status = awaitLine("the status row of mqttas-gateway",
                l -> l.replace("g! ", "").trim().startsWith("mqttas-gateway "), Duration.ofSeconds(20));
        assertTrue(status.contains("CONNECTED") && status.contains("127.0.0.1:" + port), status);

        try (MqttSubscriber sub = MqttSubscriber.start(MosquittoClientOptions.port(port).clientId("gateway-it-sub"), "gateway/it", 1)) {
            type("mqtt:pub gateway/it hello-from-gogo");
            assertEquals("hello-from-gogo", sub.awaitMessage(Duration.ofSeconds(20)).payloadUtf8());
        }

        type("stop 0");
        awaitExit(Duration.ofSeconds(30));
        assertEquals(0, process.exitValue());
        assertTrue(out.stream().anyMatch(l -> l.contains("MQTT client mqttas-gateway stopped")), "client stopped cleanly");
    }

    @Test
    void aServerInTheConfFolderIsUsedInsteadOfTheEmbeddedBroker() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            Files.createDirectories(dir.resolve("conf"));
            Files.writeString(dir.resolve("conf/io.mqttas.session-main.cfg"),
                    "client_id=conf-client\nserver=127.0.0.1\nport=" + broker.port() + "\nkeepalive=30\n");
            start("--no-shell");
            String brokerLine = awaitLine("the broker line", l -> l.trim().startsWith("broker: "), Duration.ofSeconds(30));
            assertTrue(brokerLine.contains("127.0.0.1:" + broker.port()) && brokerLine.contains("io.mqttas.session-main.cfg"), brokerLine);
            assertFalse(out.stream().anyMatch(l -> l.contains("embedded Moquette")), "no embedded broker when one is configured");
            awaitLine("mqttas: client conf-client connected to 127.0.0.1", Duration.ofSeconds(60));
            process.toHandle().destroy();   // SIGTERM (Process.destroy() would also close our end of its output)
            awaitExit(Duration.ofSeconds(30));
            assertTrue(out.stream().anyMatch(l -> l.contains("MQTT client conf-client stopped")), String.join("\n", out));
        }
    }
}
