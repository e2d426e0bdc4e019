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
      measured.add("mqttas ws"); // issue 13 item 6: the same client over ws://
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
    // Issue 9 item 16 rows: the outbox (mqttas only) and the allocation per publication.
    if (measured.contains("mqttas")) {
      Measurement outbox = cell(t, Benchmark.OUTBOX, "mqttas", table, log);
      assertEquals(config.outboxMessages, outbox.messages, "every journaled publication acknowledged");
      assertTrue(outbox.value > 1 && outbox.value < 10_000_000, "outbox on: " + outbox);
      assertTrue(BenchMain.outboxRatio(t).contains("outbox on ÷ off"), BenchMain.outboxRatio(t));
    }
    assertEquals("n/a", t.get(Benchmark.OUTBOX, "Paho 1.2.5").note);
    for (String client : measured) {
      Measurement alloc = cell(t, Benchmark.ALLOCATION, client, table, log);
      assertEquals(config.allocationMessages, alloc.messages, client);
      assertTrue(alloc.value > 0 && alloc.value < 1_000_000, client + " allocates " + alloc.value + " B per publication");
    }
    // The single-thread raw client only has a latency.
    Measurement raw1 = cell(t, Benchmark.P50, "raw, 1 thread", table, log);
    assertTrue(raw1.value > 0);
    assertEquals("n/a", t.get(Benchmark.QOS0_E2E, "raw, 1 thread").note);
    assertTrue(table.contains("| Lock-step PUBLISH→PUBACK p50 (µs) |"), table);

    leaks.assertNoLeak(Duration.ofSeconds(10));
  }

  /** Issue 13 item 10: the MQTT 5.0 clients (ours, Paho's and HiveMQ's) through the same scenarios, QoS 2 row included. */
  @Test
  void theMqtt5ClientsRunTheScenariosIncludingQos2() {
    ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-");
    BenchConfig config = BenchConfig.smoke();
    config.clients = List.of("paho5", "hivemq5", "mqttas5");
    config.windows = new int[] {10};
    List<String> log = new ArrayList<>();
    ResultTable t = new Benchmark(config, line -> {
      log.add(line);
      System.out.println(line);
    }).run();
    String table = t.markdown("Paho 1.2.5 MQTT 5", "HiveMQ 1.4.2 MQTT 5");
    System.out.println(table);
    for (String client : List.of("Paho 1.2.5 MQTT 5", "HiveMQ 1.4.2 MQTT 5", "mqttas MQTT 5")) {
      Measurement w10 = cell(t, String.format(Benchmark.QOS1_WINDOW, 10), client, table, log);
      assertEquals(config.messages, w10.messages, "all QoS 1 publications acknowledged: " + client);
      Measurement q2 = cell(t, Benchmark.QOS2_WINDOW, client, table, log);
      assertEquals(config.messages, q2.messages, "all QoS 2 publications completed: " + client);
      assertTrue(q2.value > 10 && q2.value < 10_000_000, client + " QoS 2: " + q2.value + " msg/s");
      Measurement e2e = cell(t, Benchmark.QOS0_E2E, client, table, log);
      assertEquals(config.messages, e2e.messages, "every QoS 0 message received on loopback: " + client);
    }
    leaks.assertNoLeak(Duration.ofSeconds(10));
  }

  @Test
  void perClientCostRowsRunInChildJvms() {
    ClientCost.Config config = ClientCost.Config.smoke();
    List<ClientCost.Result> results = new ArrayList<>();
    ClientCost.Result big = ClientCost.run(config, results, System.out::println);
    String table = ClientCost.markdown(config, results, big);
    System.out.println(table);
    assertEquals(3, results.size(), table);
    for (ClientCost.Result r : results) {
      assertEquals(0, r.number("disconnected"), r.toString());
      assertEquals(config.clients, r.number("n"), r.toString());
      assertTrue(r.number("threadsPerClient") >= 0 && r.number("threadsPerClient") < 20, r.toString());
      assertTrue(r.number("heapPerClientKiB") > 0 && r.number("heapPerClientKiB") < 10_000, r.toString());
      assertTrue(r.number("cpuMsPerClientPerMinute") > -1_000 && r.number("cpuMsPerClientPerMinute") < 60_000, r.toString());
    }
    assertEquals(config.bigClients, big.number("n"), big.toString());
    assertEquals(0, big.number("disconnected"), big.toString());
    assertTrue(big.number("heapPerClientKiB") > 0 && big.number("threadsPerClient") >= 0, big.toString());
    assertTrue(big.number("maxHeap") <= 256L * 1024 * 1024, "the big run's JVM is limited to 256 MiB: " + big);
    assertTrue(table.contains("| mqttas |") && table.contains("-Xmx256m"), table);
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
    assertEquals(500, BenchConfig.parse(new String[] {"--outbox-messages", "500"}).outboxMessages);
    assertEquals(7, ClientCost.parse(new String[] {"--clients", "7"}).clients);
    assertThrows(IllegalArgumentException.class, () -> ClientCost.parse(new String[] {"--bogus", "1"}));
  }

  private static Measurement cell(ResultTable t, String row, String client, String table, List<String> log) {
    Measurement m = t.get(row, client);
    assertNotNull(m, row + " / " + client + " missing\n" + table);
    assertTrue(m.ok(), row + " / " + client + ": " + m.note + "\n" + String.join("\n", log));
    return m;
  }
}
