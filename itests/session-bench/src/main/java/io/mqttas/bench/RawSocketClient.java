// Issue 3 item 17: the raw-socket ceiling (no MQTT library): hand-built CONNECT/PUBLISH bytes
// (io.mqttas.testkit.Packets) on a blocking socket. Two flavours, as in BASELINES §3.2:
// "pipelined" has a reader thread that completes publications from PUBACKs (what any real
// asynchronous client must do), "inline" writes a PUBLISH and reads its PUBACK on the caller's
// thread (the lock-step floor; it cannot subscribe).
package io.mqttas.bench;

import io.mqttas.testkit.Packets;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/** The fastest thing that still speaks correct MQTT 3.1.1 QoS 0/1 to Mosquitto. */
public final class RawSocketClient implements BenchClient {

  private static final int CONNECT_TIMEOUT_MS = 5000;
  private static final long RECONNECT_POLL_MS = 10;

  private final boolean inline;
  private final AtomicReferenceArray<Completion> pending = new AtomicReferenceArray<>(65536);
  private String host;
  private int port;
  private String clientId;
  /** One TCP connection; replaced as a whole on reconnect so a late failure cannot close its successor. */
  private static final class Conn {
    final Socket socket;
    final OutputStream out;
    final DataInputStream in;

    Conn(Socket socket, OutputStream out, DataInputStream in) {
      this.socket = socket;
      this.out = out;
      this.in = in;
    }
  }

  private volatile Conn conn;
  private volatile boolean closed;
  private volatile Consumer<byte[]> onMessage;
  private volatile CountDownLatch subscribed;
  private Thread reader;
  private int nextId;

  private RawSocketClient(boolean inline) {
    this.inline = inline;
  }

  /** Reader thread completes publications; reconnects every 10 ms after a loss. */
  public static Factory pipelined() {
    return factory("raw socket", false);
  }

  /** Publish and wait for the PUBACK on the caller's thread; no reader thread. */
  public static Factory inline() {
    return factory("raw, 1 thread", true);
  }

  private static Factory factory(String name, boolean inline) {
    return new Factory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public BenchClient create() {
        return new RawSocketClient(inline);
      }

      @Override
      public boolean asynchronous() {
        return !inline;
      }
    };
  }

  @Override
  public void connect(String host, int port, String clientId, int maxInflight) throws IOException {
    this.host = host;
    this.port = port;
    this.clientId = clientId;
    open();
    if (!inline) {
      reader = new Thread(this::readLoop, "mqttas-bench-raw-reader");
      reader.setDaemon(true);
      reader.start();
    }
  }

  private void open() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      s.setSoTimeout(CONNECT_TIMEOUT_MS);
      OutputStream o = s.getOutputStream();
      DataInputStream i = new DataInputStream(new BufferedInputStream(s.getInputStream(), 64 * 1024));
      o.write(Packets.connect(clientId, true, 60));
      byte[] connack = new byte[4];
      i.readFully(connack);
      if (connack[0] != 0x20 || connack[3] != 0) {
        throw new IOException("CONNACK refused: return code " + connack[3]);
      }
      s.setSoTimeout(inline ? CONNECT_TIMEOUT_MS : 0);
      conn = new Conn(s, o, i);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, Completion done) throws IOException {
    Conn c = conn;
    if (c == null) {
      if (!inline) {
        throw new IOException("not connected");
      }
      open(); // inline flavour: one reconnect attempt per call, the caller retries
      c = conn;
    }
    int id = 0;
    if (qos > 0) {
      id = nextId = nextId % 65535 + 1;
      if (!inline) {
        pending.set(id, done);
      }
    }
    try {
      synchronized (this) {
        c.out.write(Packets.publish(topic, payload, qos, false, false, id));
      }
      if (qos == 0) {
        done.complete(null);
      } else if (inline) {
        awaitPuback(c.in, id);
        done.complete(null);
      }
    } catch (IOException e) {
      if (!inline) {
        pending.set(id, null);
      }
      lost(c);
      throw e;
    }
  }

  private static void awaitPuback(DataInputStream in, int id) throws IOException {
    while (true) {
      int type = in.readUnsignedByte();
      int len = remainingLength(in);
      if ((type & 0xf0) == 0x40 && len == 2) {
        if (in.readUnsignedShort() == id) {
          return;
        }
      } else {
        in.skipNBytes(len);
      }
    }
  }

  @Override
  public void subscribe(String filter, int qos, Consumer<byte[]> onMessage) throws Exception {
    if (inline) {
      throw new UnsupportedOperationException("the inline raw client cannot receive");
    }
    this.onMessage = onMessage;
    CountDownLatch latch = new CountDownLatch(1);
    subscribed = latch;
    synchronized (this) {
      conn.out.write(Packets.subscribe(1, filter, qos));
    }
    if (!latch.await(10, TimeUnit.SECONDS)) {
      throw new IOException("no SUBACK within 10 s");
    }
  }

  private void readLoop() {
    byte[] buf = new byte[64 * 1024];
    while (!closed) {
      Conn c = conn;
      if (c == null) {
        reconnect();
        continue;
      }
      DataInputStream i = c.in;
      try {
        int type = i.readUnsignedByte();
        int len = remainingLength(i);
        switch (type >> 4) {
          case 4: { // PUBACK
            int id = i.readUnsignedShort();
            Completion done = pending.getAndSet(id, null);
            if (done != null) {
              done.complete(null);
            }
            break;
          }
          case 3: { // PUBLISH (QoS 0 in these benchmarks; QoS 1 acknowledged)
            byte[] b = len <= buf.length ? buf : new byte[len];
            i.readFully(b, 0, len);
            int topicLen = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
            int qos = (type >> 1) & 3;
            int start = 2 + topicLen + (qos > 0 ? 2 : 0);
            byte[] payload = java.util.Arrays.copyOfRange(b, start, len);
            if (qos == 1) {
              int id = ((b[2 + topicLen] & 0xff) << 8) | (b[3 + topicLen] & 0xff);
              synchronized (this) {
                c.out.write(Packets.puback(id));
              }
            }
            Consumer<byte[]> m = onMessage;
            if (m != null) {
              m.accept(payload);
            }
            break;
          }
          case 9: // SUBACK
            i.skipNBytes(len);
            CountDownLatch l = subscribed;
            if (l != null) {
              l.countDown();
            }
            break;
          default:
            i.skipNBytes(len);
        }
      } catch (IOException e) {
        lost(c);
      }
    }
  }

  private void reconnect() {
    try {
      open();
    } catch (IOException e) {
      try {
        Thread.sleep(RECONNECT_POLL_MS);
      } catch (InterruptedException ie) {
        closed = true;
      }
    }
  }

  /** Connection lost: fail every outstanding publication (clean session: nothing is resent). */
  private void lost(Conn c) {
    synchronized (this) {
      if (c == null || conn != c) {
        return;
      }
      conn = null;
    }
    try {
      c.socket.close();
    } catch (IOException ignored) {
      // already broken
    }
    if (!inline) {
      for (int id = 1; id < 65536; id++) {
        Completion done = pending.getAndSet(id, null);
        if (done != null) {
          done.complete(new IOException("connection lost"));
        }
      }
    }
  }

  private static int remainingLength(InputStream i) throws IOException {
    int len = 0;
    int mult = 1;
    for (int k = 0; k < 4; k++) {
      int b = i.read();
      if (b < 0) {
        throw new EOFException();
      }
      len += (b & 0x7f) * mult;
      if ((b & 0x80) == 0) {
        return len;
      }
      mult *= 128;
    }
    throw new IOException("remaining length longer than 4 bytes");
  }

  @Override
  public void close() throws Exception {
    closed = true;
    Conn c = conn;
    if (c != null) {
      try {
        synchronized (this) {
          c.out.write(Packets.disconnect());
        }
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    lost(c);
    if (reader != null) {
      reader.join(5000);
    }
  }
}
