/*
 * Issue 10 item 6: the mirror tells the truth. Every mirrored type is compared with the list of public
 * signatures written from Eclipse Kura 5.5's source (src/test/resources/kura-5.5/<type>.sig), so a
 * mirror that drifts from Kura fails the build instead of failing on a gateway.
 */
package io.mqttas.kura.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class KuraSignaturesTest {
    private static final String LISTS = "/kura-5.5/";

    /** Every mirrored type, found in the compiled main classes (nested types included). */
    static List<String> mirroredTypes() throws IOException, URISyntaxException {
        Path root = Path.of(org.eclipse.kura.configuration.ConfigurableComponent.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root.resolve("org/eclipse/kura"))) {
            return files.map(root::relativize).map(Path::toString).filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .filter(n -> !n.matches(".*\\$[0-9].*")).sorted().collect(Collectors.toList());
        }
    }

    /** Types the mirror may reduce (only ever consumed by our bundles), from subset.txt. */
    static Set<String> subsetTypes() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : lines(LISTS + "subset.txt")) {
            names.add(line.split("\\s+")[0]);
        }
        return names;
    }

    @Test
    void everyMirroredTypeHasAKuraList() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String type : mirroredTypes()) {
            if (KuraSignaturesTest.class.getResource(LISTS + type + ".sig") == null) {
                missing.add(type);
            }
        }
        assertTrue(missing.isEmpty(), "mirrored types without a signature list written from Kura 5.5's source: " + missing);
    }

    @Test
    void subsetTypesAreMirrored() throws Exception {
        List<String> mirrored = mirroredTypes();
        for (String type : subsetTypes()) {
            assertTrue(mirrored.contains(type), "subset.txt names " + type + ", which the mirror does not have");
        }
    }

    @TestFactory
    Stream<DynamicTest> mirrorMatchesKura() throws Exception {
        Set<String> subset = subsetTypes();
        return mirroredTypes().stream().map(type -> DynamicTest.dynamicTest(type, () -> compare(type, subset.contains(type))));
    }

    private static void compare(String type, boolean subsetAllowed) throws Exception {
        List<String> kura = lines(LISTS + type + ".sig");
        List<String> mirror = Signatures.of(Class.forName(type));
        assertEquals(kura.get(0), mirror.get(0), type + ": declaration differs from Kura 5.5's");
        Set<String> extra = new LinkedHashSet<>(mirror);
        extra.removeAll(kura);
        if (!extra.isEmpty()) {
            fail(type + ": members Kura 5.5 does not declare (or declares differently): " + extra);
        }
        if (subsetAllowed) {
            return;
        }
        Set<String> absent = new LinkedHashSet<>(kura);
        absent.removeAll(mirror);
        if (!absent.isEmpty()) {
            fail(type + ": Kura 5.5 members missing from the mirror (add them, or list the type in subset.txt "
                    + "if our bundles only consume it): " + absent);
        }
        List<String> kuraConstants = kura.stream().filter(l -> l.startsWith("constant ")).collect(Collectors.toList());
        List<String> mirrorConstants = mirror.stream().filter(l -> l.startsWith("constant ")).collect(Collectors.toList());
        assertEquals(kuraConstants, mirrorConstants, type + ": enum constants differ in order from Kura 5.5's");
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = KuraSignaturesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .collect(Collectors.toList());
        }
    }
}
