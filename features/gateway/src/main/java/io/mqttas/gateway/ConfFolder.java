/*
 * Issue 4 item 5: the gateway's configuration folder, read by Felix FileInstall (*.cfg, *.config, applied
 * live). The launcher only looks into it to decide whether a broker is configured.
 */
package io.mqttas.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** Finds the first session configuration ({@code io.mqttas.session-<name>.cfg}) that names a {@code server}. */
final class ConfFolder {
    private ConfFolder() {
    }

    /** "server[:port] (from file)" of the first configured client, or empty. */
    static Optional<String> configuredServer(Path conf) throws IOException {
        if (!Files.isDirectory(conf)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(conf)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.startsWith("io.mqttas.session-") || !name.endsWith(".cfg")) {
                    continue;
                }
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(f)) {
                    p.load(r);
                }
                String server = p.getProperty("server", "").trim();
                if (!server.isEmpty()) {
                    String port = p.getProperty("port", "").trim();
                    return Optional.of(server + (port.isEmpty() ? "" : ":" + port) + " (from " + name + ")");
                }
            }
        }
        return Optional.empty();
    }
}
