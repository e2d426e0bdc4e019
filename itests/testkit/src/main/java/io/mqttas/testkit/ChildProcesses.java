// Test kit: makes sure no external program started by a test (mosquitto, mosquitto_sub, openssl)
// outlives the test JVM, even when a test fails or forgets to close its fixture.
package io.mqttas.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Registry of live child processes, killed by a JVM shutdown hook. */
final class ChildProcesses {

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  /**
   * Marker files "child pid → owner JVM pid + child start time", so that a later test JVM can kill
   * what a JVM that died by SIGKILL (e.g. a surefire fork timeout) could not: its shutdown hook
   * never ran.
   */
  private static final Path MARKERS = Path.of(System.getProperty("java.io.tmpdir"), "mqttas-testkit-children");

  static {
    Thread hook = new Thread(ChildProcesses::killAll, "mqttas-test-process-reaper");
    Runtime.getRuntime().addShutdownHook(hook);
    reapOrphans();
  }

  private ChildProcesses() {}

  static Process track(Process p) {
    LIVE.add(p);
    Path marker = writeMarker(p);
    p.onExit().thenRun(() -> {
      LIVE.remove(p);
      deleteQuietly(marker);
    });
    return p;
  }

  private static Path writeMarker(Process p) {
    try {
      Files.createDirectories(MARKERS);
      Path marker = MARKERS.resolve(Long.toString(p.pid()));
      String start = p.info().startInstant().map(Instant::toString).orElse("?");
      Files.writeString(marker, ProcessHandle.current().pid() + "\n" + start + "\n");
      return marker;
    } catch (IOException | RuntimeException e) {
      return null; // best effort: the shutdown hook still covers normal exits
    }
  }

  /** Kills children of test JVMs that no longer exist (same pid and start time as recorded). */
  static void reapOrphans() {
    if (!Files.isDirectory(MARKERS)) {
      return;
    }
    try (Stream<Path> files = Files.list(MARKERS)) {
      for (Path marker : (Iterable<Path>) files::iterator) {
        try {
          List<String> lines = Files.readAllLines(marker);
          long child = Long.parseLong(marker.getFileName().toString());
          long owner = Long.parseLong(lines.get(0).trim());
          if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
            continue; // another test JVM still running: its children are its own business
          }
          Optional<ProcessHandle> h = ProcessHandle.of(child);
          if (h.isPresent() && h.get().isAlive()
              && h.get().info().startInstant().map(Instant::toString).orElse("?").equals(lines.get(1).trim())) {
            h.get().destroyForcibly();
          }
          deleteQuietly(marker);
        } catch (IOException | RuntimeException e) {
          deleteQuietly(marker); // unreadable marker: drop it
        }
      }
    } catch (IOException ignored) {
      // nothing to reap
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /** SIGKILL (destroyForcibly) and wait up to the timeout for the exit; returns whether it exited. */
  static boolean kill(Process p, Duration timeout) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    return waitFor(p, timeout);
  }

  /** SIGTERM (destroy); if the program is still alive after the timeout, SIGKILL. */
  static boolean terminate(Process p, Duration timeout) {
    p.destroy();
    if (waitFor(p, timeout)) {
      return true;
    }
    return kill(p, timeout);
  }

  static boolean waitFor(Process p, Duration timeout) {
    try {
      boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (exited) {
        LIVE.remove(p);
      }
      return exited;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static int liveCount() {
    LIVE.removeIf(p -> !p.isAlive());
    return LIVE.size();
  }

  private static void killAll() {
    for (Process p : LIVE) {
      p.destroyForcibly();
    }
  }
}
