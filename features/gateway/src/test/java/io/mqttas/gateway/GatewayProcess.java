/* Test helper: the shipped gateway jar started with `java -jar`, its console driven like a user does. */
package io.mqttas.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** One gateway process: output collected line by line, commands typed on its stdin. */
final class GatewayProcess implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("gateway.jar", "target/mqttas-gateway.jar"));

    private final Process process;
    private final Thread reader;
    private final List<String> out = new CopyOnWriteArrayList<>();

    private GatewayProcess(List<String> cmd) throws IOException {
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

    /** Starts {@code java -jar mqttas-gateway.jar --conf DIR/conf --data DIR/data extra…}. */
    static GatewayProcess start(Path dir, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--conf", dir.resolve("conf").toString(), "--data", dir.resolve("data").toString()));
        cmd.addAll(List.of(extra));
        return new GatewayProcess(cmd);
    }

    Process process() {
        return process;
    }

    List<String> lines() {
        return out;
    }

    /** Lines printed so far (an index to pass to {@link #awaitLineAfter}). */
    int mark() {
        return out.size();
    }

    String output() {
        return String.join("\n", out);
    }

    /** Waits for an output line containing {@code text}; fails with the whole output. */
    String awaitLine(String text, Duration max) throws InterruptedException {
        return awaitLineAfter(0, text, l -> l.contains(text), max);
    }

    String awaitLine(String what, Predicate<String> test, Duration max) throws InterruptedException {
        return awaitLineAfter(0, what, test, max);
    }

    /** As {@link #awaitLine(String, Predicate, Duration)}, looking only at lines from index {@code from} on. */
    String awaitLineAfter(int from, String what, Predicate<String> test, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            for (int i = from; i < out.size(); i++) {
                if (test.test(out.get(i))) {
                    return out.get(i);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line with " + what + " within " + max + "; output:\n" + output());
    }

    /** Lines from index {@code from} on. */
    List<String> linesAfter(int from) {
        return List.copyOf(out.subList(Math.min(from, out.size()), out.size()));
    }

    void type(String command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the process to end and its output to be read completely. */
    void awaitExit(Duration max) throws InterruptedException {
        assertTrue(process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS), "gateway still running:\n" + output());
        reader.join(max.toMillis());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
