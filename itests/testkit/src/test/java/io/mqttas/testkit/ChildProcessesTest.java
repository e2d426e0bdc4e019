package io.mqttas.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChildProcessesTest {

  @Test
  void orphansOfADeadTestJvmAreKilledButChildrenOfLiveOnesAreNot() throws Exception {
    Process deadOwner = new ProcessBuilder("true").start();
    deadOwner.waitFor();
    Process orphan = new ProcessBuilder("sleep", "60").start();
    Process adopted = new ProcessBuilder("sleep", "60").start();
    try {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mqttas-testkit-children");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(Long.toString(orphan.pid())),
          deadOwner.pid() + "\n" + orphan.info().startInstant().map(Instant::toString).orElse("?") + "\n");
      Files.writeString(dir.resolve(Long.toString(adopted.pid())),
          ProcessHandle.current().pid() + "\n" + adopted.info().startInstant().map(Instant::toString).orElse("?") + "\n");

      ChildProcesses.reapOrphans();

      assertTrue(ChildProcesses.waitFor(orphan, Duration.ofSeconds(5)), "orphan of a dead JVM must be killed");
      assertFalse(Files.exists(dir.resolve(Long.toString(orphan.pid()))));
      assertTrue(adopted.isAlive(), "a child of a live JVM must be left alone");
      Files.deleteIfExists(dir.resolve(Long.toString(adopted.pid())));
    } finally {
      orphan.destroyForcibly();
      adopted.destroyForcibly();
    }
  }
}
