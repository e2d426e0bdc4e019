/*
 * Issue 14 item 1 (docs/osgi.md §1 "Bundles folder"): the gateway's bundles live as files in a folder, so
 * that each bundle's location is a real, re-readable file: URL. `update <id>` then re-reads the bundle
 * the Felix way, and a user can replace a file and run `update <id>`.
 */
package io.mqttas.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Extracts the bundles embedded in the gateway jar ({@code bundles/*.jar}) into a folder, once.
 *
 * <p>Rules, so that neither a user's replacement nor a gateway upgrade is lost silently:
 * <ul>
 * <li>a missing file is extracted;</li>
 * <li>a file the user replaced (its content differs from what was last extracted, recorded in
 * {@code .embedded}) is kept while the gateway jar carries the same embedded bundle;</li>
 * <li>when the gateway jar itself carries a new version of that bundle (an upgrade), the new embedded
 * one wins and the user's file is moved to {@code replaced/} — said on the console.</li>
 * </ul>
 * Every {@code *.jar} in the folder is installed, in name order (extra bundles may be dropped in).
 */
final class BundleFolder {
    static final String STAMP = ".embedded";

    private final Path dir;
    private final List<String> notes = new ArrayList<>();

    private BundleFolder(Path dir) {
        this.dir = dir;
    }

    /** Brings {@code dir} up to date with the bundles embedded in {@code gatewayJar}. */
    static BundleFolder prepare(Path gatewayJar, Path dir) throws IOException {
        BundleFolder f = new BundleFolder(dir);
        f.extract(gatewayJar);
        return f;
    }

    Path dir() {
        return dir;
    }

    /** What extraction did that a user should know (kept replacements, set-aside files). */
    List<String> notes() {
        return notes;
    }

    /** The bundle files to install, in name order. */
    List<Path> bundles() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private void extract(Path gatewayJar) throws IOException {
        Files.createDirectories(dir);
        Properties stamp = readStamp();
        Map<String, String> now = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(gatewayJar.toFile())) {
            List<JarEntry> entries = jar.stream().filter(e -> e.getName().startsWith("bundles/") && e.getName().endsWith(".jar"))
                    .toList();
            for (JarEntry e : entries) {
                String name = e.getName().substring("bundles/".length());
                byte[] embedded;
                try (InputStream in = jar.getInputStream(e)) {
                    embedded = in.readAllBytes();
                }
                String digest = sha256(embedded);
                now.put(name, digest);
                Path target = dir.resolve(name);
                if (!Files.exists(target)) {
                    write(target, embedded);
                    continue;
                }
                String onDisk = sha256(Files.readAllBytes(target));
                if (onDisk.equals(digest)) {
                    continue;
                }
                if (digest.equals(stamp.getProperty(name))) {
                    notes.add("using the replaced bundle file " + target);
                } else {
                    Path aside = dir.resolve("replaced").resolve(name);
                    Files.createDirectories(aside.getParent());
                    Files.move(target, aside, StandardCopyOption.REPLACE_EXISTING);
                    write(target, embedded);
                    notes.add("the gateway jar brings a new " + name + "; the previous file was moved to " + aside);
                }
            }
        }
        writeStamp(now);
    }

    private Properties readStamp() throws IOException {
        Properties p = new Properties();
        Path f = dir.resolve(STAMP);
        if (Files.exists(f)) {
            try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    private void writeStamp(Map<String, String> digests) throws IOException {
        Properties p = new Properties();
        p.putAll(digests);
        Path tmp = dir.resolve(STAMP + ".tmp");
        try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "sha-256 of the bundles the gateway jar extracted here (do not edit)");
        }
        Files.move(tmp, dir.resolve(STAMP), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes through a temporary file and an atomic rename, so a reader never sees half a jar. */
    static void write(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("no SHA-256 in this JVM", e));
        }
    }
}
