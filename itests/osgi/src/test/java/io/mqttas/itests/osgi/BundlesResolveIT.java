/*
 * Issue 4 item 8, issue 10 item 5: our bundles from the reactor's jars resolve and start on the stack under
 * test (Felix with the newest SCR, or Kura 5.5's Equinox 3.16 + SCR 2.1.16 + Equinox ConfigAdmin/metatype),
 * and their manifests import only what Kura 5.5 has.
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

    /** Our bundles as the reactor built them (the "mqttas" layer): a new bundle is checked as soon as it is copied there. */
    private static List<String> ours() throws Exception {
        List<String> bsns = new ArrayList<>();
        for (Path jar : OsgiRuntime.jars(OsgiRuntime.layer("mqttas"))) {
            try (JarFile j = new JarFile(jar.toFile())) {
                bsns.add(j.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME));
            }
        }
        return bsns;
    }

    @Test
    void everyBundleIsActiveOnTheStack() throws Exception {
        try (OsgiRuntime rt = OsgiRuntime.start("resolve", OsgiRuntime.GATEWAY)) {
            rt.assertAllActive();
            assertTrue(ours().containsAll(OURS), "the mqttas layer holds " + ours());
            for (String bsn : ours()) {
                assertEquals(Bundle.ACTIVE, rt.bundle(bsn).getState(), bsn);
            }
            assertNotNull(rt.service("io.mqttas.watchdog.NetworkLink", null, 10_000),
                    "SCR of stack " + OsgiRuntime.STACK + " activates the watchdog");
            assertNotNull(rt.service("io.mqttas.session.component.MqttCommands", null, 10_000),
                    "SCR of stack " + OsgiRuntime.STACK + " activates the session bundle's commands");
        }
    }

    @Test
    void manifestsImportOnlyWhatKura55Provides() throws Exception {
        List<String> bad = new ArrayList<>();
        List<Path> jars = OsgiRuntime.jars(OsgiRuntime.layer("mqttas"));
        assertTrue(jars.size() >= OURS.size(), "bundles under test: " + jars);
        for (Path jar : jars) {
            try (JarFile j = new JarFile(jar.toFile())) {
                Attributes m = j.getManifest().getMainAttributes();
                String bsn = m.getValue(Constants.BUNDLE_SYMBOLICNAME);
                assertTrue(bsn != null && bsn.startsWith("io.mqttas."), jar + " is not one of ours: " + bsn);
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
