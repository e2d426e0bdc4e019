// Issue 3 item 17: QoS 1 publish throughput at a given in-flight window (msg/s acknowledged).
package io.mqttas.bench;

import java.time.Duration;

final class PublishThroughput {
  private PublishThroughput() {}

  /** Warms up with a tenth of the messages (at most 10,000), then times {@code count} QoS 1 publications. */
  static Measurement run(BenchClient.Factory f, String host, int port, String topic, byte[] payload, int count,
      int window, Duration stall) throws Exception {
    return run(f, host, port, topic, payload, count, window, stall, 1);
  }

  /** As above at {@code qos} (1, or 2: complete on PUBCOMP; issue 13). */
  static Measurement run(BenchClient.Factory f, String host, int port, String topic, byte[] payload, int count,
      int window, Duration stall, int qos) throws Exception {
    try (BenchClient c = f.create()) {
      c.connect(host, port, ClientIds.next(f), window);
      WindowedPublisher.publishAll(c, topic, payload, qos, Math.min(10_000, Math.max(1, count / 10)), window, stall);
      long t0 = System.nanoTime();
      int acked = WindowedPublisher.publishAll(c, topic, payload, qos, count, window, stall);
      double secs = (System.nanoTime() - t0) / 1e9;
      return Measurement.of(acked / secs, acked);
    }
  }
}
