// Issue 3 item 17: what one benchmark run does (command-line arguments of BenchMain).
package io.mqttas.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Parameters of a run; defaults are the documented measurement. */
public final class BenchConfig {
  int messages = 100_000;
  int payloadBytes = 64;
  int[] windows = {1, 10, 100};
  int latencySamples = 50_000;
  /** The outbox row syncs every publication to disk: fewer messages keep it to seconds. */
  int outboxMessages = 10_000;
  int allocationMessages = 20_000;
  int repeats = 5;
  int restarts = 3;
  Duration downtime = Duration.ofSeconds(2);
  Duration stall = Duration.ofSeconds(30);
  Duration recoveryDeadline = Duration.ofSeconds(30);
  List<String> clients = List.of("raw", "raw1", "paho", "hivemq", "mqttas", "mqttas-ws");

  /** Tiny counts for the CI smoke test. */
  public static BenchConfig smoke() {
    BenchConfig c = new BenchConfig();
    c.messages = 300;
    c.latencySamples = 200;
    c.outboxMessages = 200;
    c.allocationMessages = 300;
    c.repeats = 1;
    c.restarts = 1;
    c.downtime = Duration.ofSeconds(1);
    c.stall = Duration.ofSeconds(10);
    c.recoveryDeadline = Duration.ofSeconds(15);
    return c;
  }

  static final String USAGE = String.join("\n",
      "BenchMain [--messages N] [--payload BYTES] [--windows 1,10,100] [--latency-samples N]",
      "          [--outbox-messages N] [--allocation-messages N]",
      "          [--repeats R] [--restarts R] [--downtime-ms MS] [--clients raw,raw1,paho,hivemq,mqttas,mqttas-ws]",
      "Defaults: 100000 messages, 64 B payload, windows 1,10,100, 50000 latency samples, 10000",
      "messages for the outbox-on row, 20000 for the allocation row (after as many to warm up), each",
      "measurement repeated 5 times (clients interleaved; best run and range reported), 3 broker",
      "restarts with 2000 ms downtime (median reported), all clients.");

  static BenchConfig parse(String[] args) {
    BenchConfig c = new BenchConfig();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a + "\n" + USAGE);
      }
      String v = args[++i];
      switch (a) {
        case "--messages": c.messages = positive(a, v); break;
        case "--payload": c.payloadBytes = positive(a, v); break;
        case "--latency-samples": c.latencySamples = positive(a, v); break;
        case "--outbox-messages": c.outboxMessages = positive(a, v); break;
        case "--allocation-messages": c.allocationMessages = positive(a, v); break;
        case "--repeats": c.repeats = positive(a, v); break;
        case "--restarts": c.restarts = positive(a, v); break;
        case "--downtime-ms": c.downtime = Duration.ofMillis(positive(a, v)); break;
        case "--windows": {
          String[] parts = v.split(",");
          c.windows = new int[parts.length];
          for (int k = 0; k < parts.length; k++) {
            c.windows[k] = positive(a, parts[k].trim());
          }
          break;
        }
        case "--clients": {
          List<String> l = new ArrayList<>();
          for (String s : v.split(",")) {
            l.add(s.trim());
          }
          c.clients = l;
          break;
        }
        default:
          throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
      }
    }
    return c;
  }

  private static int positive(String key, String v) {
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " needs a number, got '" + v + "'");
    }
    if (n <= 0 || (key.equals("--windows") && n > 65535)) {
      throw new IllegalArgumentException(key + " must be in 1.." + (key.equals("--windows") ? 65535 : Integer.MAX_VALUE)
          + ", got " + n);
    }
    return n;
  }
}
