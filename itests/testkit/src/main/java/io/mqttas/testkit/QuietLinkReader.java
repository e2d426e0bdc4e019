// Test kit (issue 9 items 13, 17): ReferenceClient's reader — whole MQTT frames from a socket with
// a read timeout, a PINGREQ when the link has been quiet for the ping interval, and an IOException
// when it stays silent (a dead broker or a black-holed link), so the client reconnects.
package io.mqttas.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/** Reads frames bounded to 16 MiB; the socket's read timeout must be set to about the ping interval. */
final class QuietLinkReader {
  private static final int MAX_FRAME = 16 * 1024 * 1024;

  private final InputStream in;
  private final long pingMillis;
  private final long deadMillis;
  private final BooleanSupplier closed;
  private final Runnable sendPing;
  private long lastRx = System.nanoTime();
  private boolean pingSent;

  QuietLinkReader(InputStream in, long pingMillis, long deadMillis, BooleanSupplier closed, Runnable sendPing) {
    this.in = in;
    this.pingMillis = pingMillis;
    this.deadMillis = deadMillis;
    this.closed = closed;
    this.sendPing = sendPing;
  }

  /** The next frame; {@code mayPing} false (before CONNACK): the first read timeout is fatal. */
  MqttFrame next(boolean mayPing) throws IOException {
    byte[] header = new byte[5];
    header[0] = (byte) readByte(mayPing);
    int len = 0;
    int mult = 1;
    int h = 1;
    while (true) {
      int b = readByte(mayPing);
      header[h++] = (byte) b;
      len += (b & 0x7f) * mult;
      if ((b & 0x80) == 0) {
        break;
      }
      mult *= 128;
      if (h == 5) {
        throw new IOException("malformed remaining length from the broker");
      }
    }
    if (len > MAX_FRAME) {
      throw new IOException("frame of " + len + " bytes exceeds the kit's bound " + MAX_FRAME);
    }
    byte[] frame = new byte[h + len];
    System.arraycopy(header, 0, frame, 0, h);
    int off = h;
    while (off < frame.length) {
      off += read(frame, off, frame.length - off, mayPing);
    }
    pingSent = false;
    return MqttFrame.of(frame);
  }

  private int readByte(boolean mayPing) throws IOException {
    byte[] one = new byte[1];
    read(one, 0, 1, mayPing);
    return one[0] & 0xff;
  }

  private int read(byte[] b, int off, int len, boolean mayPing) throws IOException {
    while (true) {
      if (closed.getAsBoolean()) {
        throw new EOFException("closed");
      }
      try {
        int n = in.read(b, off, len);
        if (n < 0) {
          throw new EOFException("connection closed by the broker");
        }
        lastRx = System.nanoTime();
        return n;
      } catch (SocketTimeoutException quiet) {
        long silent = (System.nanoTime() - lastRx) / 1_000_000;
        if (silent >= deadMillis || !mayPing) {
          throw new IOException("broker silent for " + silent + " ms");
        }
        if (!pingSent && silent >= pingMillis - 5) {
          pingSent = true;
          sendPing.run();
        }
      }
    }
  }
}
