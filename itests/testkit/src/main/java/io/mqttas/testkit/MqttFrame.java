// Test kit: one whole MQTT 3.1.1 control packet as read by the fake broker (fixed header +
// remaining length + body), with accessors for the fields scripts assert on. Raw bytes only: the
// kit must not depend on the codec it helps to test.
package io.mqttas.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** An MQTT frame: the complete bytes plus decoded fixed-header fields. */
public final class MqttFrame {

  public static final int CONNECT = 1;
  public static final int CONNACK = 2;
  public static final int PUBLISH = 3;
  public static final int PUBACK = 4;
  public static final int PUBREC = 5;
  public static final int PUBREL = 6;
  public static final int PUBCOMP = 7;
  public static final int SUBSCRIBE = 8;
  public static final int SUBACK = 9;
  public static final int UNSUBSCRIBE = 10;
  public static final int UNSUBACK = 11;
  public static final int PINGREQ = 12;
  public static final int PINGRESP = 13;
  public static final int DISCONNECT = 14;

  private static final String[] NAMES = {"RESERVED0", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC",
      "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT",
      "RESERVED15"};

  private final byte[] bytes;
  private final int bodyOffset;

  MqttFrame(byte[] bytes, int bodyOffset) {
    this.bytes = bytes;
    this.bodyOffset = bodyOffset;
  }

  /** Parses exactly one whole frame (throws if the bytes are not exactly one frame). */
  public static MqttFrame of(byte[] bytes) {
    int len = 0;
    int mult = 1;
    int i = 1;
    while (true) {
      if (i >= bytes.length || i > 4) {
        throw new IllegalArgumentException("bad remaining length in " + Hex.format(bytes));
      }
      int b = bytes[i++] & 0xff;
      len += (b & 0x7f) * mult;
      mult *= 128;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (i + len != bytes.length) {
      throw new IllegalArgumentException("remaining length " + len + " does not match " + (bytes.length - i)
          + " body bytes: " + Hex.format(bytes));
    }
    return new MqttFrame(bytes.clone(), i);
  }

  /** Packet type 1..14 (upper nibble of the first byte). */
  public int type() {
    return (bytes[0] >> 4) & 0xf;
  }

  public String typeName() {
    return NAMES[type()];
  }

  /** Lower nibble of the first byte. */
  public int flags() {
    return bytes[0] & 0xf;
  }

  /** The complete packet, fixed header included (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The variable header and payload (a copy). */
  public byte[] body() {
    return Arrays.copyOfRange(bytes, bodyOffset, bytes.length);
  }

  public int remainingLength() {
    return bytes.length - bodyOffset;
  }

  // PUBLISH ------------------------------------------------------------------------------------------

  public boolean dup() {
    return (flags() & 0x8) != 0;
  }

  public int qos() {
    return (flags() >> 1) & 0x3;
  }

  public boolean retain() {
    return (flags() & 0x1) != 0;
  }

  /** PUBLISH topic name. */
  public String topic() {
    requireType(PUBLISH);
    return string(bodyOffset);
  }

  /** PUBLISH payload. */
  public byte[] payload() {
    requireType(PUBLISH);
    int start = bodyOffset + 2 + u16(bodyOffset) + (qos() > 0 ? 2 : 0);
    return Arrays.copyOfRange(bytes, start, bytes.length);
  }

  public String payloadUtf8() {
    return new String(payload(), StandardCharsets.UTF_8);
  }

  /**
   * Packet identifier of PUBLISH (QoS &gt; 0), PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK,
   * UNSUBSCRIBE, UNSUBACK.
   */
  public int packetId() {
    int t = type();
    if (t == PUBLISH) {
      if (qos() == 0) {
        throw new IllegalStateException("QoS 0 PUBLISH has no packet id: " + this);
      }
      return u16(bodyOffset + 2 + u16(bodyOffset));
    }
    if (t >= PUBACK && t <= UNSUBACK) {
      return u16(bodyOffset);
    }
    throw new IllegalStateException(typeName() + " has no packet id");
  }

  // CONNECT ------------------------------------------------------------------------------------------

  /** CONNECT protocol level (4 = MQTT 3.1.1). */
  public int protocolLevel() {
    requireType(CONNECT);
    return bytes[bodyOffset + 2 + u16(bodyOffset)] & 0xff;
  }

  /** CONNECT flags byte (bit 1 clean session, bit 2 will, bits 3-4 will QoS, 5 will retain, 6 password, 7 user). */
  public int connectFlags() {
    requireType(CONNECT);
    return bytes[bodyOffset + 3 + u16(bodyOffset)] & 0xff;
  }

  public boolean cleanSession() {
    return (connectFlags() & 0x02) != 0;
  }

  public int keepAlive() {
    requireType(CONNECT);
    return u16(bodyOffset + 4 + u16(bodyOffset));
  }

  public String clientId() {
    requireType(CONNECT);
    return string(bodyOffset + 6 + u16(bodyOffset));
  }

  // SUBSCRIBE ----------------------------------------------------------------------------------------

  /** SUBSCRIBE topic filters with their requested QoS as "filter:qos" strings, in order. */
  public java.util.List<String> subscriptions() {
    requireType(SUBSCRIBE);
    java.util.List<String> out = new java.util.ArrayList<>();
    int i = bodyOffset + 2;
    while (i < bytes.length) {
      String f = string(i);
      i += 2 + u16(i);
      out.add(f + ":" + (bytes[i++] & 0xff));
    }
    return out;
  }

  private void requireType(int t) {
    if (type() != t) {
      throw new IllegalStateException("expected " + NAMES[t] + " but frame is " + this);
    }
  }

  private int u16(int at) {
    return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
  }

  private String string(int at) {
    return new String(bytes, at + 2, u16(at), StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MqttFrame && Arrays.equals(bytes, ((MqttFrame) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    String hex = bytes.length <= 64 ? Hex.format(bytes) : Hex.format(bytes, 0, 64) + " …";
    return typeName() + "[" + bytes.length + " bytes: " + hex + "]";
  }
}
