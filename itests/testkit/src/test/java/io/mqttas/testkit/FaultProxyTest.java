package io.mqttas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

  private final ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-test-proxy-");
  private EchoServer echo;
  private FaultProxy proxy;

  @BeforeEach
  void setUp() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.to(FreePort.HOST, echo.port());
  }

  @AfterEach
  void tearDown() throws IOException {
    proxy.close();
    proxy.close(); // idempotent
    echo.close();
    leaks.assertNoLeak(Duration.ofSeconds(5));
  }

  @Test
  void passForwardsBothWaysAndCountsConnections() throws IOException {
    try (Socket a = connect(); Socket b = connect()) {
      assertEquals("hello", roundTrip(a, "hello"));
      assertEquals("again", roundTrip(b, "again"));
      assertEquals(2, proxy.connectionCount());
      assertEquals(2, proxy.activeConnections());
      assertEquals(10, proxy.bytesForwarded(FaultProxy.Direction.TO_BROKER));
      assertEquals(10, proxy.bytesForwarded(FaultProxy.Direction.TO_CLIENT));
    }
  }

  @Test
  void blackholeForwardsNothingAndPassResumesTheStreamIntact() throws Exception {
    try (Socket s = connect()) {
      assertEquals("up", roundTrip(s, "up"));
      proxy.blackhole();
      s.getOutputStream().write("lost?".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      assertEquals(2, echo.bytesReceived(), "no byte may reach the server through a black hole");

      proxy.pass();
      s.setSoTimeout(5000);
      assertEquals("lost?", new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void newConnectionUnderBlackholeIsAcceptedButGetsNoBytes() throws Exception {
    proxy.blackhole();
    try (Socket s = connect()) {
      s.getOutputStream().write('x');
      s.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      assertTrue(proxy.awaitConnectionCount(1, Duration.ofSeconds(5)));
      assertEquals(0, echo.connections(), "black-holed connection must not reach the target");
    }
  }

  @Test
  void resetGivesTheClientAConnectionReset() throws Exception {
    try (Socket s = connect()) {
      assertEquals("a", roundTrip(s, "a"));
      proxy.reset();
      s.setSoTimeout(5000);
      assertThrows(SocketException.class, () -> {
        InputStream in = s.getInputStream();
        in.read();
        in.read(); // in case the first read raced the reset
      });
    }
    // New connections are reset too while the mode holds (the reset may hit connect's own setup).
    assertThrows(SocketException.class, () -> {
      try (Socket s2 = connect()) {
        s2.setSoTimeout(5000);
        s2.getInputStream().read();
      }
    });
    proxy.pass();
    try (Socket s3 = connect()) {
      assertEquals("back", roundTrip(s3, "back"));
    }
  }

  @Test
  void refuseClosesNewConnectionsButKeepsExistingOnes() throws IOException {
    try (Socket old = connect()) {
      assertEquals("first", roundTrip(old, "first")); // make sure the proxy accepted it before refusing
      proxy.refuse();
      try (Socket s = connect()) {
        s.setSoTimeout(5000);
        assertEquals(-1, s.getInputStream().read());
      }
      assertEquals("still", roundTrip(old, "still"));
    }
  }

  @Test
  void dropAfterForwardsExactlyNBytesThenResets() throws Exception {
    try (Socket s = connect()) {
      assertEquals("hi", roundTrip(s, "hi"));
      proxy.dropAfter(FaultProxy.Direction.TO_BROKER, 5);
      s.getOutputStream().write("0123456789".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(5000);
      assertThrows(IOException.class, () -> {
        InputStream in = s.getInputStream();
        while (in.read() >= 0) {
          // echoes of the first 5 bytes may arrive before the reset
        }
        throw new IOException("EOF instead of reset is fine too");
      });
      assertTrue(echo.awaitBytes(2 + 5, Duration.ofSeconds(5)), "server got " + echo.bytesReceived() + " bytes, proxy forwarded "
          + proxy.bytesForwarded(FaultProxy.Direction.TO_BROKER));
      Thread.sleep(100);
      assertEquals(2 + 5, echo.bytesReceived());
    }
  }

  @Test
  void delayHoldsBytesBack() throws IOException {
    proxy.delay(Duration.ofMillis(150));
    try (Socket s = connect()) {
      long t0 = System.nanoTime();
      assertEquals("slow", roundTrip(s, "slow"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 290, "round trip through two 150 ms delays took only " + ms + " ms");
    }
  }

  @Test
  void throttleLimitsTheByteRate() throws Exception {
    proxy.throttle(20_000);
    try (Socket s = connect()) {
      byte[] block = new byte[30_000];
      long t0 = System.nanoTime();
      s.getOutputStream().write(block);
      s.getOutputStream().flush();
      assertTrue(echo.awaitBytes(block.length, Duration.ofSeconds(20)), "echo got " + echo.bytesReceived());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      // 30 kB at 20 kB/s: about 1.5 s; generous bounds for a shared machine.
      assertTrue(ms >= 1200, "30 kB crossed a 20 kB/s link in only " + ms + " ms");
      assertTrue(ms < 15_000, "30 kB took " + ms + " ms");
    }
    proxy.throttle(0);
    try (Socket s = connect()) {
      assertEquals("fast", roundTrip(s, "fast"));
    }
  }

  @Test
  void worksInFrontOfMosquittoAcrossARestart() {
    try (MosquittoBroker broker = MosquittoBroker.start(); FaultProxy p = FaultProxy.to(broker)) {
      MosquittoClientOptions viaProxy = MosquittoClientOptions.port(p.port());
      try (MqttSubscriber sub = MqttSubscriber.start(broker, "px/#", 1)) {
        new MqttPublisher(viaProxy).publish("px/1", "through proxy", 1);
        assertEquals("px/1 through proxy", sub.awaitMessage(Duration.ofSeconds(10)).toString());
      }
      broker.kill();
      ExternalCommand down = new MqttPublisher(viaProxy).attempt("px/1", "x", 1, false);
      assertTrue(down.exitCode() != 0, down.describe());
      broker.startAgain();
      new MqttPublisher(viaProxy).publish("px/1", "after restart", 1);
      assertTrue(p.connectionCount() >= 3);
    }
  }

  @Test
  void dropAfterLetsTheBrokerGetThePublishButNotTheClientThePuback() throws IOException {
    try (MosquittoBroker broker = MosquittoBroker.start(); FaultProxy p = FaultProxy.to(broker);
        MqttSubscriber sub = MqttSubscriber.start(broker, "drop/#", 1)) {
      byte[] connect = Packets.connect("kit-drop", true, 30);
      byte[] publish = Packets.publish("drop/1", "made it", 1, 1);
      p.dropAfter(FaultProxy.Direction.TO_BROKER, connect.length + publish.length);
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(p.host(), p.port()), 5000);
        s.setSoTimeout(5000);
        s.getOutputStream().write(connect);
        s.getOutputStream().write(publish);
        assertThrows(IOException.class, () -> {
          InputStream in = s.getInputStream();
          byte[] got = in.readNBytes(8); // CONNACK (4) + PUBACK (4) would be 8 bytes
          if (got.length < 8) {
            throw new IOException("EOF after " + got.length + " bytes");
          }
        }, "the client must not get its PUBACK");
      }
      assertEquals("drop/1 made it", sub.awaitMessage(Duration.ofSeconds(10)).toString());
    }
  }

  @Test
  void manyShortConnectionsLeaveOnlyTheAcceptorThread() throws Exception {
    for (int i = 0; i < 200; i++) {
      try (Socket s = connect()) {
        assertEquals("n" + i, roundTrip(s, "n" + i));
        if (i % 2 == 0) {
          proxy.resetConnections(); // half of them end by reset, half by an orderly close
        }
      }
    }
    assertEquals(200, proxy.connectionCount());
    long end = System.nanoTime() + 10_000_000_000L;
    while ((proxy.activeConnections() > 0 || ThreadLeakCheck.live("mqttas-test-proxy-").size() > 1)
        && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertEquals(0, proxy.activeConnections());
    assertEquals(1, ThreadLeakCheck.live("mqttas-test-proxy-").size(),
        "only the acceptor may remain: " + ThreadLeakCheck.live("mqttas-test-proxy-"));
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(proxy.host(), proxy.port()), 5000);
    s.setTcpNoDelay(true);
    return s;
  }

  private static String roundTrip(Socket s, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    s.setSoTimeout(5000);
    s.getOutputStream().write(b);
    return new String(s.getInputStream().readNBytes(b.length), StandardCharsets.US_ASCII);
  }

  /** A test-only echo server (threads named echo-…, outside the checked prefix). */
  static final class EchoServer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(FreePort.HOST));
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    private final Thread acceptor;

    EchoServer() throws IOException {
      acceptor = new Thread(() -> {
        try {
          while (true) {
            Socket s = server.accept();
            accepted.add(s);
            Thread t = new Thread(() -> echo(s), "echo-conn");
            t.setDaemon(true);
            t.start();
          }
        } catch (IOException e) {
          // closed
        }
      }, "echo-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void echo(Socket s) {
      try {
        byte[] buf = new byte[4096];
        int n;
        while ((n = s.getInputStream().read(buf)) > 0) {
          bytes.addAndGet(n);
          s.getOutputStream().write(buf, 0, n);
        }
      } catch (IOException e) {
        // peer gone
      }
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return accepted.size();
    }

    long bytesReceived() {
      return bytes.get();
    }

    boolean awaitBytes(long n, Duration d) throws InterruptedException {
      long end = System.nanoTime() + d.toNanos();
      while (bytes.get() < n && System.nanoTime() < end) {
        TimeUnit.MILLISECONDS.sleep(5);
      }
      return bytes.get() >= n;
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
