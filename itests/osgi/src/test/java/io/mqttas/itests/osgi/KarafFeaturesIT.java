/*
 * Issue 10 item 5: the Karaf features the build generates (features/mqttas-client|bridge|relay|all) install
 * into a real Apache Karaf 4.4 (KarafRuntime), each one alone: every bundle is Active, the bundles the
 * feature XML names are there, the session component is ACTIVE with the configuration from a .cfg file in
 * etc/ (Karaf's FileInstall), its client connects to a real Mosquitto and publishes from Karaf's console
 * (mqtt:pub), and uninstalling the feature removes our bundles again.
 */
package io.mqttas.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttSubscriber;

class KarafFeaturesIT {
    private static final Path KARAF = OsgiRuntime.BUNDLES.resolve("karaf");
    private static final Pattern FEATURE = Pattern.compile("<feature name=\"([^\"]+)\"");
    private static final Pattern BUNDLE = Pattern.compile("<bundle[^>]*>mvn:([^/<]+)/([^/<]+)/([^/<]+)</bundle>");

    /** The generated features XML files, by feature name. */
    private static Map<String, Path> featureFiles() throws Exception {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(KARAF.resolve("features"))) {
            for (Path xml : s.filter(p -> p.toString().endsWith(".xml")).toList()) {
                Matcher m = FEATURE.matcher(Files.readString(xml));
                assertTrue(m.find(), "no <feature name=…> in " + xml);
                files.put(m.group(1), xml);
            }
        }
        assertEquals(Set.of("mqttas-client", "mqttas-bridge", "mqttas-relay", "mqttas-all"), files.keySet());
        return files;
    }

    /** Symbolic names of the bundles a features XML names, read from the jars in the build's repository folder. */
    private static Set<String> bundlesOf(Path xml) throws Exception {
        Set<String> bsns = new TreeSet<>();
        Matcher m = BUNDLE.matcher(Files.readString(xml));
        while (m.find()) {
            Path jar = KARAF.resolve("repository").resolve(m.group(1).replace('.', '/')).resolve(m.group(2)).resolve(m.group(3))
                    .resolve(m.group(2) + "-" + m.group(3) + ".jar");
            assertTrue(Files.exists(jar), "the features name " + m.group() + " but the test repository has no " + jar);
            bsns.add(OldPackages.bsn(jar));
        }
        assertFalse(bsns.isEmpty(), "no bundle in " + xml);
        return bsns;
    }

    @Test
    void everyFeatureInstallsAloneWithItsBundlesActiveAndAWorkingClient() throws Exception {
        Map<String, Path> features = featureFiles();
        Path tarGz;
        try (Stream<Path> s = Files.list(KARAF)) {
            tarGz = s.filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        }
        Path home = KarafRuntime.unpack(tarGz, OsgiRuntime.WORK.resolve("karaf"), KARAF.resolve("repository").toAbsolutePath());
        try (MosquittoBroker broker = MosquittoBroker.start();
                MqttSubscriber sub = MqttSubscriber.start(broker, "karaf/#", 1)) {
            // A factory configuration as a Karaf user writes it: etc/<factoryPid>-<name>.cfg.
            Files.writeString(home.resolve("etc/io.mqttas.session-karaf.cfg"),
                    "client_id=karaf-it\nserver=127.0.0.1\nport=" + broker.port() + "\nresponse_time=2\n");
            try (KarafRuntime karaf = KarafRuntime.start(home, Duration.ofSeconds(120))) {
                for (Map.Entry<String, Path> f : features.entrySet()) {
                    try {
                        checkFeature(karaf, f.getKey(), f.getValue(), sub);
                    } catch (AssertionError | RuntimeException e) {
                        throw new AssertionError("feature " + f.getKey() + ": " + e.getMessage() + "\n--- karaf.log ---\n" + karaf.logTail(60), e);
                    }
                }
            }
        }
    }

    private static void checkFeature(KarafRuntime karaf, String feature, Path xml, MqttSubscriber sub) throws Exception {
        Set<String> want = bundlesOf(xml);
        long t0 = System.nanoTime();
        karaf.run("feature:repo-add " + xml.toAbsolutePath().toUri(), "feature:install " + feature);

        List<String> notActive = new ArrayList<>();
        Set<String> present = new TreeSet<>();
        for (KarafRuntime.BundleRow row : karaf.bundles()) {
            present.add(row.symbolicName());
            if (!row.running()) {
                notActive.add(row.symbolicName() + " " + row.version() + " " + row.state());
            }
        }
        assertEquals(List.of(), notActive, "bundles not Active after feature:install " + feature);
        Set<String> missing = new TreeSet<>(want);
        missing.removeAll(present);
        assertEquals(Set.of(), missing, "bundles of " + feature + " not installed");

        String scr = karaf.run("scr:list | grep -A 1 \"io.mqttas.session in\"");
        assertTrue(scr.contains("State:ACTIVE") && scr.contains("io.mqttas.session~karaf"),
                "the session component is active with etc/io.mqttas.session-karaf.cfg:\n" + scr);
        String status = "";
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!status.matches("(?s).*karaf-it\\s+CONNECTED.*") && System.nanoTime() < end) {
            status = karaf.run("echo (mqtt:status)");
        }
        assertTrue(status.matches("(?s).*karaf-it\\s+CONNECTED.*"), "mqtt:status:\n" + status);
        String topic = "karaf/" + feature;
        String pub = karaf.run("echo (mqtt:pub " + topic + " hello-from-" + feature + " 1)");
        MqttSubscriber.Message m = sub.awaitMessage(Duration.ofSeconds(20));
        assertEquals(topic, m.topic(), pub);
        assertEquals("hello-from-" + feature, m.payloadUtf8());

        karaf.run("feature:uninstall " + feature);
        Set<String> left = new TreeSet<>();
        karaf.bundles().forEach(row -> {
            if (row.symbolicName().startsWith("io.mqttas.")) {
                left.add(row.symbolicName());
            }
        });
        assertEquals(Set.of(), left, "our bundles after feature:uninstall " + feature);
        System.out.printf("karaf: feature %s: %d bundles Active, client connected and published, uninstalled (%d ms)%n", feature,
                present.size(), (System.nanoTime() - t0) / 1_000_000);
    }
}
