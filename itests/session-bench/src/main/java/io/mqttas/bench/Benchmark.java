// Issue 3 item 17: runs every scenario for every client against one Mosquitto. Scenario by
// scenario, each repeat visits every client in turn (so machine noise spreads evenly over the
// clients); a throughput or latency cell is the best of the repeats, a recovery cell their median.
// The broker restarts come last.
package io.mqttas.bench;

import io.mqttas.testkit.MosquittoBroker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One benchmark run. */
public final class Benchmark {

  public static final String QOS1_WINDOW = "QoS 1 publish, window %d (msg/s)";
  public static final String QOS0_E2E = "QoS 0 pub→broker→sub (msg/s)";
  public static final String P50 = "Lock-step PUBLISH→PUBACK p50 (µs)";
  public static final String P99 = "Lock-step PUBLISH→PUBACK p99 (µs)";
  public static final String RECOVERY = "First PUBACK after broker restart (ms)";
  public static final String QOS2_WINDOW = "QoS 2 publish, window 10 (msg/s)";
  public static final String OUTBOX = "QoS 1 publish, window 10, outbox on (msg/s)";
  public static final String ALLOCATION = "Allocation per QoS 1 publish, window 10 (B/msg)";

  private final BenchConfig config;
  private final Consumer<String> progress;

  public Benchmark(BenchConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Every known client kind, by its command-line key. */
  static BenchClient.Factory factory(String key) {
    switch (key) {
      case "raw": return RawSocketClient.pipelined();
      case "raw1": return RawSocketClient.inline();
      case "paho": return PahoBenchClient.factory();
      case "hivemq": return HiveMqBenchClient.factory();
      case "mqttas": return MqttasBenchClient.factory();
      case "mqttas-ws": return MqttasBenchClient.wsFactory();
      case "hivemq5": return HiveMq5BenchClient.factory();
      case "paho5": return Paho5BenchClient.factory();
      case "mqttas5": return MqttasBenchClient.v5Factory();
      default: throw new IllegalArgumentException("unknown client '" + key + "' (raw, raw1, paho, hivemq, mqttas, mqttas-ws, paho5, hivemq5, mqttas5)");
    }
  }

  /** One measurement of one client; may return several values (p50 and p99). */
  private interface Step {
    Measurement[] run(BenchClient.Factory f) throws Exception;
  }

  public ResultTable run() {
    ResultTable t = new ResultTable();
    List<BenchClient.Factory> all = new ArrayList<>();
    List<BenchClient.Factory> usable = new ArrayList<>();
    for (String key : config.clients) {
      BenchClient.Factory f = factory(key);
      all.add(f);
      t.addClient(f.name());
      String why = f.unavailableReason();
      if (why == null) {
        usable.add(f);
      } else {
        progress.accept(f.name() + ": pending — " + why);
      }
    }
    byte[] payload = new byte[config.payloadBytes];
    Arrays.fill(payload, (byte) 'x');
    try (MosquittoBroker broker = MosquittoBroker.builder().websockets(true).start()) {
      String host = broker.host();
      int port = broker.port();
      MqttasBenchClient.WS_PORTS.put(port, broker.wsPort());
      for (int w : config.windows) {
        String row = String.format(QOS1_WINDOW, w);
        scenario(t, all, usable, config.repeats, new String[] {row}, ResultTable.Better.HIGHER, f -> !f.asynchronous()
            ? new Measurement[] {Measurement.none("n/a")}
            : new Measurement[] {PublishThroughput.run(f, host, port, topic(f, "q1w" + w), payload, config.messages, w,
                config.stall)});
      }
      // Issue 13: QoS 2 (PUBLISH, PUBREC, PUBREL, PUBCOMP) at window 10; the raw ceiling speaks QoS 1 only.
      scenario(t, all, usable, config.repeats, new String[] {QOS2_WINDOW}, ResultTable.Better.HIGHER, f -> !f.asynchronous()
          || f.name().startsWith("raw") ? new Measurement[] {Measurement.none("n/a")}
          : new Measurement[] {PublishThroughput.run(f, host, port, topic(f, "q2w10"), payload, config.messages, 10, config.stall, 2)});
      // Issue 9 item 16: the durable outbox's cost beside the window-10 row (mqttas only), and
      // what each client allocates per publication.
      BenchClient.Factory withOutbox = MqttasBenchClient.outboxFactory();
      scenario(t, all, usable, config.repeats, new String[] {OUTBOX}, ResultTable.Better.HIGHER, f ->
          !f.name().equals("mqttas") ? new Measurement[] {Measurement.none("n/a")}
          : new Measurement[] {PublishThroughput.run(withOutbox, host, port, topic(f, "outbox"), payload,
              config.outboxMessages, 10, config.stall)});
      scenario(t, all, usable, config.repeats, new String[] {ALLOCATION}, ResultTable.Better.LOWER, f -> !f.asynchronous()
          ? new Measurement[] {Measurement.none("n/a")}
          : new Measurement[] {AllocationPerMessage.run(f, host, port, topic(f, "alloc"), payload, config.allocationMessages,
              10, config.stall)});
      scenario(t, all, usable, config.repeats, new String[] {QOS0_E2E}, ResultTable.Better.HIGHER, f -> new Measurement[] {
          EndToEndThroughput.run(f, host, port, topic(f, "e2e"), payload, config.messages, config.stall)});
      scenario(t, all, usable, config.repeats, new String[] {P50, P99}, ResultTable.Better.LOWER,
          f -> LockStepLatency.run(f, host, port, topic(f, "lat"), payload, config.latencySamples, config.stall));
      // Restarts: each repeat is one broker kill; clients interleaved as above.
      scenario(t, all, usable, config.restarts, new String[] {RECOVERY}, ResultTable.Better.LOWER, f -> !f.asynchronous()
          ? new Measurement[] {Measurement.none("n/a")}
          : new Measurement[] {RestartRecovery.run(f, broker, topic(f, "rec"), payload, config.downtime,
              config.recoveryDeadline)});
    }
    return t;
  }

  private void scenario(ResultTable t, List<BenchClient.Factory> all, List<BenchClient.Factory> usable, int repeats,
      String[] rows, ResultTable.Better better, Step step) {
    Map<BenchClient.Factory, List<List<Measurement>>> runs = new LinkedHashMap<>();
    for (BenchClient.Factory f : all) {
      List<List<Measurement>> perRow = new ArrayList<>();
      for (int r = 0; r < rows.length; r++) {
        perRow.add(new ArrayList<>());
      }
      runs.put(f, perRow);
    }
    for (int rep = 0; rep < repeats; rep++) {
      for (BenchClient.Factory f : all) {
        Measurement[] m = measure(f, usable, rows[0], step);
        for (int r = 0; r < rows.length; r++) {
          runs.get(f).get(r).add(m.length > r ? m[r] : m[0]);
        }
      }
    }
    for (BenchClient.Factory f : all) {
      for (int r = 0; r < rows.length; r++) {
        List<Measurement> m = runs.get(f).get(r);
        // Recovery depends on where the restart falls in each client's back-off: the median is
        // the typical case. Speed and latency: the best run is the least disturbed one.
        t.put(rows[r], better, f.name(), rows[r].equals(RECOVERY) ? Measurement.median(m)
            : Measurement.best(m, better == ResultTable.Better.HIGHER));
      }
    }
  }

  private Measurement[] measure(BenchClient.Factory f, List<BenchClient.Factory> usable, String row, Step step) {
    if (!usable.contains(f)) {
      return new Measurement[] {Measurement.none("pending")};
    }
    long t0 = System.nanoTime();
    try {
      Measurement[] m = step.run(f);
      progress.accept(String.format("%-14s %-40s %s  [%.1f s]", f.name(), row, Arrays.toString(m),
          (System.nanoTime() - t0) / 1e9));
      return m;
    } catch (Exception e) {
      progress.accept(f.name() + " " + row + " failed: " + e);
      return new Measurement[] {Measurement.none("error: " + e.getClass().getSimpleName())};
    }
  }

  private static String topic(BenchClient.Factory f, String scenario) {
    return "bench/" + f.name().replaceAll("[^A-Za-z0-9]", "") + "/" + scenario;
  }
}
