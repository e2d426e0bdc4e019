package io.mqttas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MosquittoBrokerTest {

  private static final Duration T = Duration.ofSeconds(10);

  @AfterEach
  void noProcessLeftBehind() {
    assertEquals(0, ChildProcesses.liveCount(), "child processes still alive after the test");
  }

  @Test
  void roundTripThenKillAndRestartOnTheSamePort() {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      int port = broker.port();
      long firstPid = broker.pid();
      roundTrip(broker, "before");

      broker.kill();
      assertFalse(broker.isRunning());
      assertFalse(accepts(port), "killed broker still accepts on " + port);

      broker.startAgain();
      assertEquals(port, broker.port());
      assertNotEquals(firstPid, broker.pid());
      roundTrip(broker, "after kill");

      broker.restart();
      assertEquals(3, broker.starts());
      roundTrip(broker, "after restart");
      assertTrue(broker.log().contains("mosquitto version 2.0"), broker.log());
    }
  }

  @Test
  void closeIsIdempotentAndDeletesTheTempDirectory() {
    MosquittoBroker broker = MosquittoBroker.start();
    assertTrue(Files.isDirectory(broker.directory()));
    broker.close();
    broker.close();
    assertFalse(broker.isRunning());
    assertFalse(Files.exists(broker.directory()));
  }

  @Test
  void persistentSessionSurvivesARestartWithPersistence() {
    assertEquals("queued while offline", queuedMessageAfterRestart(true));
  }

  @Test
  void withoutPersistenceARestartForgetsTheSession() {
    assertEquals(null, queuedMessageAfterRestart(false));
  }

  /** Payload of the QoS 1 message queued for an offline clean=false session across a restart, or null. */
  private static String queuedMessageAfterRestart(boolean persistence) {
    try (MosquittoBroker broker = MosquittoBroker.builder().persistence(persistence).start()) {
      MosquittoClientOptions sid = MosquittoClientOptions.plain(broker).clientId("kit-persist");
      // Create a clean=false session with a QoS 1 subscription, then go offline.
      try (MqttSubscriber sub = MqttSubscriber.start(sid, "p/t", 1, "-c")) {
        assertTrue(sub.isAlive());
      }
      MqttPublisher.to(broker).publish("p/t", "queued while offline", 1);
      broker.stop(); // SIGTERM: Mosquitto writes its persistence file
      broker.startAgain();
      try (MqttSubscriber sub = MqttSubscriber.start(sid, "p/t", 1, "-c")) {
        if (!persistence) {
          sub.expectNoMessage(Duration.ofMillis(500));
          return null;
        }
        return sub.awaitMessage(T).payloadUtf8();
      }
    }
  }

  @Test
  void passwordFileAcceptsTheRightPasswordAndRefusesAWrongOne() throws IOException {
    try (MosquittoBroker broker = MosquittoBroker.builder().allowAnonymous(false).user("alice", "s3cret").start()) {
      MosquittoClientOptions good = MosquittoClientOptions.plain(broker).credentials("alice", "s3cret");
      try (MqttSubscriber sub = MqttSubscriber.start(good, "a/#", 0)) {
        new MqttPublisher(good).publish("a/1", "hello", 0);
        assertEquals("a/1 hello", sub.awaitMessage(T).toString());
      }
      assertEquals(5, connackCode(broker, "alice", "wrong"), "wrong password must give CONNACK 5");
      assertEquals(5, connackCode(broker, null, null), "anonymous must be refused");
      ExternalCommand bad = new MqttPublisher(MosquittoClientOptions.plain(broker).credentials("alice", "nope"))
          .attempt("a/1", "x", 0, false);
      assertNotEquals(0, bad.exitCode(), bad.describe());
    }
  }

  @Test
  void aclFileLimitsWhatAUserMayPublish() {
    try (MosquittoBroker broker = MosquittoBroker.builder()
        .allowAnonymous(false).user("alice", "pw").acl("user alice\ntopic readwrite a/#\ntopic read b/#\n").start()) {
      MosquittoClientOptions alice = MosquittoClientOptions.plain(broker).credentials("alice", "pw");
      try (MqttSubscriber sub = MqttSubscriber.start(alice, "+/x", 0)) {
        MqttPublisher pub = new MqttPublisher(alice);
        pub.publish("b/x", "denied", 0); // Mosquitto drops it silently
        pub.publish("a/x", "allowed", 0);
        assertEquals("a/x allowed", sub.awaitMessage(T).toString());
        sub.expectNoMessage(Duration.ofMillis(200));
      }
    }
  }

  @Test
  void tlsListenerAcceptsTheTestCaAndRejectsTheWrongCa() {
    TestCertificates pki = TestCertificates.shared();
    try (MosquittoBroker broker = MosquittoBroker.builder().tls(pki).start()) {
      MosquittoClientOptions tls = MosquittoClientOptions.tls(broker);
      try (MqttSubscriber sub = MqttSubscriber.start(tls, "s/#", 1)) {
        new MqttPublisher(tls).publish("s/1", "over tls", 1);
        assertEquals("s/1 over tls", sub.awaitMessage(T).toString());
      }
      ExternalCommand wrongCa = new MqttPublisher(MosquittoClientOptions.tls(broker).caFile(pki.wrongCaFile()))
          .attempt("s/1", "x", 0, false);
      assertNotEquals(0, wrongCa.exitCode(), wrongCa.describe());
      // A subscriber that cannot connect fails at once with mosquitto_sub's own message.
      long t0 = System.nanoTime();
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> MqttSubscriber.start(MosquittoClientOptions.tls(broker).caFile(pki.wrongCaFile()), "s/#", 0));
      assertTrue(refused.getMessage().contains("exited with"), refused.getMessage());
      assertTrue(System.nanoTime() - t0 < 8_000_000_000L, "should not wait for the SUBACK deadline");
      // The plain listener keeps working next to the TLS one.
      roundTrip(broker, "plain next to tls");
    }
  }

  @Test
  void mutualTlsNeedsTheClientCertificate() throws Exception {
    TestCertificates pki = TestCertificates.shared();
    try (MosquittoBroker broker = MosquittoBroker.builder().tls(pki).requireClientCertificate(true).start()) {
      MqttPublisher withCert = new MqttPublisher(MosquittoClientOptions.tls(broker)
          .clientCertificate(pki.clientCertFile(), pki.clientKeyFile()));
      withCert.publish("m/1", "x", 1);
      ExternalCommand noCert = new MqttPublisher(MosquittoClientOptions.tls(broker)).attempt("m/1", "x", 1, false);
      assertNotEquals(0, noCert.exitCode(), noCert.describe());

      // The JDK key and trust stores built from the same PEM files work for Java clients.
      try (Socket s = pki.sslContext(pki.caFile(), true).getSocketFactory().createSocket(broker.host(), broker.tlsPort())) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write(Packets.connect("kit-jdk-tls", true, 30));
        byte[] connack = s.getInputStream().readNBytes(4);
        assertEquals(Hex.format(Packets.connack(false, 0)), Hex.format(connack));
      }
    }
  }

  @Test
  void websocketListenerCarriesMqttBothWaysAndKeepsItsPortAcrossARestart() {
    try (MosquittoBroker broker = MosquittoBroker.builder().websockets(true).tls().start()) {
      assertNotEquals(broker.port(), broker.wsPort());
      assertTrue(readQuietly(broker).contains("listener " + broker.wsPort() + " 127.0.0.1\nprotocol websockets\n"));
      wsRoundTrip(broker, "ws-1");
      int wsPort = broker.wsPort();
      broker.restart();
      assertEquals(wsPort, broker.wsPort());
      wsRoundTrip(broker, "ws-2");
      roundTrip(broker, "tcp next to ws");
    }
  }

  /** CONNECT over ws; a TCP publisher reaches the ws subscriber; a ws QoS 1 publish reaches a TCP subscriber. */
  private static void wsRoundTrip(MosquittoBroker broker, String id) {
    try (MqttWebSocket ws = MqttWebSocket.connect(broker.host(), broker.wsPort(), "/mqtt");
         MqttSubscriber tcpSub = MqttSubscriber.start(broker, "from-ws/#", 1)) {
      assertEquals(MqttWebSocket.SUBPROTOCOL, ws.subprotocol());
      ws.send(Packets.connect(id, true, 30));
      assertEquals(Hex.format(Packets.connack(false, 0)), Hex.format(ws.expectType(MqttFrame.CONNACK).bytes()));
      ws.send(Packets.subscribe(1, "to-ws/#", 1));
      assertEquals(Hex.format(Packets.suback(1, 1)), Hex.format(ws.expectType(MqttFrame.SUBACK).bytes()));
      MqttPublisher.to(broker).publish("to-ws/x", "hello ws", 1);
      MqttFrame in = ws.expectType(MqttFrame.PUBLISH);
      assertEquals("to-ws/x", in.topic());
      assertEquals("hello ws", in.payloadUtf8());
      ws.send(Packets.puback(in.packetId()));
      ws.send(Packets.publish("from-ws/y", "hello tcp", 1, 7));
      assertEquals(Hex.format(Packets.puback(7)), Hex.format(ws.expectType(MqttFrame.PUBACK).bytes()));
      assertEquals("from-ws/y hello tcp", tcpSub.awaitMessage(T).toString());
      ws.send(Packets.disconnect());
    }
  }

  @Test
  void extraConfigLinesAreApplied() {
    try (MosquittoBroker broker = MosquittoBroker.builder().configLine("max_keepalive 30").start()) {
      assertTrue(readQuietly(broker).contains("\nmax_keepalive 30\n"));
      roundTrip(broker, "with extra lines");
    }
  }

  private static String readQuietly(MosquittoBroker b) {
    try {
      return Files.readString(b.configFile());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void roundTrip(MosquittoBroker broker, String text) {
    try (MqttSubscriber sub = MqttSubscriber.start(broker, "rt/#", 1)) {
      MqttPublisher.to(broker).publish("rt/1", text, 1);
      List<MqttSubscriber.Message> got = sub.awaitMessages(1, T);
      assertEquals("rt/1 " + text, got.get(0).toString(), broker.logTail(20));
    }
  }

  /** CONNACK return code for a raw CONNECT with the given credentials. */
  private static int connackCode(MosquittoBroker broker, String user, String password) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(broker.host(), broker.port()), 5000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(Packets.connect("kit-auth", true, 30, user, password));
      InputStream in = s.getInputStream();
      byte[] connack = in.readNBytes(4);
      assertEquals(4, connack.length, "no CONNACK: " + Hex.format(connack));
      assertEquals(0x20, connack[0] & 0xff);
      return connack[3];
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(FreePort.HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
