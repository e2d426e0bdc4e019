// Test kit: builders of raw MQTT 3.1.1 packets for fake-broker scripts and the raw-socket
// benchmark client (byte layouts from MQTT 3.1.1 §2–§3). Written independently of io.mqttas.codec
// on purpose: a script must not share a bug with the code it tests.
package io.mqttas.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Static builders: each returns the complete packet bytes. */
public final class Packets {
  private Packets() {}

  /** CONNECT, protocol level 4, no will, optional user/password (null = absent). */
  public static byte[] connect(String clientId, boolean cleanSession, int keepAliveSeconds, String user, String password) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    writeString(b, "MQTT");
    b.write(4);
    int flags = (cleanSession ? 0x02 : 0) | (user != null ? 0x80 : 0) | (password != null ? 0x40 : 0);
    b.write(flags);
    writeU16(b, keepAliveSeconds);
    writeString(b, clientId);
    if (user != null) {
      writeString(b, user);
    }
    if (password != null) {
      writeString(b, password);
    }
    return frame(0x10, b.toByteArray());
  }

  public static byte[] connect(String clientId, boolean cleanSession, int keepAliveSeconds) {
    return connect(clientId, cleanSession, keepAliveSeconds, null, null);
  }

  public static byte[] connack(boolean sessionPresent, int returnCode) {
    return new byte[] {0x20, 0x02, (byte) (sessionPresent ? 1 : 0), (byte) returnCode};
  }

  /** PUBLISH; {@code packetId} is ignored for QoS 0. */
  public static byte[] publish(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    writeString(b, topic);
    if (qos > 0) {
      writeU16(b, packetId);
    }
    b.writeBytes(payload);
    int first = 0x30 | (dup ? 0x08 : 0) | (qos << 1) | (retain ? 1 : 0);
    return frame(first, b.toByteArray());
  }

  public static byte[] publish(String topic, String payload, int qos, int packetId) {
    return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false, false, packetId);
  }

  public static byte[] puback(int packetId) {
    return new byte[] {0x40, 0x02, (byte) (packetId >> 8), (byte) packetId};
  }

  /** SUBSCRIBE with one filter. */
  public static byte[] subscribe(int packetId, String filter, int qos) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    writeU16(b, packetId);
    writeString(b, filter);
    b.write(qos);
    return frame(0x82, b.toByteArray());
  }

  /** SUBACK with one return code per filter (0, 1, 2 or 0x80 = failure). */
  public static byte[] suback(int packetId, int... returnCodes) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    writeU16(b, packetId);
    for (int rc : returnCodes) {
      b.write(rc);
    }
    return frame(0x90, b.toByteArray());
  }

  public static byte[] unsubscribe(int packetId, String filter) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    writeU16(b, packetId);
    writeString(b, filter);
    return frame(0xa2, b.toByteArray());
  }

  public static byte[] unsuback(int packetId) {
    return new byte[] {(byte) 0xb0, 0x02, (byte) (packetId >> 8), (byte) packetId};
  }

  public static byte[] pingreq() {
    return new byte[] {(byte) 0xc0, 0x00};
  }

  public static byte[] pingresp() {
    return new byte[] {(byte) 0xd0, 0x00};
  }

  public static byte[] disconnect() {
    return new byte[] {(byte) 0xe0, 0x00};
  }

  /** Fixed header (first byte + remaining length varint) followed by {@code body}. */
  public static byte[] frame(int firstByte, byte[] body) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(body.length + 5);
    b.write(firstByte);
    int len = body.length;
    do {
      int digit = len % 128;
      len /= 128;
      b.write(len > 0 ? digit | 0x80 : digit);
    } while (len > 0);
    b.writeBytes(body);
    return b.toByteArray();
  }

  private static void writeU16(ByteArrayOutputStream b, int v) {
    b.write((v >> 8) & 0xff);
    b.write(v & 0xff);
  }

  private static void writeString(ByteArrayOutputStream b, String s) {
    byte[] u = s.getBytes(StandardCharsets.UTF_8);
    writeU16(b, u.length);
    b.writeBytes(u);
  }
}
