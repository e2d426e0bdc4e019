package io.mqttas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MosquittoClusterTest {

  private static void await(Duration d, String what, java.util.function.BooleanSupplier c) {
    long end = System.nanoTime() + d.toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + d + ": " + what);
      }
      Sleep.millis(20);
    }
  }

  @Test
  void eachMessageReachesBothNodesExactlyOnce() {
    List<String> on0 = new CopyOnWriteArrayList<>();
    List<String> on1 = new CopyOnWriteArrayList<>();
    try (MosquittoCluster cluster = MosquittoCluster.builder().start();
         ReferenceClient s0 = ReferenceClient.builder("127.0.0.1", cluster.node(0).port(), "c-s0").subscribe("c/#", 1)
             .onMessage(m -> on0.add(m.payloadUtf8())).start();
         ReferenceClient s1 = ReferenceClient.builder("127.0.0.1", cluster.node(1).port(), "c-s1").subscribe("c/#", 1)
             .onMessage(m -> on1.add(m.payloadUtf8())).start();
         ReferenceClient p0 = ReferenceClient.builder("127.0.0.1", cluster.node(0).port(), "c-p0").start();
         ReferenceClient p1 = ReferenceClient.builder("127.0.0.1", cluster.node(1).port(), "c-p1").start()) {
      assertEquals("127.0.0.1:" + cluster.node(0).port() + ",127.0.0.1:" + cluster.node(1).port(), cluster.servers());
      p0.publish("c/t", "from0");
      p1.publish("c/t", "from1");
      await(Duration.ofSeconds(10), "both messages on both nodes: " + on0 + " " + on1,
          () -> on0.size() >= 2 && on1.size() >= 2);
      Sleep.millis(500); // an echo loop would show up as more copies by now
      assertEquals(Set.of("from0", "from1"), Set.copyOf(on0));
      assertEquals(2, on0.size(), "no bridge echo on node 0: " + on0);
      assertEquals(2, on1.size(), "no bridge echo on node 1: " + on1);
    }
  }

  @Test
  void whatNode0AcceptedReachesNode1AfterItsRestartWithPersistence() {
    Set<String> on1 = ConcurrentHashMap.newKeySet();
    try (MosquittoCluster cluster = MosquittoCluster.builder().persistence(true).start();
         ReferenceClient s1 = ReferenceClient.builder("127.0.0.1", cluster.node(1).port(), "c-s1b").subscribe("b/#", 1)
             .onMessage(m -> on1.add(m.payloadUtf8())).start()) {
      int total = 2000;
      try (ReferenceClient p0 = ReferenceClient.builder("127.0.0.1", cluster.node(0).port(), "c-p0b").window(200).start()) {
        for (int i = 0; i < total; i++) {
          p0.publish("b/t", "m" + i);
        }
        p0.awaitAllAcknowledged(Duration.ofSeconds(20));
      }
      cluster.node(0).stop(); // SIGTERM right after the burst: part of it may still wait for the bridge
      long before = on1.size();
      cluster.node(0).startAgain();
      cluster.awaitBridged(Duration.ofSeconds(20));
      await(Duration.ofSeconds(20), "all " + total + " on node 1 (had " + before + " before node 0 returned, now "
          + on1.size() + ")", () -> on1.size() == total);
      assertTrue(cluster.node(0).starts() == 2);
    }
  }

  @Test
  void node1QueuesForNode0WhileItIsDown() {
    Set<String> on0 = ConcurrentHashMap.newKeySet();
    try (MosquittoCluster cluster = MosquittoCluster.builder().persistence(true).start()) {
      // A persistent subscriber on node 0, away while node 0 is down.
      ReferenceClient.builder("127.0.0.1", cluster.node(0).port(), "c-s0c").cleanSession(false).subscribe("q/#", 1)
          .start().close();
      cluster.node(0).stop();
      try (ReferenceClient p1 = ReferenceClient.builder("127.0.0.1", cluster.node(1).port(), "c-p1c").start()) {
        for (int i = 0; i < 100; i++) {
          p1.publish("q/t", "m" + i);
        }
        p1.awaitAllAcknowledged(Duration.ofSeconds(10));
      }
      cluster.node(0).startAgain();
      try (ReferenceClient s0 = ReferenceClient.builder("127.0.0.1", cluster.node(0).port(), "c-s0c").cleanSession(false)
          .subscribe("q/#", 1).onMessage(m -> on0.add(m.payloadUtf8())).start()) {
        await(Duration.ofSeconds(20), "100 messages queued on node 1 reach node 0 (got " + on0.size() + ")",
            () -> on0.size() == 100);
      }
    }
  }
}
