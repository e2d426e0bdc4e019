// Issue 3 item 17: time from "the restarted broker accepts connections" to the first PUBACK.
// The broker is SIGKILLed, stays down for `downtime`, then starts on the same port. A publisher
// keeps offering QoS 1 messages through the outage (retrying when the client refuses at once);
// each client reconnects with its own default automatic-reconnect settings.
package io.mqttas.bench;

import io.mqttas.testkit.MosquittoBroker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

final class RestartRecovery {
  private RestartRecovery() {}

  /** Milliseconds; negative values are clamped to 0 (the client beat the 10 ms readiness poll). */
  static Measurement run(BenchClient.Factory f, MosquittoBroker broker, String topic, byte[] payload,
      Duration downtime, Duration deadline) throws Exception {
    try (BenchClient c = f.create()) {
      c.connect(broker.host(), broker.port(), ClientIds.next(f), 10);
      WindowedPublisher.publishAll(c, topic, payload, 1, 1, 1, Duration.ofSeconds(10));

      broker.kill();
      Thread.sleep(downtime.toMillis());
      broker.startAgain(); // returns when the port accepts
      long ready = System.nanoTime();

      AtomicLong firstAck = new AtomicLong();
      CountDownLatch acked = new CountDownLatch(1);
      AtomicInteger inFlight = new AtomicInteger();
      BenchClient.Completion done = e -> {
        if (e != null) {
          inFlight.decrementAndGet(); // failed (e.g. connection lost): offer another
        } else if (firstAck.compareAndSet(0, System.nanoTime())) {
          acked.countDown();
        }
      };
      long end = ready + deadline.toNanos();
      while (acked.getCount() > 0 && System.nanoTime() < end) {
        try {
          if (inFlight.get() < 10) { // a few offered at a time: clients that queue while offline need no more
            inFlight.incrementAndGet();
            try {
              c.publish(topic, payload, 1, done);
            } catch (Exception refused) {
              inFlight.decrementAndGet();
              throw refused;
            }
          }
          acked.await(50, TimeUnit.MILLISECONDS);
        } catch (Exception refused) {
          // the client refused at once (not connected): offer again shortly
          Thread.sleep(2);
        }
      }
      if (acked.getCount() > 0) {
        return Measurement.none("no PUBACK within " + deadline.toSeconds() + " s");
      }
      return Measurement.of(Math.max(0, firstAck.get() - ready) / 1e6, 1);
    }
  }
}
