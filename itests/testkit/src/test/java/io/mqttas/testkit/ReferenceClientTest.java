package io.mqttas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ReferenceClientTest {

  @Test
  void qos1RoundTripWithMosquitto() {
    ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-");
    Set<String> got = ConcurrentHashMap.newKeySet();
    try (MosquittoBroker broker = MosquittoBroker.start();
         ReferenceClient sub = ReferenceClient.builder(broker.host(), broker.port(), "ref-sub").subscribe("ref/#", 1)
             .onMessage(m -> got.add(m.topic() + " " + m.payloadUtf8())).start();
         ReferenceClient pub = ReferenceClient.builder(broker.host(), broker.port(), "ref-pub").window(10).start()) {
      for (int i = 0; i < 500; i++) {
        pub.publish("ref/t", "m" + i);
      }
      pub.awaitAllAcknowledged(Duration.ofSeconds(10));
      assertEquals(500, pub.acknowledged());
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (got.size() < 500 && System.nanoTime() < end) {
        Sleep.millis(10);
      }
      assertEquals(500, got.size(), sub.toString());
      assertTrue(got.contains("ref/t m499"));
      assertEquals(1, pub.connects());
    }
    leaks.assertNoLeak(Duration.ofSeconds(5));
  }

  @Test
  void survivesBrokerRestartsWithoutLosingAQos1Message() {
    Set<String> got = ConcurrentHashMap.newKeySet();
    try (MosquittoBroker broker = MosquittoBroker.builder().persistence(true).start();
         ReferenceClient sub = ReferenceClient.builder(broker.host(), broker.port(), "ref-persistent").cleanSession(false)
             .subscribe("ref/#", 1).onMessage(m -> got.add(m.payloadUtf8())).start();
         ReferenceClient pub = ReferenceClient.builder(broker.host(), broker.port(), "ref-pub2").window(50).start()) {
      int total = 3000;
      for (int i = 0; i < total; i++) {
        pub.publish("ref/t", "m" + i);
        if (i % 1000 == 500) {
          broker.stop(); // SIGTERM: the broker saves the subscriber's session and queue
          broker.startAgain();
        }
      }
      pub.awaitAllAcknowledged(Duration.ofSeconds(30));
      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (got.size() < total && System.nanoTime() < end) {
        Sleep.millis(20);
      }
      assertEquals(total, got.size(), sub + " / " + pub + "\n" + broker.logTail(20));
      assertTrue(pub.connects() >= 4 && sub.connects() >= 4, pub + " / " + sub);
      assertTrue(sub.received() >= total, "duplicates are allowed, losses are not");
    }
  }

  @Test
  void windowIsValidated() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ReferenceClient.builder("127.0.0.1", 1, "x").window(0));
  }
}
