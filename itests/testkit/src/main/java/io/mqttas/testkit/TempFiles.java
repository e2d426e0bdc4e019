// Test kit: recursive deletion of the temp directories fixtures create (configs, logs, persistence).
package io.mqttas.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

final class TempFiles {

  private static final Set<Path> AT_EXIT = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> AT_EXIT.forEach(TempFiles::deleteTree),
        "mqttas-test-tempfile-reaper"));
  }

  private TempFiles() {}

  static void deleteOnExit(Path dir) {
    AT_EXIT.add(dir);
  }

  /** Deletes a directory tree; best effort (a left-over file in /tmp must not fail a test). */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
    AT_EXIT.remove(dir);
  }
}
