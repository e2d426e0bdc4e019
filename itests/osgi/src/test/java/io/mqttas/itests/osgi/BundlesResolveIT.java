/*
 * Issue 4 item 8: our bundles from the reactor's jars resolve and start in a real Felix with the latest
 * SCR (2.2.x) and with the Kura-like SCR 2.1.30 (DS 1.4), and their manifests import only what Kura 5.5 has.
 */
package io.mqttas.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

class BundlesResolveIT {

    private static final List<String> OURS = List.of("io.mqttas.codec", "io.mqttas.session", "io.mqttas.watchdog", "io.mqttas.bridge",
            "io.mqttas.relay");

    @Test
    void everyBundleIsActiveWithTheLatestScr() throws Exception {
        try (FelixRuntime rt = FelixRuntime.start("scr22", "runtime", "scr22", "kura", "libs", "mqttas")) {
            rt.assertAllActive();
            for (String bsn : OURS) {
                assertEquals(Bundle.ACTIVE, rt.bundle(bsn).getState(), bsn);
            }
            assertNotNull(rt.service("io.mqttas.watchdog.NetworkLink", null, 10_000), "the watchdog's NetworkLink service");
        }
    }

    @Test
    void everyBundleIsActiveWithTheKuraLikeScr21() throws Exception {
        try (FelixRuntime rt = FelixRuntime.start("scr21", "runtime", "scr21", "kura", "libs", "mqttas")) {
            rt.assertAllActive();
            assertEquals("2.1.30", rt.bundle("org.apache.felix.scr").getVersion().toString());
            assertNotNull(rt.service("io.mqttas.watchdog.NetworkLink", null, 10_000), "DS 1.4 runtime activates the watchdog");
        }
    }

    @Test
    void manifestsImportOnlyWhatKura55Provides() throws Exception {
        List<String> bad = new ArrayList<>();
        List<Path> jars = FelixRuntime.jars(FelixRuntime.BUNDLES.resolve("mqttas"));
        assertEquals(OURS.size(), jars.size(), "bundles under test: " + jars);
        for (Path jar : jars) {
            try (JarFile j = new JarFile(jar.toFile())) {
                Attributes m = j.getManifest().getMainAttributes();
                String bsn = m.getValue(Constants.BUNDLE_SYMBOLICNAME);
                assertTrue(OURS.contains(bsn), bsn);
                bad.addAll(ManifestRules.importViolations(bsn, m.getValue(Constants.IMPORT_PACKAGE)));
                String components = m.getValue("Service-Component");
                bad.addAll(ManifestRules.capabilityViolations(bsn, m.getValue(Constants.REQUIRE_CAPABILITY), components != null));
                if (components != null) {
                    for (String xml : components.split(",")) {
                        String text = new String(j.getInputStream(j.getEntry(xml.trim())).readAllBytes());
                        if (!text.contains("http://www.osgi.org/xmlns/scr/v1.3.0") && !text.contains("http://www.osgi.org/xmlns/scr/v1.4.0")) {
                            bad.add(bsn + ": " + xml + " uses a DS namespace newer than 1.4");
                        }
                    }
                }
                String exports = m.getValue(Constants.EXPORT_PACKAGE);
                if (exports != null) {
                    for (String pkg : ManifestRules.clauses(exports).keySet()) {
                        if (pkg.contains(".internal") || pkg.endsWith(".component")) {
                            bad.add(bsn + ": exports non-API package " + pkg);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void theRuleCheckerCatchesWhatKuraWouldReject() {
        assertFalse(ManifestRules.importViolations("x", "org.osgi.framework;version=\"[1.10,2)\"").isEmpty());
        assertFalse(ManifestRules.importViolations("x", "org.slf4j;version=\"[2.0,3)\"").isEmpty());
        assertFalse(ManifestRules.importViolations("x", "org.apache.commons.io;version=\"[2.4,3)\"").isEmpty());
        assertTrue(ManifestRules.importViolations("x", "javax.net.ssl").isEmpty(), "JDK packages are fine");
        assertFalse(ManifestRules.capabilityViolations("x",
                "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.5.0)(!(version>=2.0.0)))\"", true).isEmpty());
        assertTrue(ManifestRules.importViolations("x",
                "org.eclipse.kura.configuration;version=\"[1.2,2)\",org.slf4j;version=\"[1.7,2)\",io.mqttas.codec;version=\"[1.0,2)\"").isEmpty());
    }
}
