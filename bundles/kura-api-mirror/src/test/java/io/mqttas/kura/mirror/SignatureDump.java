/*
 * Issue 10 item 6: writes the signature lists under src/test/resources/kura-5.5 from classes compiled
 * from Kura's own source (see the mirror README for the procedure). Not run by the build.
 */
package io.mqttas.kura.mirror;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code SignatureDump <class path of Kura classes and their imports> <output dir> <type>…}: one {@code <type>.sig} file per type. */
public final class SignatureDump {
    private SignatureDump() {
    }

    /** The class path: directories and jars separated by the platform's path separator. */
    private static URL[] urls(String path) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String p : path.split(java.io.File.pathSeparator)) {
            urls.add(Path.of(p).toUri().toURL());
        }
        return urls.toArray(new URL[0]);
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        try (URLClassLoader loader = new URLClassLoader(urls(args[0]), null)) {
            for (int i = 2; i < args.length; i++) {
                Class<?> c = Class.forName(args[i], false, loader);
                List<String> lines = new ArrayList<>();
                lines.add("# " + args[i] + " as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)");
                lines.addAll(Signatures.of(c));
                Files.write(out.resolve(args[i] + ".sig"), lines);
            }
        }
    }
}
