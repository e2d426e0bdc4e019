// Issue 9 item 16: the per-client cost rows — N idle, connected, subscribed clients of each library
// in one JVM (a child JVM per library, IdleClientsMain) against one Mosquitto, at one ping rate:
// threads per client, retained heap per client after GC, idle CPU per client per minute; and the
// many-clients run: 1,000 mqttas clients in one child JVM limited to -Xmx256m.
package io.mqttas.bench;

import io.mqttas.testkit.ChildJvm;
import io.mqttas.testkit.MosquittoBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** {@code java -cp … io.mqttas.bench.ClientCost [--clients 200] [--idle-s 60] [--ping-s 15] [--big 1000]}. */
public final class ClientCost {

  /** Parameters of one run. */
  public static final class Config {
    int clients = 200;
    int idleSeconds = 60;
    int pingSeconds = 15;
    List<String> libraries = List.of("paho", "hivemq", "mqttas");
    int bigClients = 1000;
    int bigIdleSeconds = 30;
    String bigHeap = "256m";
    /** Children one after another (measurements) or all at once (the smoke: only checks that it works). */
    boolean parallel;
    /** Extra options for every child (the smoke starts them for a short life: C1 only). */
    List<String> childJvmOptions = List.of();

    /** A few clients for a few seconds: the CI smoke. */
    public static Config smoke() {
      Config c = new Config();
      c.clients = 3;
      c.idleSeconds = 1;
      c.pingSeconds = 1;
      c.bigClients = 20;
      c.bigIdleSeconds = 1;
      c.parallel = true;
      c.childJvmOptions = List.of("-XX:TieredStopAtLevel=1");
      return c;
    }
  }

  /** One child's RESULT line as key → value. */
  public static final class Result {
    final Map<String, String> values = new LinkedHashMap<>();
    final String line;

    Result(String line) {
      this.line = line;
      for (String kv : line.substring("RESULT ".length()).split(" ")) {
        int eq = kv.indexOf('=');
        values.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }

    public double number(String key) {
      return Double.parseDouble(values.get(key));
    }

    public String text(String key) {
      return values.get(key);
    }

    @Override
    public String toString() {
      return line;
    }
  }

  private ClientCost() {}

  public static void main(String[] args) {
    Config c = parse(args);
    List<Result> results = new ArrayList<>();
    Result big = run(c, results, line -> System.err.println("  " + line));
    System.out.println(BenchMain.machine());
    System.out.println();
    System.out.println(markdown(c, results, big));
    System.exit(0);
  }

  /** Runs every library, then the big run; returns the big run's result (null if disabled). */
  public static Result run(Config c, List<Result> results, Consumer<String> progress) {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      List<Launch> launches = new ArrayList<>();
      for (String lib : c.libraries) {
        launches.add(new Launch(lib, c.clients, c.idleSeconds, c.pingSeconds, c.childJvmOptions));
      }
      Launch big = c.bigClients <= 0 ? null
          : new Launch("mqttas", c.bigClients, c.bigIdleSeconds, c.pingSeconds, with(c.childJvmOptions, "-Xmx" + c.bigHeap));
      if (big != null) {
        launches.add(big);
      }
      try {
        for (Launch l : launches) {
          if (c.parallel) {
            l.start(broker);
          }
        }
        for (Launch l : launches) {
          if (!c.parallel) {
            l.start(broker);
          }
          Result r = l.finish(progress);
          if (l != big) {
            results.add(r);
          }
        }
      } finally {
        for (Launch l : launches) {
          l.close();
        }
      }
      return big == null ? null : big.result;
    }
  }

  private static List<String> with(List<String> options, String more) {
    List<String> all = new ArrayList<>(options);
    all.add(more);
    return all;
  }

  /** One child JVM measuring one library. */
  private static final class Launch implements AutoCloseable {
    final String lib;
    final int n;
    final int idle;
    final int ping;
    final List<String> jvmOptions;
    ChildJvm child;
    long startedAt;
    Result result;

    Launch(String lib, int n, int idle, int ping, List<String> jvmOptions) {
      this.lib = lib;
      this.n = n;
      this.idle = idle;
      this.ping = ping;
      this.jvmOptions = jvmOptions;
    }

    void start(MosquittoBroker broker) {
      startedAt = System.nanoTime();
      child = ChildJvm.builder(IdleClientsMain.class).jvmOptions(jvmOptions).args(List.of(lib, Integer.toString(n),
          broker.host(), Integer.toString(broker.port()), Integer.toString(idle), Integer.toString(ping),
          "cost" + lib + n + "x")).start();
    }

    Result finish(Consumer<String> progress) {
      String line = child.awaitLine(l -> l.startsWith("RESULT ") || l.startsWith("FAILED "),
          Duration.ofSeconds(120 + idle * 2L + n / 5));
      if (line.startsWith("FAILED ")) {
        throw new IllegalStateException(line + "\n" + child.errorTail());
      }
      child.awaitExit(Duration.ofSeconds(60));
      progress.accept(String.format(Locale.ROOT, "%s %s [%.1f s]", lib, line, (System.nanoTime() - startedAt) / 1e9));
      result = new Result(line);
      return result;
    }

    @Override
    public void close() {
      if (child != null) {
        child.close();
      }
    }
  }

  static String markdown(Config c, List<Result> results, Result big) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%d idle, connected, subscribed clients per JVM (one child JVM per library, "
        + "default heap), one PINGREQ per client every %d s, idle window %d s; costs are (N+1 clients − 1 client) / N.%n%n",
        c.clients, c.pingSeconds, c.idleSeconds));
    sb.append("| Client | threads per client | retained heap per client | idle CPU per client per minute | disconnected after idle |\n");
    sb.append("|---|---:|---:|---:|---:|\n");
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.1f KiB | %.2f ms | %d |%n", Benchmark.factory(r.text("client")).name(),
          r.number("threadsPerClient"), r.number("heapPerClientKiB"), r.number("cpuMsPerClientPerMinute"),
          (int) r.number("disconnected")));
    }
    if (big != null) {
      sb.append(String.format(Locale.ROOT, "%n%d mqttas clients in one JVM with -Xmx%s: %d of %d still connected after %d s idle; "
          + "retained heap %.1f MiB (%.1f KiB per client), %d threads.%n", (int) big.number("n"), c.bigHeap,
          (int) (big.number("n") + 1 - big.number("disconnected")), (int) big.number("n") + 1, (int) big.number("idleSeconds"),
          big.number("heapAfterIdle") / 1048576.0, big.number("heapPerClientKiB"), (int) big.number("threadsN")));
    }
    return sb.toString();
  }

  static Config parse(String[] args) {
    Config c = new Config();
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--clients": c.clients = Integer.parseInt(v); break;
        case "--idle-s": c.idleSeconds = Integer.parseInt(v); break;
        case "--ping-s": c.pingSeconds = Integer.parseInt(v); break;
        case "--libraries": c.libraries = List.of(v.split(",")); break;
        case "--big": c.bigClients = Integer.parseInt(v); break;
        case "--big-idle-s": c.bigIdleSeconds = Integer.parseInt(v); break;
        case "--big-heap": c.bigHeap = v; break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]
            + " (--clients N --idle-s S --ping-s S --libraries paho,hivemq,mqttas --big N --big-idle-s S --big-heap 256m)");
      }
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("missing value after " + args[args.length - 1]);
    }
    return c;
  }
}
