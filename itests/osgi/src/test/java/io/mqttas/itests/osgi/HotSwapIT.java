/*
 * Issue 4 item 10 (hot swap): while a publisher in another bundle sends QoS 1 continuously, the session,
 * codec and watchdog bundles are each updated and refreshed 10 times. With `outbox` configured, a
 * subscriber on Mosquitto receives every publication (duplicates allowed, counted), and the number of
 * mqttas- threads afterwards equals the number before (no thread of an old bundle version survives).
 */
package io.mqttas.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttSubscriber;
import io.mqttas.testkit.ThreadLeakCheck;

class HotSwapIT {
    private static final int SWAPS = 10;
    private static final String PUBLISHER = "io/mqttas/itests/osgi/hotswap/HotSwapPublisher.class";

    @TempDir
    Path outbox;

    /** The publisher bundle, packed from this module's compiled test class (never loaded on the test class path). */
    static InputStream publisherBundle() throws Exception {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "hs.publisher");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", "io.mqttas.itests.osgi.hotswap.HotSwapPublisher");
        a.putValue("Import-Package", "io.mqttas.session;version=\"[1.0,2)\",org.osgi.framework,org.osgi.util.tracker");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf);
                InputStream cls = HotSwapIT.class.getClassLoader().getResourceAsStream(PUBLISHER)) {
            jar.putNextEntry(new JarEntry(PUBLISHER));
            cls.transferTo(jar);
            jar.closeEntry();
        }
        return new java.io.ByteArrayInputStream(bytes.toByteArray());
    }

    @Test
    void updatingAndRefreshingOurBundlesLosesNoPublicationAndLeaksNoThread() throws Exception {
        AtomicLong next = new AtomicLong();
        Queue<Long> retry = new ConcurrentLinkedQueue<>();
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger pending = new AtomicInteger();
        AtomicBoolean finish = new AtomicBoolean();
        Map<String, Object> state = Map.of("next", next, "retry", retry, "acked", acked, "pending", pending, "finish", finish);
        state.forEach((k, v) -> System.getProperties().put("hotswap." + k, v));

        try (MosquittoBroker broker = MosquittoBroker.start();
                MqttSubscriber sub = MqttSubscriber.start(broker, "hs/#", 1);
                OsgiRuntime rt = OsgiRuntime.start("hotswap", OsgiRuntime.GATEWAY)) {
            ConfigurationAdmin ca = rt.service(ConfigurationAdmin.class, 10_000);
            Configuration c = ca.createFactoryConfiguration(SessionComponentIT.PID, "?");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("client_id", "hs");
            p.put("server", "127.0.0.1");
            p.put("port", broker.port());
            p.put("response_time", 2.0);
            p.put("outbox", outbox.toString());
            c.update(p);
            awaitConnected(rt);
            List<String> before = threadNames();

            Bundle publisher = rt.install("hs.publisher", publisherBundle());
            publisher.start();
            awaitProgress(acked, 20);

            Map<String, Integer> swaps = new HashMap<>();
            for (String bsn : List.of("io.mqttas.session", "io.mqttas.codec", "io.mqttas.watchdog")) {
                for (int i = 0; i < SWAPS; i++) {
                    Bundle b = rt.bundle(bsn);
                    b.update();
                    rt.refresh(b);
                    awaitConnected(rt);
                    awaitProgress(acked, 5);
                    swaps.merge(bsn, 1, Integer::sum);
                }
            }
            assertEquals(Map.of("io.mqttas.session", SWAPS, "io.mqttas.codec", SWAPS, "io.mqttas.watchdog", SWAPS), swaps);

            finish.set(true);   // no new publications; failed ones are still re-issued until acknowledged
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((pending.get() > 0 || !retry.isEmpty() || acked.size() < next.get()) && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertEquals(next.get(), acked.size(), "every publication acknowledged (pending " + pending.get() + ", retry " + retry + ")");
            publisher.stop();

            long issued = next.get();
            // Collect until every sequence number was seen (duplicates count towards nothing), bounded.
            List<MqttSubscriber.Message> got = new ArrayList<>();
            Set<String> distinct = new java.util.HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (distinct.size() < issued && System.nanoTime() < deadline) {
                for (MqttSubscriber.Message m : sub.drain()) {
                    got.add(m);
                    distinct.add(m.payloadUtf8());
                }
                Thread.sleep(50);
            }
            List<Long> missing = new ArrayList<>();
            for (long s = 0; s < issued; s++) {
                if (!distinct.contains("m" + s)) {
                    missing.add(s);
                }
            }
            assertEquals(List.of(), missing, "lost publications");
            System.out.printf("hot swap: %d publications, %d deliveries (%d duplicates) across %d swaps%n", issued, got.size(),
                    got.size() - distinct.size(), 3 * SWAPS);

            // The same threads by role as before (the client's reader/writer/delivery, its component worker,
            // the watchdog, the shared timer); the completion pool (mqttas-complete-N) grows and shrinks
            // with load by design (idle ones end after 5 s), so it may only be smaller once idle.
            long settle = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((!roles(threadNames()).equals(roles(before)) || threadNames().size() > before.size())
                    && System.nanoTime() < settle) {
                Thread.sleep(100);
            }
            List<String> after = threadNames();
            assertEquals(roles(before), roles(after), "mqttas- threads before " + before + ", after " + after);
            assertTrue(after.size() <= before.size(), "more mqttas- threads after the swaps: before " + before + ", after " + after);
            c.delete();
        } finally {
            state.keySet().forEach(k -> System.getProperties().remove("hotswap." + k));
        }
    }

    private static List<String> threadNames() {
        return ThreadLeakCheck.live("mqttas-").stream().map(Thread::getName).sorted().toList();
    }

    private static List<String> roles(List<String> names) {
        return names.stream().filter(n -> !n.startsWith("mqttas-complete-")).sorted().toList();
    }

    private static void awaitConnected(OsgiRuntime rt) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            Object client = rt.service(SessionComponentIT.CLIENT, "(client_id=hs)", 1000);
            if (client != null && SessionComponentIT.connected(client)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("client hs not connected within 30 s");
    }

    private static void awaitProgress(Set<Long> acked, int more) throws InterruptedException {
        int target = acked.size() + more;
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (acked.size() < target) {
            if (System.nanoTime() > end) {
                throw new AssertionError("publisher made no progress: " + acked.size() + " acknowledged");
            }
            Thread.sleep(10);
        }
    }
}
