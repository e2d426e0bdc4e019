package io.mqttas.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeBrokerTest {

  private static final Duration SHORT = Duration.ofMillis(300);

  @Test
  void scriptedConnectPublishPubackThenResetAndReconnect() throws IOException {
    try (FakeBroker fake = FakeBroker.start()) {
      try (Socket client = connect(fake)) {
        client.getOutputStream().write(Packets.connect("kit-client", false, 60));
        FakeBroker.Connection c = fake.accept();
        MqttFrame connect = c.expectType(MqttFrame.CONNECT);
        assertEquals("kit-client", connect.clientId());
        assertEquals(60, connect.keepAlive());
        assertEquals(4, connect.protocolLevel());
        assertFalse(connect.cleanSession());
        c.send(Packets.connack(true, 0));
        assertArrayEquals(Packets.connack(true, 0), client.getInputStream().readNBytes(4));

        client.getOutputStream().write(Packets.publish("a/b", "payload", 1, 7));
        MqttFrame pub = c.expectPacket(f -> f.type() == MqttFrame.PUBLISH && f.qos() == 1, "a QoS 1 PUBLISH");
        assertEquals("a/b", pub.topic());
        assertEquals("payload", pub.payloadUtf8());
        assertEquals(7, pub.packetId());
        c.send(Packets.puback(7));
        assertArrayEquals(Packets.puback(7), client.getInputStream().readNBytes(4));

        c.reset();
        assertThrows(SocketException.class, () -> {
          client.getInputStream().read();
          client.getInputStream().read();
        });
      }
      try (Socket again = connect(fake)) {
        again.getOutputStream().write(Packets.connect("kit-client", false, 60));
        FakeBroker.Connection c2 = fake.accept();
        assertEquals(2, c2.number());
        c2.expect(Packets.connect("kit-client", false, 60));
        c2.closeConnection();
        assertEquals(-1, again.getInputStream().read(), "closeConnection must give the client EOF");
      }
      assertEquals(2, fake.connectionCount());
    }
  }

  @Test
  void mismatchFailsWithAHexDiff() throws IOException {
    try (FakeBroker fake = FakeBroker.start(); Socket client = connect(fake)) {
      client.getOutputStream().write(Hex.parse("e0 00 c0 00"));
      FakeBroker.Connection c = fake.accept();
      AssertionError e = assertThrows(AssertionError.class, () -> c.expectHex("e0 01"));
      assertTrue(e.getMessage().contains("first difference at byte 1"), e.getMessage());
      assertTrue(e.getMessage().contains("e0 00"), e.getMessage());
      MqttFrame ping = c.expectPacket(Packets.pingreq());
      assertEquals("PINGREQ", ping.typeName());
    }
  }

  @Test
  void stepsFailAtTheirDeadlineInsteadOfHanging() throws IOException {
    try (FakeBroker fake = FakeBroker.start()) {
      AssertionError noClient = assertThrows(AssertionError.class, () -> fake.accept(SHORT));
      assertTrue(noClient.getMessage().contains("no connection"), noClient.getMessage());
      fake.expectNoConnection(SHORT);
      try (Socket client = connect(fake)) {
        client.getOutputStream().write(Hex.parse("30 05 00")); // a PUBLISH cut short
        FakeBroker.Connection c = fake.accept();
        AssertionError partial = assertThrows(AssertionError.class, () -> c.nextPacket(SHORT));
        assertTrue(partial.getMessage().contains("only 1 of 5 bytes"), partial.getMessage());
      }
    }
  }

  @Test
  void silenceAndCloseExpectations() throws IOException {
    try (FakeBroker fake = FakeBroker.start()) {
      Socket client = connect(fake);
      FakeBroker.Connection c = fake.accept();
      c.expectSilence(SHORT);
      client.getOutputStream().write(Packets.disconnect());
      c.expectPacket(Packets.disconnect());
      client.close();
      c.expectClosed(Duration.ofSeconds(5));

      try (Socket chatty = connect(fake)) {
        chatty.getOutputStream().write(Packets.pingreq());
        FakeBroker.Connection c2 = fake.accept();
        AssertionError e = assertThrows(AssertionError.class, () -> c2.expectSilence(SHORT));
        assertTrue(e.getMessage().contains("sent byte c0"), e.getMessage());
        AssertionError notClosed = assertThrows(AssertionError.class, () -> c2.expectClosed(SHORT));
        assertTrue(notClosed.getMessage().contains("expected the client to close"), notClosed.getMessage());
      }
    }
  }

  @Test
  void oversizedAndOverlongRemainingLengthsAreRejectedWithoutAllocating() throws IOException {
    try (FakeBroker fake = FakeBroker.start(); Socket client = connect(fake)) {
      client.getOutputStream().write(Hex.parse("30 ff ff ff 7f")); // 268,435,455 bytes announced
      FakeBroker.Connection c = fake.accept();
      AssertionError big = assertThrows(AssertionError.class, () -> c.nextPacket(SHORT));
      assertTrue(big.getMessage().contains("exceeds the script limit"), big.getMessage());
    }
    try (FakeBroker fake = FakeBroker.start(); Socket client = connect(fake)) {
      client.getOutputStream().write(Hex.parse("30 ff ff ff ff 01"));
      FakeBroker.Connection c = fake.accept();
      AssertionError overlong = assertThrows(AssertionError.class, () -> c.nextPacket(SHORT));
      assertTrue(overlong.getMessage().contains("longer than 4 bytes"), overlong.getMessage());
    }
  }

  @Test
  void packetBuildersMatchTheMqtt311Layouts() {
    // MQTT 3.1.1 §3.1: CONNECT "MQTT" level 4, clean session, keepalive 60, client id "c".
    assertEquals("10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 63", Hex.format(Packets.connect("c", true, 60)));
    assertEquals("20 02 01 05", Hex.format(Packets.connack(true, 5)));
    assertEquals("3b 06 00 01 74 00 09 78", Hex.format(Packets.publish("t", new byte[] {'x'}, 1, true, true, 9)));
    assertEquals("30 04 00 01 74 78", Hex.format(Packets.publish("t", "x", 0, 0)));
    assertEquals("82 06 00 02 00 01 23 01", Hex.format(Packets.subscribe(2, "#", 1)));
    assertEquals("90 04 00 02 00 80", Hex.format(Packets.suback(2, 0, 0x80)));
    assertEquals("a2 05 00 03 00 01 23", Hex.format(Packets.unsubscribe(3, "#")));
    assertEquals("b0 02 00 03", Hex.format(Packets.unsuback(3)));
    assertEquals("40 02 ff ff", Hex.format(Packets.puback(65535)));
    // Remaining length 128 needs two bytes (80 01).
    byte[] big = Packets.publish("t", new byte[125], 0, false, false, 0);
    assertEquals("30 80 01", Hex.format(big, 0, 3));
    MqttFrame f = MqttFrame.of(big);
    assertEquals(128, f.remainingLength());
    assertEquals(125, f.payload().length);
    assertEquals(List.of("#:1"), MqttFrame.of(Packets.subscribe(2, "#", 1)).subscriptions());
    assertThrows(IllegalArgumentException.class, () -> MqttFrame.of(Hex.parse("30 05 00")));
  }

  @Test
  void sendInChunksSplitsAPacketAcrossReads() throws IOException {
    try (FakeBroker fake = FakeBroker.start(); Socket client = connect(fake)) {
      FakeBroker.Connection c = fake.accept();
      byte[] pub = Packets.publish("split/topic", "payload", 1, 3);
      c.sendInChunks(pub, 3, Duration.ofMillis(20));
      assertArrayEquals(pub, client.getInputStream().readNBytes(pub.length));
    }
  }

  @Test
  void hexHelpers() {
    assertArrayEquals(new byte[] {0x10, (byte) 0xab}, Hex.parse("10:AB"));
    assertThrows(IllegalArgumentException.class, () -> Hex.parse("1"));
    assertThrows(IllegalArgumentException.class, () -> Hex.parse("zz"));
    assertTrue(Hex.diff(Hex.parse("01 02"), Hex.parse("01 02")).contains("identical"));
    assertTrue(Hex.diff(Hex.parse("01 02"), Hex.parse("01")).contains("first difference at byte 1"));
  }

  private static Socket connect(FakeBroker fake) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(fake.host(), fake.port()), 5000);
    s.setSoTimeout(5000);
    return s;
  }
}
