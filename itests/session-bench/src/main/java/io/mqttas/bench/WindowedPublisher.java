// Issue 3 item 17: publishes N messages keeping at most `window` unacknowledged — the same driver
// for every client, so a window means the same thing for all of them.
package io.mqttas.bench;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

final class WindowedPublisher {

  private WindowedPublisher() {}

  /**
   * Publishes {@code count} messages from the calling thread with at most {@code window}
   * outstanding and returns once all are complete. Fails on the first error or when no
   * completion arrives for {@code stall}.
   */
  static int publishAll(BenchClient client, String topic, byte[] payload, int qos, int count, int window, Duration stall)
      throws Exception {
    Semaphore slots = new Semaphore(window);
    AtomicInteger completed = new AtomicInteger();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    BenchClient.Completion done = error -> {
      if (error != null) {
        firstError.compareAndSet(null, error);
      }
      completed.incrementAndGet();
      slots.release();
    };
    for (int i = 0; i < count; i++) {
      if (!slots.tryAcquire(stall.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new TimeoutException("no acknowledgement for " + stall + " after " + completed.get() + " of " + count);
      }
      if (firstError.get() != null) {
        break;
      }
      client.publish(topic, payload, qos, done);
    }
    if (!slots.tryAcquire(window, stall.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new TimeoutException("only " + completed.get() + " of " + count + " acknowledged, then " + stall + " of silence");
    }
    Throwable e = firstError.get();
    if (e != null) {
      throw new IllegalStateException("publication failed after " + completed.get() + " of " + count + ": " + e, e);
    }
    return completed.get();
  }
}
