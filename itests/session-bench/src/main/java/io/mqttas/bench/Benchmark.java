// Issue 3 item 17: runs every scenario for every client against one Mosquitto, scenario by
// scenario (clients interleaved, so machine noise spreads evenly), the restarts last.
package io.mqttas.bench;

import io.mqttas.testkit.MosquittoBroker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** One benchmark run. */
public final class Benchmark {

  public static final String QOS1_WINDOW = "QoS 1 publish, window %d (msg/s)";
  public static final String QOS0_E2E = "QoS 0 pub→broker→sub (msg/s)";
  public static final String P50 = "Lock-step PUBLISH→PUBACK p50 (µs)";
  public static final String P99 = "Lock-step PUBLISH→PUBACK p99 (µs)";
  public static final String RECOVERY = "First PUBACK after broker restart (ms, median)";

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
      default: throw new IllegalArgumentException("unknown client '" + key + "' (raw, raw1, paho, hivemq, mqttas)");
    }
  }

  public ResultTable run() {
    ResultTable t = new ResultTable();
    List<BenchClient.Factory> usable = new ArrayList<>();
    List<BenchClient.Factory> all = new ArrayList<>();
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
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      String host = broker.host();
      int port = broker.port();
      for (int w : config.windows) {
        String row = String.format(QOS1_WINDOW, w);
        for (BenchClient.Factory f : all) {
          t.put(row, ResultTable.Better.HIGHER, f.name(), measure(f, usable, row, () -> !f.asynchronous()
              ? Measurement.none("n/a")
              : PublishThroughput.run(f, host, port, topic(f, "q1w" + w), payload, config.messages, w, config.stall)));
        }
      }
      for (BenchClient.Factory f : all) {
        t.put(QOS0_E2E, ResultTable.Better.HIGHER, f.name(), measure(f, usable, QOS0_E2E,
            () -> EndToEndThroughput.run(f, host, port, topic(f, "e2e"), payload, config.messages, config.stall)));
      }
      for (BenchClient.Factory f : all) {
        Measurement[] pct = new Measurement[2];
        Measurement r = measure(f, usable, P50, () -> {
          Measurement[] m = LockStepLatency.run(f, host, port, topic(f, "lat"), payload, config.latencySamples, config.stall);
          pct[1] = m[1];
          return m[0];
        });
        t.put(P50, ResultTable.Better.LOWER, f.name(), r);
        t.put(P99, ResultTable.Better.LOWER, f.name(), pct[1] != null ? pct[1] : r);
      }
      for (BenchClient.Factory f : all) {
        t.put(RECOVERY, ResultTable.Better.LOWER, f.name(), measure(f, usable, RECOVERY, () -> recovery(f, broker, payload)));
      }
    }
    return t;
  }

  private Measurement recovery(BenchClient.Factory f, MosquittoBroker broker, byte[] payload) throws Exception {
    if (!f.asynchronous()) {
      return Measurement.none("n/a");
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < config.restarts; i++) {
      Measurement m = RestartRecovery.run(f, broker, topic(f, "rec"), payload, config.downtime, config.recoveryDeadline);
      if (!m.ok()) {
        return m;
      }
      ms.add(m.value);
    }
    ms.sort(Double::compare);
    return Measurement.of(ms.get(ms.size() / 2), ms.size());
  }

  private interface Step {
    Measurement run() throws Exception;
  }

  private Measurement measure(BenchClient.Factory f, List<BenchClient.Factory> usable, String row, Step step) {
    if (!usable.contains(f)) {
      return Measurement.none("pending");
    }
    long t0 = System.nanoTime();
    try {
      Measurement m = step.run();
      progress.accept(String.format("%-14s %-48s %s  [%.1f s]", f.name(), row, m, (System.nanoTime() - t0) / 1e9));
      return m;
    } catch (Exception e) {
      progress.accept(f.name() + " " + row + " failed: " + e);
      return Measurement.none("error: " + e.getClass().getSimpleName());
    }
  }

  private static String topic(BenchClient.Factory f, String scenario) {
    return "bench/" + f.name().replaceAll("[^A-Za-z0-9]", "") + "/" + scenario;
  }
}
