package io.mqttas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmStatsTest {

  @Test
  void fileDescriptorsThreadsAndRetainedHeapAreSeen() throws Exception {
    // A full GC runs cleaners that close descriptors of unreachable streams from earlier tests:
    // collect first, then count descriptors without collecting in between.
    JvmStats before = JvmStats.afterGc();
    assertTrue(before.openFiles() > 0, "Linux /proc/self/fd is readable here: " + before);
    List<ServerSocket> sockets = new ArrayList<>();
    byte[][] retained = new byte[16][];
    Thread t = new Thread(() -> Sleep.millis(2000), "mqttas-test-stats");
    t.start();
    try {
      int fds = JvmStats.openFileDescriptors();
      for (int i = 0; i < 10; i++) {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(FreePort.HOST), 0));
        sockets.add(s);
      }
      assertEquals(fds + 10, JvmStats.openFileDescriptors(), "ten sockets, ten descriptors");
      for (int i = 0; i < retained.length; i++) {
        retained[i] = new byte[1024 * 1024];
      }
      JvmStats during = JvmStats.afterGc();
      assertTrue(during.heapUsedBytes() - before.heapUsedBytes() >= 15L * 1024 * 1024, before + " → " + during);
      assertEquals(before.threads("mqttas-test-stats") + 1, during.threads("mqttas-test-stats"));
      assertTrue(during.threadNames().contains("mqttas-test-stats"));
      assertTrue(during.cpuNanos() >= before.cpuNanos() && before.cpuNanos() > 0);
      fds = JvmStats.openFileDescriptors();
      for (ServerSocket s : sockets) {
        s.close();
      }
      assertEquals(fds - 10, JvmStats.openFileDescriptors(), "closed again");
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
      t.join();
    }
    assertEquals(16, retained.length); // keeps the arrays reachable until here
  }
}
