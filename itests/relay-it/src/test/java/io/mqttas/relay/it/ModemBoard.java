/*
 * Issue 11 item 2: the modem firmware (features/relay-modem) on a simulated ESP32, as the
 * gateway meets a real one over USB: socat makes a pseudo-terminal pair; the gateway opens one
 * end (by a stable link name, like /dev/serial/by-id/…) with jSerialComm; the firmware runs
 * unchanged under CPython (src/test/python/sim_board.py with its espnow/network/machine stand-ins)
 * on the other end, its radio on a UDP "air" that AirNodes share. unplug() kills both processes
 * (the port vanishes, the board loses power), plug() brings up a fresh board on the same name.
 * Needs python3 and socat (scripts/setup-os.sh installs them); without them the test is skipped.
 */
package io.mqttas.relay.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

final class ModemBoard implements AutoCloseable {
    static final String STA_MAC = "246f28000001";
    static final String AP_MAC = "246f28000002";

    private final Path dir;
    private final List<String> boardArgs;
    private final int airPort;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Process socat;
    private Process board;

    /** {@code extra}: sim_board.py options, e.g. "--baud", "921600", "--set", "WDT_MS=1500". */
    ModemBoard(String... extra) throws IOException {
        assumeTrue(onPath("python3") && onPath("socat"), "python3 or socat missing: run scripts/setup-os.sh");
        dir = Files.createTempDirectory("relay-modem");
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            airPort = s.getLocalPort();
        }
        // The shipped safe-boot window (1 s) shortened: boots are simulated by --boot-ms.
        boardArgs = new ArrayList<>(List.of("--sta-mac", STA_MAC, "--ap-mac", AP_MAC, "--boot-ms", "300", "--set",
                "SAFE_WINDOW_MS=50"));
        boardArgs.addAll(List.of(extra));
        plug();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    /** The gateway's end of the serial line (a symbolic link that socat makes). */
    String port() {
        return dir.resolve("gw").toString();
    }

    int airPort() {
        return airPort;
    }

    /** A powered board on a fresh port under the same name. */
    void plug() throws IOException {
        Path gw = dir.resolve("gw");
        Path modem = dir.resolve("modem");
        socat = Processes.start(List.of("socat", "pty,raw,echo=0,link=" + gw, "pty,raw,echo=0,link=" + modem), null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(gw) && Files.exists(modem)) && System.nanoTime() < deadline) {
            sleep(10);
        }
        if (!Files.exists(modem)) {
            throw new IOException("socat made no pty pair in " + dir);
        }
        List<String> cmd = new ArrayList<>(List.of("python3", "-u", System.getProperty("relay.modem.board"),
                "--firmware", System.getProperty("relay.modem.firmware"), "--tty", modem.toString(), "--air-port",
                Integer.toString(airPort)));
        cmd.addAll(boardArgs);
        board = Processes.start(cmd, this::stderrLine);
    }

    private void stderrLine(String line) {
        log.add(line);
        if (line.contains("crashed") || line.contains("Traceback") || line.contains("Error")) {
            System.err.println("[modem board] " + line);
        }
    }

    /** Pulled out of the USB socket: the board loses power and the port vanishes. */
    void unplug() {
        Processes.stop(board);
        Processes.stop(socat);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Files.exists(dir.resolve("gw")) && System.nanoTime() < deadline) {
            sleep(10);
        }
    }

    /** The board's stderr: "boot N (cause C)", "reset: why", crashes. */
    List<String> log() {
        return List.copyOf(log);
    }

    long boots() {
        return log.stream().filter(l -> l.startsWith("sim-board: boot ")).count();
    }

    boolean alive() {
        return board != null && board.isAlive();
    }

    /** A command on the air's control channel ("reset", "ap_channel 11", "stall_uart 4000", "status"). */
    String control(String command) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(2_000);
            byte[] c = command.getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[c.length + 1];
            out[0] = 0x10;
            System.arraycopy(c, 0, out, 1, c.length);
            s.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), airPort));
            byte[] buf = new byte[512];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                throw new IOException("modem board did not answer '" + command + "'; its log: " + log);
            }
            return new String(buf, 1, p.getLength() - 1, StandardCharsets.US_ASCII);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        unplug();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Child processes of the test, read line by line and never outliving the JVM. */
    static final class Processes {
        private static final List<Process> LIVE = new CopyOnWriteArrayList<>();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                    "relay-it-process-reaper"));
        }

        private Processes() {
        }

        static Process start(List<String> command, java.util.function.Consumer<String> stderr) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            if (stderr == null) {
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process p = pb.start();
            LIVE.add(p);
            p.onExit().thenRun(() -> LIVE.remove(p));
            if (stderr != null) {
                Thread t = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                            StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            stderr.accept(line);
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                }, "relay-it-stderr");
                t.setDaemon(true);
                t.start();
            }
            return p;
        }

        static void stop(Process p) {
            if (p == null || !p.isAlive()) {
                return;
            }
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
