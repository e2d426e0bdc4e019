/*
 * Issue 10 item 6: every mirrored package is exported at the version Kura 5.5's API bundle exports it
 * (kura-5.5/exports.txt, copied from Kura's MANIFEST), so bnd writes import ranges Kura satisfies.
 */
package io.mqttas.kura.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class KuraExportVersionsTest {
    private static final Pattern VERSION = Pattern.compile("@org\\.osgi\\.annotation\\.versioning\\.Version\\(\"([0-9.]+)\"\\)");

    @Test
    void mirroredPackagesHaveKuraVersions() throws IOException {
        Map<String, String> kura = kuraExports();
        Path sources = Path.of("src/main/java");
        List<Path> infos;
        try (Stream<Path> files = Files.walk(sources.resolve("org/eclipse/kura"))) {
            infos = files.filter(p -> p.getFileName().toString().equals("package-info.java")).collect(Collectors.toList());
        }
        assertFalse(infos.isEmpty(), "no package-info.java under " + sources.toAbsolutePath());
        for (Path info : infos) {
            String pkg = sources.relativize(info.getParent()).toString().replace('/', '.').replace('\\', '.');
            Matcher m = VERSION.matcher(Files.readString(info));
            assertNotNull(kura.get(pkg), pkg + " is not exported by Kura 5.5's API bundle");
            assertEquals(true, m.find(), pkg + ": package-info.java has no @Version");
            assertEquals(kura.get(pkg), m.group(1), pkg + ": mirror version differs from Kura 5.5's export");
        }
    }

    private static Map<String, String> kuraExports() throws IOException {
        Map<String, String> versions = new HashMap<>();
        try (InputStream in = KuraExportVersionsTest.class.getResourceAsStream("/kura-5.5/exports.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && !line.startsWith("#")) {
                    versions.put(parts[0], parts[1]);
                }
            }
        }
        return versions;
    }
}
