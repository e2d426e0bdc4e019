/* Issue 14 item 1: which bundle file wins at start (docs/osgi.md §1 "Bundles folder"). */
package io.mqttas.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFolderTest {
    @TempDir
    Path dir;

    private Path gatewayJar(String name, String content) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o)) {
            j.putNextEntry(new JarEntry("bundles/a.jar"));
            j.write(content.getBytes(StandardCharsets.UTF_8));
            j.putNextEntry(new JarEntry("io/mqttas/gateway/Gateway.class"));
            j.write(1);
        }
        return jar;
    }

    @Test
    void extractsMissingFilesAndInstallsEveryJarInNameOrder() throws IOException {
        Path folder = dir.resolve("bundles");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("0-extra.jar"), "mine");
        BundleFolder f = BundleFolder.prepare(gatewayJar("gw.jar", "v1"), folder);
        assertEquals("v1", Files.readString(folder.resolve("a.jar")));
        assertEquals(List.of(folder.resolve("0-extra.jar"), folder.resolve("a.jar")), f.bundles());
        assertEquals(List.of(), f.notes());
    }

    @Test
    void aFileTheUserReplacedIsKeptWhileTheGatewayJarIsTheSame() throws IOException {
        Path folder = dir.resolve("bundles");
        Path gw = gatewayJar("gw.jar", "v1");
        BundleFolder.prepare(gw, folder);
        Files.writeString(folder.resolve("a.jar"), "user-v2");
        BundleFolder again = BundleFolder.prepare(gw, folder);
        assertEquals("user-v2", Files.readString(folder.resolve("a.jar")));
        assertTrue(again.notes().get(0).contains("using the replaced bundle file"), again.notes().toString());
    }

    @Test
    void aNewGatewayJarWinsAndTheUsersFileIsSetAside() throws IOException {
        Path folder = dir.resolve("bundles");
        BundleFolder.prepare(gatewayJar("gw1.jar", "v1"), folder);
        Files.writeString(folder.resolve("a.jar"), "user-v2");
        BundleFolder upgraded = BundleFolder.prepare(gatewayJar("gw2.jar", "v3"), folder);
        assertEquals("v3", Files.readString(folder.resolve("a.jar")));
        assertArrayEquals("user-v2".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(folder.resolve("replaced/a.jar")));
        assertTrue(upgraded.notes().get(0).contains("moved to"), upgraded.notes().toString());
        assertEquals(List.of(folder.resolve("a.jar")), upgraded.bundles(), "the set-aside file is not installed");
    }
}
