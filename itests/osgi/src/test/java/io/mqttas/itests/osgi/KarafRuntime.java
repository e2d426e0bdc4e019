/*
 * Issue 10 item 5: a real Apache Karaf (the apache-karaf-minimal tar.gz from Maven Central, unpacked per
 * test), started headless as its own process ("bin/karaf daemon": the script execs the JVM, so the process
 * we hold is Karaf's), driven through one SSH console session (KarafConsole).
 * The network is closed: pax-url-mvn is set offline and resolves mvn: URLs only from Karaf's system/ folder
 * and a Maven-layout folder the build fills (itests/osgi/pom.xml, execution karaf-repository).
 */
package io.mqttas.itests.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.mqttas.testkit.ExternalCommand;
import io.mqttas.testkit.FreePort;

/** One Karaf instance; {@link #close()} stops it (SIGTERM, then SIGKILL after 30 s). */
final class KarafRuntime implements AutoCloseable {
    private static final String USER = "it";
    private static final String PASSWORD = "it-karaf";
    /**
     * Bundles named by Karaf's own "scr" feature that this machine's Maven Central mirror does not serve
     * (org.apache.karaf.scr:scr:pom:4.4.8 is missing, so the state/management bundles cannot be fetched) or
     * that belong to the web console. Karaf fetches every bundle of a feature, conditional ones too, so
     * they are blacklisted (Karaf's features processing, etc/org.apache.karaf.features.xml); none is ours
     * and none is needed for SCR itself.
     */
    private static final List<String> BLACKLIST = List.of("mvn:org.apache.karaf.scr/*", "mvn:org.apache.felix/org.apache.felix.inventory",
            "mvn:org.apache.felix/org.apache.felix.webconsole.plugins.ds");

    private final Path home;
    private final int sshPort;
    private final Process process;
    private final Thread reaper;
    private KarafConsole console;

    private KarafRuntime(Path home, int sshPort, Process process, Thread reaper) {
        this.home = home;
        this.sshPort = sshPort;
        this.process = process;
        this.reaper = reaper;
    }

    /** Unpacks the distribution into {@code dir} (emptied first) and configures it; {@link #start} runs it. */
    static Path unpack(Path tarGz, Path dir, Path repository) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        ExternalCommand.run(List.of("tar", "xzf", tarGz.toString(), "-C", dir.toString()), null, Duration.ofSeconds(120)).requireSuccess();
        Path home;
        try (Stream<Path> s = Files.list(dir)) {
            home = s.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IllegalStateException("nothing unpacked from " + tarGz));
        }
        Path etc = home.resolve("etc");
        Files.writeString(etc.resolve("users.properties"), "\n" + USER + " = " + PASSWORD + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n", StandardOpenOption.APPEND);
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "# Written by KarafRuntime: offline, no remote repository, no ~/.m2.",
                "org.ops4j.pax.url.mvn.offline=true",
                "org.ops4j.pax.url.mvn.useFallbackRepositories=false",
                "org.ops4j.pax.url.mvn.localRepository=" + home.resolve("empty-local-repository"),
                "org.ops4j.pax.url.mvn.defaultRepositories=${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                        + repository.toUri() + "@id=mqttas-build@snapshots",
                "org.ops4j.pax.url.mvn.repositories=", ""));
        StringBuilder blacklist = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<featuresProcessing xmlns=\"http://karaf.apache.org/xmlns/features-processing/v1.0.0\">\n    <blacklistedBundles>\n");
        BLACKLIST.forEach(b -> blacklist.append("        <bundle>").append(b).append("</bundle>\n"));
        blacklist.append("    </blacklistedBundles>\n</featuresProcessing>\n");
        Files.writeString(etc.resolve("org.apache.karaf.features.xml"), blacklist);
        return home;
    }

    /** Starts Karaf from an unpacked home with its SSH console on a free loopback port, and waits for the console. */
    static KarafRuntime start(Path home, Duration max) throws Exception {
        int port = FreePort.find();
        Path shell = home.resolve("etc/org.apache.karaf.shell.cfg");
        Files.writeString(shell, Files.readString(shell).replaceAll("(?m)^sshPort *=.*$", "sshPort = " + port)
                .replaceAll("(?m)^sshHost *=.*$", "sshHost = " + FreePort.HOST)
                // an EC host key is generated in milliseconds (RSA 2048 took ~5 s here)
                + "\nalgorithm = EC\nkeySize = 256\n");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "daemon").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("karaf.out").toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        Thread reaper = new Thread(p::destroyForcibly, "mqttas-test-karaf-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        KarafRuntime karaf = new KarafRuntime(home, port, p, reaper);
        try {
            karaf.awaitConsole(max);
        } catch (Exception | AssertionError e) {
            karaf.close();
            throw e;
        }
        return karaf;
    }

    private void awaitConsole(Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError("Karaf exited with " + process.exitValue() + ": " + Files.readString(home.resolve("karaf.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(FreePort.HOST, sshPort), 500);
                break;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        long left = Math.max(1, end - System.nanoTime());
        console = KarafConsole.open(home, FreePort.HOST, sshPort, USER, PASSWORD, Duration.ofNanos(left));
    }

    /** Runs console commands one after the other and returns their output; throws naming the first that fails. */
    String run(String... commands) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        for (String c : commands) {
            out.append(console.run(c, Duration.ofSeconds(120))).append('\n');
        }
        return out.toString();
    }

    /** One row of bundle:list: id, state ("Active", "Resolved", …), version, symbolic name, whether it is a fragment. */
    record BundleRow(int id, String state, String version, String symbolicName, boolean fragment) {
        /** Active, or a fragment (fragments are never more than Resolved). */
        boolean running() {
            return state.equals("Active") || fragment && state.equals("Resolved");
        }
    }

    /** Every bundle (bundle:list -t 0, with -s for symbolic names; fragments are the rows listing their "Hosts:"). */
    List<BundleRow> bundles() throws IOException, InterruptedException {
        Set<Integer> fragments = new HashSet<>();
        for (String[] cells : rows(run("bundle:list -t 0 --no-format"))) {
            if (cells[4].contains("Hosts:")) {
                fragments.add(Integer.parseInt(cells[0]));
            }
        }
        List<BundleRow> rows = new ArrayList<>();
        for (String[] cells : rows(run("bundle:list -s -t 0 --no-format"))) {
            int id = Integer.parseInt(cells[0]);
            rows.add(new BundleRow(id, cells[1], cells[3], cells[4], fragments.contains(id)));
        }
        return rows;
    }

    private static List<String[]> rows(String table) {
        List<String[]> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            String[] cells = line.split("\t");
            if (cells.length == 5 && cells[0].trim().matches("\\d+")) {
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The last lines of Karaf's log, for assertion messages. */
    String logTail(int lines) {
        try {
            Path log = home.resolve("data/log/karaf.log");
            if (!Files.exists(log)) {
                return "(no karaf.log)";
            }
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(karaf.log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (console != null) {
            console.close();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs anyway
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
