/*
 * Test part: one host board, played by a CPython process running the model of the original host
 * driver (src/test/python/host/pbmqtt.py) over either the model of the original five-wire SynCom
 * (src/test/python/original) or the product's UART module (features/bridge-host). Commands go to
 * its stdin, events come from its stdout (host_main.py); killing the process is the board dying,
 * restarting it is a reset.
 */
package io.mqttas.bridge.original;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

final class PythonHost implements AutoCloseable {
    /** An event from the host: kind and fields, with the time it was seen. */
    record Event(String kind, List<String> fields, long nanos) {
        String field(int i) {
            return fields.get(i);
        }
    }

    private static final Path MODULE = moduleDir();
    static final Path PYTHON = MODULE.resolve("src/test/python");
    static final Path HOST_MODULE = MODULE.resolve("../../features/bridge-host").normalize();

    private final List<String> command;
    private final Map<String, String> env;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> log = new ArrayDeque<>();
    private final List<Event> seen = new ArrayList<>();
    private Process process;
    private OutputStream stdin;

    private static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("src/test/python"))) {
            return here;
        }
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    }

    static boolean pythonInstalled() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "python3"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param transport {@code syncom} (the original's five wires, {@code env} has MQTTAS_PINS) or
     *                  {@code uart} (the product module, {@code env} has MQTTAS_UART)
     * @param configJson the MQTTlink keyword arguments as a JSON object
     * @param willJson   {@code [topic, msg, retain, qos]} or {@code null}
     */
    PythonHost(String transport, Map<String, String> env, String configJson, String willJson) {
        String syncom = transport.equals("uart") ? HOST_MODULE.toString() : PYTHON.resolve("original").toString();
        this.env = new java.util.HashMap<>(env);
        this.env.put("PYTHONPATH", String.join(":", PYTHON.resolve("host").toString(), syncom,
                PYTHON.resolve("mpstubs").toString()));
        this.env.put("PYTHONDONTWRITEBYTECODE", "1");
        String spec = "{\"transport\": \"" + transport + "\", \"config\": " + configJson + ", \"will\": " + willJson
                + "}";
        this.command = List.of("python3", "-u", PYTHON.resolve("host/host_main.py").toString(), spec);
    }

    /** Starts (or, after a kill, restarts: a reset of the board) the host process. */
    synchronized PythonHost start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        process = pb.start();
        stdin = process.getOutputStream();
        Process p = process;
        reader(p.getInputStream(), true, p);
        reader(p.getErrorStream(), false, p);
        return this;
    }

    private void reader(InputStream in, boolean stdout, Process p) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    remember((stdout ? "out " : "err ") + p.pid() + ": " + line);
                    int at = line.indexOf("EV\t"); // after a half-printed line of the host's (its clock prints end='')
                    if (stdout && at >= 0) {
                        String[] f = line.substring(at).split("\t", -1);
                        events.add(new Event(f[1], List.of(f).subList(2, f.length), System.nanoTime()));
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "test-python-host-" + (stdout ? "out" : "err"));
        t.setDaemon(true);
        t.start();
    }

    private synchronized void remember(String line) {
        log.addLast(line);
        while (log.size() > 300) {
            log.removeFirst();
        }
    }

    /** The host's recent output, for assertion messages. */
    synchronized String log() {
        return String.join("\n", log);
    }

    /** Sends one command line (fields joined by TAB). */
    synchronized void send(String... fields) throws IOException {
        stdin.write((String.join("\t", fields) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The next event of {@code kind} (others are kept in {@link #seen()}), or an AssertionError with the log. */
    Event await(String kind, Duration timeout) throws InterruptedException {
        Event e = poll(kind, timeout);
        if (e == null) {
            throw new AssertionError("host: no '" + kind + "' event within " + timeout + "; events " + kinds()
                    + "\nhost log:\n" + log());
        }
        return e;
    }

    /** The next event of {@code kind}, or null after {@code timeout}. */
    Event poll(String kind, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left <= 0 ? events.poll() : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                return null;
            }
            synchronized (this) {
                seen.add(e);
            }
            if (e.kind().equals(kind)) {
                return e;
            }
        }
    }

    /** A status event with {@code value}. */
    Event awaitStatus(int value, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event e = await("status", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e.field(0).equals(Integer.toString(value))) {
                return e;
            }
        }
    }

    /** Every event taken so far. */
    synchronized List<Event> seen() {
        return new ArrayList<>(seen);
    }

    synchronized String kinds() {
        StringBuilder b = new StringBuilder();
        for (Event e : seen) {
            b.append(e.kind()).append(e.fields()).append(' ');
        }
        return b.toString();
    }

    /** Drops the events not yet taken. */
    void clearEvents() {
        Event e;
        while ((e = events.poll()) != null) {
            synchronized (this) {
                seen.add(e);
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** The board loses power: the process is killed at once. */
    synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The board hangs: the process is stopped (SIGSTOP), its file descriptors stay open. */
    void freeze() throws Exception {
        new ProcessBuilder("kill", "-STOP", Long.toString(pid())).start().waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            new ProcessBuilder("kill", "-CONT", Long.toString(pid())).start().waitFor(5, TimeUnit.SECONDS);
            try {
                send("quit");
            } catch (IOException e) {
                // gone
            }
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
