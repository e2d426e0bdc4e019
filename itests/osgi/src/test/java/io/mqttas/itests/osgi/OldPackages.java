/*
 * Issue 10 item 4: the three deployment packages mqttas shipped before (mqttas-client-dp: codec, session,
 * watchdog, jSerialComm; mqttas-bridge-dp: bridge; mqttas-relay-dp: relay), rebuilt at test time from the
 * reactor's bundles, so DeploymentPackageIT can replay what happened to them on a Kura reboot and prove the
 * upgrade path to the one mqttas package. The format is OSGi Deployment Admin's (compendium §114.3): a jar
 * whose manifest names the package and has one section per bundle, followed by the bundles in that order.
 */
package io.mqttas.itests.osgi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes the old packages into a folder and returns them in the order users installed them (client first). */
final class OldPackages {
    static final String CLIENT = "mqttas-client-dp";
    static final String BRIDGE = "mqttas-bridge-dp";
    static final String RELAY = "mqttas-relay-dp";

    private OldPackages() {
    }

    /** Package name → its file, client first. */
    static Map<String, Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Map<String, Path> jarsByBsn = new LinkedHashMap<>();
        for (String layer : List.of("mqttas", "libs")) {
            for (Path jar : OsgiRuntime.jars(OsgiRuntime.layer(layer))) {
                jarsByBsn.put(bsn(jar), jar);
            }
        }
        Map<String, List<String>> contents = new LinkedHashMap<>();
        contents.put(CLIENT, List.of("io.mqttas.codec", "io.mqttas.session", "io.mqttas.watchdog", "com.fazecast.jSerialComm"));
        contents.put(BRIDGE, List.of("io.mqttas.bridge"));
        contents.put(RELAY, List.of("io.mqttas.relay"));
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : contents.entrySet()) {
            List<Path> bundles = new ArrayList<>();
            for (String bsn : e.getValue()) {
                Path jar = jarsByBsn.get(bsn);
                if (jar == null) {
                    throw new IllegalStateException("no jar for " + bsn + " among " + jarsByBsn.keySet());
                }
                bundles.add(jar);
            }
            files.put(e.getKey(), build(folder.resolve(e.getKey() + "_0.1.0.dp"), e.getKey(), "0.1.0", bundles));
        }
        return files;
    }

    /** A deployment package with the given bundles. */
    static Path build(Path file, String name, String version, List<Path> bundles) throws IOException {
        Manifest mf = new Manifest();
        Attributes main = mf.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("DeploymentPackage-SymbolicName", name);
        main.putValue("DeploymentPackage-Version", version);
        for (Path jar : bundles) {
            Attributes section = new Attributes();
            try (JarFile j = new JarFile(jar.toFile())) {
                Attributes m = j.getManifest().getMainAttributes();
                section.putValue("Bundle-SymbolicName", m.getValue("Bundle-SymbolicName").split(";")[0].trim());
                section.putValue("Bundle-Version", m.getValue("Bundle-Version"));
            }
            mf.getEntries().put(jar.getFileName().toString(), section);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream dp = new JarOutputStream(out, mf)) {
            for (Path jar : bundles) {
                dp.putNextEntry(new JarEntry(jar.getFileName().toString()));
                Files.copy(jar, dp);
                dp.closeEntry();
            }
        }
        return file;
    }

    static String bsn(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
        }
    }
}
