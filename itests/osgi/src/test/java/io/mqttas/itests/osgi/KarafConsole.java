/*
 * Issue 10 item 5: one SSH console session into Karaf ("bin/client" without a command: an interactive shell
 * that reads its standard input line by line), kept open for a whole test so each command costs only its own
 * time (a new client JVM per command took ~3 s on this machine). After each command the test sends
 * "echo <marker>"; the command's output is what the console printed before the marker line.
 */
package io.mqttas.itests.osgi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A console session; every wait has a deadline, and {@link #close()} ends the client process. */
final class KarafConsole implements AutoCloseable {
    private static final String PROMPT = "@root()>";

    private final Process client;
    private final Writer in;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private int consumed;
    private int commands;

    private KarafConsole(Process client) {
        this.client = client;
        this.in = new java.io.OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::read, "mqttas-test-karaf-console");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens a session (the client retries connecting for up to 30 s) and waits until a command answers. */
    static KarafConsole open(Path home, String host, int port, String user, String password, Duration max) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", host, "-a", Integer.toString(port), "-u", user,
                "-p", password, "-r", "30", "-d", "1").redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        KarafConsole console = new KarafConsole(pb.start());
        try {
            console.run("echo console-up", max);
        } catch (Exception | AssertionError e) {
            console.close();
            throw e;
        }
        return console;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                String clean = line.replaceAll("\u001B\\[[;?\\d]*[A-Za-z]", "").replace("\r", "");
                synchronized (lines) {
                    lines.add(clean);
                    lines.notifyAll();
                }
            }
        } catch (IOException closed) {
            // the client ended: run() reports it
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /**
     * Runs one command and returns what it printed. Throws naming the command and its output when Karaf
     * reports an error or the output does not end within {@code max}.
     */
    synchronized String run(String command, Duration max) throws IOException, InterruptedException {
        String marker = "@@done-" + ++commands + "@@";
        in.write(command + "\n" + "echo " + marker + "\n");
        in.flush();
        long end = System.nanoTime() + max.toNanos();
        List<String> output = new ArrayList<>();
        synchronized (lines) {
            while (true) {
                while (consumed < lines.size()) {
                    String line = lines.get(consumed++);
                    if (line.equals(marker)) {
                        String text = String.join("\n", output);
                        if (text.contains("Error executing command") || text.contains("Command not found")) {
                            throw new IllegalStateException("Karaf console: " + command + " →\n" + text);
                        }
                        return text;
                    }
                    if (!line.contains(PROMPT)) {
                        output.add(line);
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0 || !client.isAlive() && consumed >= lines.size()) {
                    throw new IllegalStateException("Karaf console: no end of '" + command + "' within " + max
                            + (client.isAlive() ? "" : " (client exited " + client.exitValue() + ")") + "; output so far:\n"
                            + String.join("\n", output));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            in.write("logout\n");
            in.close();
        } catch (IOException gone) {
            // the client already ended
        }
        if (!client.waitFor(10, TimeUnit.SECONDS)) {
            client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
    }
}
