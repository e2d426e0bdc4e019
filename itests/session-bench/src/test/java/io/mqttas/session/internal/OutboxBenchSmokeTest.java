package io.mqttas.session.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.ThreadLeakCheck;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI smoke of OutboxBench (issue 9 item 8): every measurement runs with tiny counts; the real run is in docs/BENCHMARKS.md. */
class OutboxBenchSmokeTest {

  @Test
  void everyMeasurementRuns(@TempDir Path dir) throws Exception {
    ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-");
    byte[] payload = new byte[64];
    assertTrue(OutboxBench.fsyncPerRecord(dir.resolve("."), 20, payload) > 0);
    assertTrue(OutboxBench.groupCommit(java.nio.file.Files.createDirectories(dir.resolve("g")), 500, 10, payload) > 0);
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      assertTrue(OutboxBench.sessionWindow10(broker, null, 500, payload) > 0);
      assertTrue(OutboxBench.sessionWindow10(broker, java.nio.file.Files.createDirectories(dir.resolve("s")), 500, payload) > 0);
    }
    leaks.assertNoLeak(Duration.ofSeconds(10));
  }
}
