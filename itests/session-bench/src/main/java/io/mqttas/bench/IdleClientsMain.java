// Issue 9 item 16 (per-client cost rows): runs in a child JVM of its own (ClientCost starts it), so
// threads, retained heap and CPU are this process's alone. One client first (library classes loaded,
// shared event loops started), then N more, all connected and subscribed, then an idle window:
// the per-client cost is the difference over N, so fixed costs of a library do not count.
package io.mqttas.bench;

import io.mqttas.testkit.JvmStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code IdleClientsMain <client key> <n> <host> <port> <idle seconds> <ping seconds> <client id prefix>};
 * prints one RESULT line. Each child gets its own id prefix: two children sharing ids would take
 * each other's sessions over at the broker.
 */
public final class IdleClientsMain {
  private IdleClientsMain() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    String key = args[0];
    int n = Integer.parseInt(args[1]);
    String host = args[2];
    int port = Integer.parseInt(args[3]);
    long idleMillis = Long.parseLong(args[4]) * 1000;
    int ping = Integer.parseInt(args[5]);
    String prefix = args[6];
    BenchClient.Factory f = Benchmark.factory(key);
    List<BenchClient> clients = new ArrayList<>();
    try {
      // Pauses scale with the idle window (a long run settles longer; the CI smoke stays short).
      long settle = Math.min(2000, idleMillis / 4);
      long baseWindow = Math.min(10_000, Math.max(250, idleMillis / 4));
      clients.add(connect(f, host, port, ping, prefix + 0));
      Thread.sleep(settle);
      JvmStats one = JvmStats.afterGc();
      double baseRate = cpuOver(baseWindow) / (double) baseWindow;
      for (int i = 1; i <= n; i++) {
        clients.add(connect(f, host, port, ping, prefix + i));
      }
      Thread.sleep(settle);
      JvmStats all = JvmStats.afterGc();
      long idleCpu = cpuOver(idleMillis);
      int down = 0;
      for (BenchClient c : clients) {
        down += c.isConnected() ? 0 : 1;
      }
      JvmStats last = JvmStats.afterGc();
      double cpuPerClientPerMinute = (idleCpu / (double) idleMillis - baseRate) * 60_000 / n / 1e6;
      System.out.println(String.format(Locale.ROOT,
          "RESULT client=%s n=%d threads1=%d threadsN=%d threadsPerClient=%.3f heap1=%d heapN=%d heapPerClientKiB=%.1f "
              + "heapAfterIdle=%d cpuMsPerClientPerMinute=%.3f idleSeconds=%d pingSeconds=%d disconnected=%d maxHeap=%d",
          key, n, one.threads(), all.threads(), (all.threads() - one.threads()) / (double) n, one.heapUsedBytes(),
          all.heapUsedBytes(), (all.heapUsedBytes() - one.heapUsedBytes()) / 1024.0 / n, last.heapUsedBytes(),
          cpuPerClientPerMinute, idleMillis / 1000, ping, down, Runtime.getRuntime().maxMemory()));
    } catch (Throwable t) {
      System.out.println("FAILED " + key + " after " + clients.size() + " clients: " + t);
      t.printStackTrace();
    } finally {
      for (BenchClient c : clients) {
        try {
          c.close();
        } catch (Exception e) {
          // leaving anyway
        }
      }
    }
    System.exit(0); // HiveMQ's shared event loop lingers
  }

  private static BenchClient connect(BenchClient.Factory f, String host, int port, int ping, String id) throws Exception {
    BenchClient c = f.create();
    c.pingEvery(ping);
    c.connect(host, port, id, 10);
    c.subscribe("cost/" + id, 1, p -> { });
    return c;
  }

  /** Process CPU time used while sleeping {@code millis}, in nanoseconds. */
  private static long cpuOver(long millis) throws InterruptedException {
    long c0 = JvmStats.processCpuNanos();
    Thread.sleep(millis);
    return JvmStats.processCpuNanos() - c0;
  }
}
