package io.mqttas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged bundle (after `package`): exports only the API package and imports nothing (no OSGi at run time). */
class BundleManifestIT {

    @Test
    void exportsOnlyTheApiPackageAndImportsNothing() throws IOException {
        Path jar = null;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of("target"), "io.mqttas.codec-*.jar")) {
            for (Path p : s) {
                jar = p;
            }
        }
        assertTrue(jar != null, "bundle jar not built");
        try (JarFile j = new JarFile(jar.toFile())) {
            Attributes a = j.getManifest().getMainAttributes();
            assertEquals("io.mqttas.codec", a.getValue("Bundle-SymbolicName"));
            assertEquals("io.mqttas.codec;version=\"1.1.0\"", a.getValue("Export-Package"));
            assertNull(a.getValue("Import-Package"), "the codec must import nothing, got " + a.getValue("Import-Package"));
            assertNull(a.getValue("Private-Package"));
        }
    }
}
