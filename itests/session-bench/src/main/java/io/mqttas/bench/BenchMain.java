// Issue 3 item 17: command-line entry of the end-to-end benchmark; prints a markdown table with the
// machine description, ready for docs/BENCHMARKS.md.
package io.mqttas.bench;

import io.mqttas.testkit.ExternalCommand;
import io.mqttas.testkit.MosquittoBroker;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** {@code java -cp … io.mqttas.bench.BenchMain --messages 100000}. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // keep the tables readable
    }
    BenchConfig config;
    try {
      config = BenchConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.err.println("mqttas session benchmark: " + describe(config));
    ResultTable table = new Benchmark(config, line -> System.err.println("  " + line)).run();
    System.out.println(machine());
    System.out.println();
    System.out.println(table.markdown("raw socket", "Paho 1.2.5"));
    String outbox = outboxRatio(table);
    if (outbox != null) {
      System.out.println(outbox);
    }
    System.exit(0); // HiveMQ's shared Netty event loop lingers for a while after the last client
  }

  /** "Outbox on ÷ off at window 10 (mqttas): 0.42×", or null when a cell is missing. */
  static String outboxRatio(ResultTable table) {
    Measurement on = table.get(Benchmark.OUTBOX, "mqttas");
    Measurement off = table.get(String.format(Benchmark.QOS1_WINDOW, 10), "mqttas");
    if (on == null || off == null || !on.ok() || !off.ok()) {
      return null;
    }
    return String.format(java.util.Locale.ROOT, "mqttas at window 10, outbox on ÷ off: %.2f× (issue 9 target ≥ 0.5×)",
        on.value / off.value);
  }

  static String describe(BenchConfig c) {
    return c.messages + " messages, " + c.payloadBytes + " B payload, windows " + Arrays.toString(c.windows) + ", "
        + c.latencySamples + " latency samples, " + c.outboxMessages + " outbox-on and " + c.allocationMessages
        + " allocation messages, " + c.repeats + " repeats, " + c.restarts + " restarts with " + c.downtime.toMillis()
        + " ms downtime, clients " + c.clients;
  }

  static String machine() {
    String mosquitto = ExternalCommand.run(List.of(MosquittoBroker.BINARY, "-h"), null, Duration.ofSeconds(10))
        .output().lines().findFirst().orElse("?");
    return "Date " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE) + "; "
        + Runtime.getRuntime().availableProcessors() + " vCPU; " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + "; " + mosquitto + "; " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + ".";
  }
}
