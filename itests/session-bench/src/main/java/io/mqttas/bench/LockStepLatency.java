// Issue 3 item 17: lock-step QoS 1 latency — publish, wait for the PUBACK, repeat; percentiles of
// the PUBLISH→PUBACK time as the application sees it.
package io.mqttas.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

final class LockStepLatency {
  private LockStepLatency() {}

  /** p50 and p99 in microseconds. */
  static Measurement[] run(BenchClient.Factory f, String host, int port, String topic, byte[] payload, int samples,
      Duration stall) throws Exception {
    try (BenchClient c = f.create()) {
      c.connect(host, port, ClientIds.next(f), 1);
      Semaphore acked = new Semaphore(0);
      AtomicReference<Throwable> error = new AtomicReference<>();
      BenchClient.Completion done = e -> {
        if (e != null) {
          error.set(e);
        }
        acked.release();
      };
      int warm = Math.min(5_000, Math.max(1, samples / 10));
      long[] nanos = new long[samples];
      for (int i = -warm; i < samples; i++) {
        long t0 = System.nanoTime();
        c.publish(topic, payload, 1, done);
        if (!acked.tryAcquire(stall.toNanos(), TimeUnit.NANOSECONDS)) {
          throw new TimeoutException("no PUBACK within " + stall + " at sample " + i);
        }
        long dt = System.nanoTime() - t0;
        if (error.get() != null) {
          throw new IllegalStateException("publication failed at sample " + i, error.get());
        }
        if (i >= 0) {
          nanos[i] = dt;
        }
      }
      Arrays.sort(nanos);
      return new Measurement[] {
        Measurement.of(percentile(nanos, 0.50) / 1e3, samples), Measurement.of(percentile(nanos, 0.99) / 1e3, samples)
      };
    }
  }

  private static long percentile(long[] sorted, double p) {
    int idx = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }
}
