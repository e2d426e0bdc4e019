package io.mqttas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadLeakCheckTest {

  @Test
  void reportsANewThreadUntilItEnds() throws InterruptedException {
    ThreadLeakCheck check = ThreadLeakCheck.snapshot("mqttas-kit-leak-");
    CountDownLatch stop = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "mqttas-kit-leak-1");
    t.start();
    assertEquals(List.of("mqttas-kit-leak-1"), check.newThreadNames());
    assertEquals(1, check.growth());
    AssertionError e = assertThrows(AssertionError.class, () -> check.assertNoLeak(Duration.ofMillis(100)));
    assertTrue(e.getMessage().contains("mqttas-kit-leak-1 (WAITING)"), e.getMessage());
    assertTrue(e.getMessage().contains("at "), "stack trace expected: " + e.getMessage());
    stop.countDown();
    check.assertNoLeak(Duration.ofSeconds(5));
    assertEquals(0, check.growth());
  }

  @Test
  void subscriberThreadsAndProcessesAreGoneAfterClose() {
    ThreadLeakCheck check = ThreadLeakCheck.snapshot("mqttas-");
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      MqttSubscriber sub = MqttSubscriber.start(broker, "x", 0);
      assertTrue(check.growth() >= 1);
      sub.close();
      sub.close();
      assertTrue(!sub.isAlive());
    }
    check.assertNoLeak(Duration.ofSeconds(5));
    assertEquals(0, ChildProcesses.liveCount());
  }
}
