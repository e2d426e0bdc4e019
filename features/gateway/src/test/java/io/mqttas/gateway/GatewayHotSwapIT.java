/*
 * Issue 14 item 3: hot swap from the gateway's own shell, as a user does it. The shipped jar runs with
 * `java -jar` against a real Mosquitto; simulated UDP nodes publish QoS 1 through the relay while the
 * console types `update <id>` for codec, session, watchdog and relay, each followed by `refresh`. Every
 * publication the relay acknowledged (ACK/NAK: accepted) reaches the broker; every bundle ends ACTIVE and
 * the client CONNECTED. A refused update (a broken file) leaves the running client untouched.
 */
package io.mqttas.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttSubscriber;

class GatewayHotSwapIT {
    private static final int NODES = 10;
    private static final List<String> SWAPPED = List.of("io.mqttas.codec", "io.mqttas.session", "io.mqttas.watchdog", "io.mqttas.relay");
    private static final Pattern LB_LINE = Pattern.compile("^\\s*(\\d+)\\|(\\w+)\\s*\\|\\s*\\d+\\|(.*)$");

    @TempDir
    Path dir;

    private GatewayProcess gw;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> nodes = new ArrayList<>();

    @AfterEach
    void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
        running.set(false);
        for (Thread t : nodes) {
            t.join(5000);
        }
        if (gw != null) {
            gw.close();
            // The gateway's whole console, for the failure report (target/gateway-it/<test>.log).
            Path log = Path.of("target", "gateway-it", test.getTestMethod().orElseThrow().getName() + ".log");
            Files.createDirectories(log.getParent());
            Files.writeString(log, gw.output());
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void configure(MosquittoBroker broker, int udpPort) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("io.mqttas.session-main.cfg"), String.join("\n",
                "client_id=hotswap", "server=127.0.0.1", "port=" + broker.port(), "keepalive=30",
                "outbox=" + dir.resolve("outbox"), ""));
        Files.writeString(conf.resolve("io.mqttas.relay.cfg"), String.join("\n",
                "transport=udp", "udp_host=127.0.0.1", "udp_port=" + udpPort, "client.target=(client_id=hotswap)",
                "persist_dir=" + dir.resolve("relay-state"), "pubq_len=200", "pubq_nak=150", "qlen=4", ""));
    }

    /** Bundle ids by symbolic name, and their states, from the shell's {@code lb -s}. */
    private Map<String, String[]> lb() throws Exception {
        int mark = gw.mark();
        gw.type("lb -s");
        gw.awaitLineAfter(mark, "the end of lb", l -> l.contains("|slf4j.simple"), Duration.ofSeconds(20));
        Map<String, String[]> bundles = new LinkedHashMap<>();
        for (String l : gw.linesAfter(mark)) {
            Matcher m = LB_LINE.matcher(l.replace("g! ", ""));
            if (m.matches()) {
                String bsn = m.group(3).replaceAll("\\s*\\(.*$", "").trim();
                bundles.put(bsn, new String[] {m.group(1), m.group(2)});
            }
        }
        return bundles;
    }

    private String command(String command, String expect, Duration max) throws Exception {
        int mark = gw.mark();
        gw.type(command);
        return gw.awaitLineAfter(mark, expect + " after '" + command + "'", l -> l.contains(expect), max);
    }

    /**
     * A sleepy node: publishes "node-seq" on hotswap/node every ~60 ms (under the relay's default
     * node_rate of 20/s); records what the relay accepted. The reply carries no sequence number, so
     * after a timeout the node moves to a fresh socket: a late reply to the timed-out frame (the
     * relay was busy for more than 2 s, e.g. a loaded machine or a swap) then goes to the old socket
     * and is never taken for the reply to the next frame. Without that, one stall left every node
     * that timed out one reply behind, and the next swap turned that into a "lost" publication per
     * node: a frame the closing relay never read, counted as accepted on its predecessor's reply.
     */
    private Thread node(int n, int udpPort, Set<String> accepted, AtomicInteger bad) {
        Thread t = new Thread(() -> {
            byte[] mac = {2, 0, 0, 0, 0, (byte) n};
            DatagramSocket s = null;
            try {
                byte[] buf = new byte[512];
                for (int seq = 0; running.get(); seq++) {
                    if (s == null) {
                        s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                        s.setSoTimeout(2000);
                    }
                    String payload = "n" + n + "-" + seq;
                    byte[] frame = ("[\"hotswap/n" + n + "\",\"" + payload + "\",false,1]").getBytes(StandardCharsets.UTF_8);
                    byte[] d = new byte[6 + frame.length];
                    System.arraycopy(mac, 0, d, 0, 6);
                    System.arraycopy(frame, 0, d, 6, frame.length);
                    s.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), udpPort));
                    try {
                        DatagramPacket reply = new DatagramPacket(buf, buf.length);
                        s.receive(reply);
                        String r = new String(buf, 6, Math.max(0, reply.getLength() - 6), StandardCharsets.UTF_8);
                        if (r.equals("ACK") || r.equals("NAK")) {
                            accepted.add(payload);
                        } else {
                            bad.incrementAndGet();
                        }
                    } catch (SocketTimeoutException e) {
                        bad.incrementAndGet();   // no answer (e.g. the relay restarting): not accepted
                        s.close();               // and its late answer, if any, must not count for the next frame
                        s = null;
                    }
                    Thread.sleep(60);
                }
            } catch (Exception e) {
                if (running.get()) {
                    throw new IllegalStateException(e);
                }
            } finally {
                if (s != null) {
                    s.close();
                }
            }
        }, "gateway-it-node-" + n);
        t.setDaemon(true);
        return t;
    }

    @Test
    void updateAndRefreshFromTheShellUnderRelayLoadLoseNothing() throws Exception {
        int udpPort = freeUdpPort();
        try (MosquittoBroker broker = MosquittoBroker.start();
                MqttSubscriber sub = MqttSubscriber.start(broker, "hotswap/#", 1)) {
            configure(broker, udpPort);
            gw = GatewayProcess.start(dir);
            gw.awaitLine("mqttas: client hotswap connected to 127.0.0.1", Duration.ofSeconds(60));
            gw.awaitLine("shell: Gogo on this console", Duration.ofSeconds(30));
            Map<String, String[]> before = lb();
            for (String bsn : SWAPPED) {
                assertTrue(before.containsKey(bsn), bsn + " installed: " + before.keySet());
            }
            assertTrue(before.values().stream().allMatch(v -> v[1].equals("Active")), "all Active before: " + gw.output());

            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger bad = new AtomicInteger();
            for (int n = 1; n <= NODES; n++) {
                nodes.add(node(n, udpPort, accepted, bad));
            }
            nodes.forEach(Thread::start);
            Thread.sleep(2000);
            assertFalse(accepted.isEmpty(), "the relay accepts node publications before the swaps");

            for (String bsn : SWAPPED) {
                String id = before.get(bsn)[0];
                command("update " + id, "Bundle " + id + " " + bsn + " updated", Duration.ofSeconds(60));
                // The relay has no dependants: then there is nothing to refresh, which the shell says.
                String r = command("refresh", "efresh", Duration.ofSeconds(120));
                assertTrue(r.contains("Refreshed") || r.contains("Nothing to refresh"), r);
                Thread.sleep(1500);   // load runs on the new revision for a while
            }
            running.set(false);
            for (Thread t : nodes) {
                t.join(10_000);
            }

            Set<String> received = new HashSet<>();
            int deliveries = 0;
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < end) {
                for (MqttSubscriber.Message m : sub.drain()) {
                    received.add(m.payloadUtf8());
                    deliveries++;
                }
                if (received.containsAll(accepted)) {
                    break;
                }
                Thread.sleep(200);
            }
            Set<String> lost = new HashSet<>(accepted);
            lost.removeAll(received);
            assertTrue(accepted.size() > 300, "load: only " + accepted.size() + " accepted publications");
            assertEquals(Set.of(), lost, lost.size() + " of " + accepted.size() + " accepted publications never reached the broker ("
                    + bad.get() + " not accepted)");

            Map<String, String[]> after = lb();
            assertTrue(after.values().stream().allMatch(v -> v[1].equals("Active")), "every bundle Active at the end: " + gw.output());
            String status = command("mqtt:status", "hotswap ", Duration.ofSeconds(20));
            assertTrue(status.contains("CONNECTED"), status);
            System.out.printf("hot swap under load: %d accepted, %d received (%d duplicates), %d not accepted%n",
                    accepted.size(), received.size(), deliveries - received.size(), bad.get());
        }
    }

    @Test
    void aRefusedUpdateLeavesTheClientAloneAndRefreshWithoutArgumentsWorks() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            configure(broker, freeUdpPort());
            gw = GatewayProcess.start(dir);
            gw.awaitLine("mqttas: client hotswap connected to 127.0.0.1", Duration.ofSeconds(60));
            gw.awaitLine("shell: Gogo on this console", Duration.ofSeconds(30));
            String session = lb().get("io.mqttas.session")[0];
            String codec = lb().get("io.mqttas.codec")[0];

            assertTrue(command("refresh", "Nothing to refresh", Duration.ofSeconds(20)).contains("no bundle uses an old revision"));

            Path good = dir.resolve("data/bundles").resolve(Files.list(dir.resolve("data/bundles"))
                    .map(p -> p.getFileName().toString()).filter(n -> n.startsWith("io.mqttas.session-")).findFirst().orElseThrow());
            byte[] jar = Files.readAllBytes(good);
            Path truncated = dir.resolve("truncated.jar");
            Files.write(truncated, java.util.Arrays.copyOf(jar, jar.length / 2));
            Path foreign = dir.resolve("data/bundles").resolve(Files.list(dir.resolve("data/bundles"))
                    .map(p -> p.getFileName().toString()).filter(n -> n.startsWith("io.mqttas.codec-")).findFirst().orElseThrow());

            int mark = gw.mark();
            assertTrue(command("update " + session + " " + truncated.toUri(), "refused, nothing changed", Duration.ofSeconds(20))
                    .contains("not a readable jar"));
            assertTrue(command("update " + session + " " + foreign.toUri(), "refused, nothing changed", Duration.ofSeconds(20))
                    .contains("is bundle io.mqttas.codec, not io.mqttas.session"));
            assertTrue(command("update " + session + " file:" + dir.resolve("missing.jar"), "refused, nothing changed",
                    Duration.ofSeconds(20)).contains("no such file"));
            Thread.sleep(1500);
            List<String> since = gw.linesAfter(mark);
            assertTrue(since.stream().noneMatch(l -> l.contains("stopped") || l.contains("disconnected from")),
                    "a refused update must not touch the client:\n" + String.join("\n", since));
            assertEquals(jar.length, Files.size(good), "the bundle file is unchanged");

            // The Felix way: (replace the file,) update, refresh.
            command("update " + codec, "Bundle " + codec + " io.mqttas.codec updated", Duration.ofSeconds(60));
            command("refresh", "Refreshed", Duration.ofSeconds(120));
            gw.awaitLineAfter(mark, "reconnected", l -> l.contains("mqttas: client hotswap connected"), Duration.ofSeconds(60));
            assertTrue(lb().values().stream().allMatch(v -> v[1].equals("Active")), gw.output());
            gw.type("stop 0");
            gw.awaitExit(Duration.ofSeconds(30));
        }
    }
}
