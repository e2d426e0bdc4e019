// Issue 3 item 17: QoS 0 publisher → Mosquitto → subscriber, both of the same client kind;
// throughput measured at the subscriber (first publish to last message received).
package io.mqttas.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

final class EndToEndThroughput {
  private EndToEndThroughput() {}

  /** Window of QoS 0 publications handed to the client but not yet written (bounds client queues). */
  static final int QOS0_WINDOW = 1000;

  static Measurement run(BenchClient.Factory f, String host, int port, String topic, byte[] payload, int count,
      Duration stall) throws Exception {
    if (!f.asynchronous()) {
      return Measurement.none("n/a");
    }
    try (BenchClient sub = f.create(); BenchClient pub = f.create()) {
      AtomicLong received = new AtomicLong();
      AtomicLong lastAt = new AtomicLong();
      sub.connect(host, port, ClientIds.next(f), QOS0_WINDOW);
      sub.subscribe(topic, 0, p -> {
        received.incrementAndGet();
        lastAt.set(System.nanoTime());
      });
      pub.connect(host, port, ClientIds.next(f), QOS0_WINDOW);

      int warm = Math.min(10_000, Math.max(1, count / 10));
      WindowedPublisher.publishAll(pub, topic, payload, 0, warm, QOS0_WINDOW, stall);
      awaitCount(received, warm, stall);
      received.set(0);

      long t0 = System.nanoTime();
      WindowedPublisher.publishAll(pub, topic, payload, 0, count, QOS0_WINDOW, stall);
      awaitCount(received, count, stall);
      long n = received.get();
      double secs = (lastAt.get() - t0) / 1e9;
      return Measurement.of(n / secs, n);
    }
  }

  /** Waits until {@code target} arrived or nothing arrived for {@code stall} (QoS 0 may lose). */
  private static void awaitCount(AtomicLong received, long target, Duration stall) throws InterruptedException {
    long seen = -1;
    long since = System.nanoTime();
    while (received.get() < target) {
      long now = received.get();
      if (now != seen) {
        seen = now;
        since = System.nanoTime();
      } else if (System.nanoTime() - since > stall.toNanos()) {
        return;
      }
      Thread.sleep(1);
    }
  }
}
