package io.mqttas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.testkit.ThreadLeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CI smoke of the end-to-end benchmark (issue 3 item 17): every scenario for every available client
 * with tiny counts against a real Mosquitto; the numbers must be sane and every message
 * acknowledged or received. The real measurement is BenchMain (docs/BENCHMARKS.md).
 */
class BenchSmokeTest {

  @Test
  void everyScenarioRunsForEveryAvailableClient() {
    ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-");
    BenchConfig config = BenchConfig.smoke();
    List<String> log = new ArrayList<>();
    ResultTable t = new Benchmark(config, line -> {
      log.add(line);
      System.out.println(line);
    }).run();
    String table = t.markdown("raw socket", "Paho 1.2.5");
    System.out.println(table);

    List<String> measured = new ArrayList<>(List.of("raw socket", "Paho 1.2.5", "HiveMQ 1.4.2"));
    if (MqttasBenchClient.factory().unavailableReason() == null) {
      measured.add("mqttas");
    } else {
      assertEquals("pending", t.get(Benchmark.P50, "mqttas").note, table);
    }
    for (String client : measured) {
      for (int w : config.windows) {
        Measurement m = cell(t, String.format(Benchmark.QOS1_WINDOW, w), client, table, log);
        assertEquals(config.messages, m.messages, "all QoS 1 publications acknowledged: " + client);
        assertTrue(m.value > 10 && m.value < 10_000_000, client + " window " + w + ": " + m.value + " msg/s");
      }
      Measurement e2e = cell(t, Benchmark.QOS0_E2E, client, table, log);
      assertEquals(config.messages, e2e.messages, "every QoS 0 message received on loopback: " + client);
      Measurement p50 = cell(t, Benchmark.P50, client, table, log);
      Measurement p99 = cell(t, Benchmark.P99, client, table, log);
      assertTrue(p50.value > 0 && p50.value <= p99.value && p99.value < 5_000_000, client + " p50/p99 " + p50 + " " + p99);
      Measurement rec = cell(t, Benchmark.RECOVERY, client, table, log);
      assertTrue(rec.value >= 0 && rec.value < config.recoveryDeadline.toMillis(), client + " recovery " + rec);
    }
    // The single-thread raw client only has a latency.
    Measurement raw1 = cell(t, Benchmark.P50, "raw, 1 thread", table, log);
    assertTrue(raw1.value > 0);
    assertEquals("n/a", t.get(Benchmark.QOS0_E2E, "raw, 1 thread").note);
    assertTrue(table.contains("| Lock-step PUBLISH→PUBACK p50 (µs) |"), table);

    leaks.assertNoLeak(Duration.ofSeconds(10));
  }

  @Test
  void badArgumentsAreRejectedWithAReason() {
    assertEquals(7, BenchConfig.parse(new String[] {"--messages", "7"}).messages);
    assertEquals(List.of("raw"), BenchConfig.parse(new String[] {"--clients", "raw"}).clients);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BenchConfig.parse(new String[] {"--windows", "1,0"}));
    assertTrue(e.getMessage().contains("--windows must be in 1..65535, got 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse(new String[] {"--messages"}));
    assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse(new String[] {"--bogus", "1"}));
    assertThrows(IllegalArgumentException.class, () -> Benchmark.factory("nope"));
  }

  private static Measurement cell(ResultTable t, String row, String client, String table, List<String> log) {
    Measurement m = t.get(row, client);
    assertNotNull(m, row + " / " + client + " missing\n" + table);
    assertTrue(m.ok(), row + " / " + client + ": " + m.note + "\n" + String.join("\n", log));
    return m;
  }
}
