// Issue 9 item 16: bytes allocated per acknowledged QoS 1 publication at window 10, all threads of
// the JVM counted (the client's I/O, writer, completion and timer threads as well as the driver),
// from HotSpot's per-thread allocation counters (com.sun.management.ThreadMXBean) — the figure
// JMH's -prof gc reports as gc.alloc.rate.norm, here for a whole client instead of one method.
package io.mqttas.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

final class AllocationPerMessage {
  private AllocationPerMessage() {}

  /**
   * Warms up with {@code count} publications (JIT, pools), then counts what every live thread
   * allocated while {@code count} more were published and acknowledged. A thread that ended
   * during the window takes its count with it: the window is measured again (three tries), and
   * if every try lost a thread the result says so.
   */
  static Measurement run(BenchClient.Factory f, String host, int port, String topic, byte[] payload, int count,
      int window, Duration stall) throws Exception {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!mx.isThreadAllocatedMemorySupported()) {
      return Measurement.none("n/a: no allocation counters in this JVM");
    }
    mx.setThreadAllocatedMemoryEnabled(true);
    try (BenchClient c = f.create()) {
      c.connect(host, port, ClientIds.next(f), window);
      WindowedPublisher.publishAll(c, topic, payload, 1, count, window, stall);
      // A thread that ends inside the window (an idle pool thread of any library expiring) takes
      // its count with it: measure the window again, up to three times, before reporting a bound.
      String bound = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        Map<Long, Long> before = allocated(mx);
        int acked = WindowedPublisher.publishAll(c, topic, payload, 1, count, window, stall);
        Map<Long, Long> after = allocated(mx);
        long bytes = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
          bytes += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        long ended = before.keySet().stream().filter(id -> !after.containsKey(id)).count();
        if (ended == 0) {
          return Measurement.of((double) bytes / acked, acked);
        }
        bound = String.format("≥ %.0f (%d threads ended)", (double) bytes / acked, ended);
      }
      return Measurement.none(bound);
    }
  }

  private static Map<Long, Long> allocated(com.sun.management.ThreadMXBean mx) {
    long[] ids = mx.getAllThreadIds();
    long[] bytes = mx.getThreadAllocatedBytes(ids);
    Map<Long, Long> m = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        m.put(ids[i], bytes[i]);
      }
    }
    return m;
  }
}
