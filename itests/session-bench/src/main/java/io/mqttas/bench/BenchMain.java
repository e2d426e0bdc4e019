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
    System.exit(0); // HiveMQ's shared Netty event loop lingers for a while after the last client
  }

  static String describe(BenchConfig c) {
    return c.messages + " messages, " + c.payloadBytes + " B payload, windows " + Arrays.toString(c.windows) + ", "
        + c.latencySamples + " latency samples, " + c.repeats + " repeats, " + c.restarts + " restarts with " + c.downtime.toMillis()
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
