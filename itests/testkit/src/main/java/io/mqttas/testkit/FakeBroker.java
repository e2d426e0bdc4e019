// Test kit (issue 3 item 14; model: Mosquitto's test/lib scripted brokers, spec robustness §4.1):
// a scripted server for byte-exact protocol scenarios. No background threads: every step runs on
// the test's thread with a deadline, so a script that goes wrong fails with a diff, never hangs.
package io.mqttas.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Listens on a free 127.0.0.1 port. A script accepts connections one at a time:
 *
 * <pre>{@code
 * try (FakeBroker fake = FakeBroker.start()) {
 *   client connects to fake.port() ...
 *   FakeBroker.Connection c = fake.accept();
 *   MqttFrame connect = c.expectPacket(f -> f.type() == MqttFrame.CONNECT, "CONNECT");
 *   c.send(Packets.connack(false, 0));
 *   c.expect(Packets.publish("t", "x", 1, 1));   // byte-exact, diff on mismatch
 *   c.reset();                                    // RST: the client must reconnect
 *   FakeBroker.Connection c2 = fake.accept();
 * }
 * }</pre>
 */
public final class FakeBroker implements AutoCloseable {

  /** Default deadline of each step. Generous: the CI machine is shared and slow. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Largest frame a script accepts; bigger remaining lengths fail the step (bounded memory). */
  public static final int MAX_FRAME = 16 * 1024 * 1024;

  private final ServerSocket server;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private volatile Duration timeout = DEFAULT_TIMEOUT;

  private FakeBroker() throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getByName(FreePort.HOST), 0), 50);
  }

  public static FakeBroker start() {
    try {
      return new FakeBroker();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open fake broker port", e);
    }
  }

  public String host() {
    return FreePort.HOST;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Changes the default deadline used by steps without an explicit one. */
  public FakeBroker defaultTimeout(Duration t) {
    this.timeout = t;
    return this;
  }

  /** Accepts the next connection within the default deadline. */
  public Connection accept() {
    return accept(timeout);
  }

  /** Accepts the next connection; AssertionError when none arrives in time. */
  public Connection accept(Duration deadline) {
    try {
      server.setSoTimeout(millis(deadline));
      Socket s = server.accept();
      s.setTcpNoDelay(true);
      Connection c = new Connection(s, connections.size() + 1);
      connections.add(c);
      return c;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no connection to the fake broker on port " + port() + " within " + deadline);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that nobody connects within {@code window} (e.g. no reconnect while backing off). */
  public void expectNoConnection(Duration window) {
    try {
      server.setSoTimeout(millis(window));
      Socket s = server.accept();
      Connection c = new Connection(s, connections.size() + 1);
      connections.add(c);
      throw new AssertionError("unexpected connection #" + c.number + " from " + s.getRemoteSocketAddress()
          + " within " + window);
    } catch (SocketTimeoutException e) {
      // expected
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Connections accepted so far. */
  public int connectionCount() {
    return connections.size();
  }

  /** Closes the listening socket and every accepted connection. Idempotent. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Connection c : connections) {
      c.closeConnection();
    }
  }

  private static int millis(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }

  /** One accepted client connection; steps run on the caller's thread. */
  public final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final int number;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private Connection(Socket socket, int number) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.number = number;
    }

    /** 1 for the first accepted connection, 2 for the next … */
    public int number() {
      return number;
    }

    /** Reads exactly {@code expected.length} bytes and compares; AssertionError with a hex diff. */
    public Connection expect(byte[] expected) {
      return expect(expected, timeout);
    }

    public Connection expect(byte[] expected, Duration deadline) {
      byte[] actual = readExactly(expected.length, deadline, "expecting " + Hex.format(expected));
      if (!Arrays.equals(expected, actual)) {
        throw new AssertionError("connection #" + number + ": bytes differ\n" + Hex.diff(expected, actual));
      }
      return this;
    }

    /** Hex form of {@link #expect(byte[])}. */
    public Connection expectHex(String hex) {
      return expect(Hex.parse(hex));
    }

    /** Reads one whole frame and asserts it equals {@code expected} byte for byte. */
    public MqttFrame expectPacket(byte[] expected) {
      MqttFrame f = nextPacket(timeout);
      if (!Arrays.equals(expected, f.bytes())) {
        throw new AssertionError("connection #" + number + ": packet differs\n" + Hex.diff(expected, f.bytes()));
      }
      return f;
    }

    /** Reads one whole frame and asserts the matcher accepts it. */
    public MqttFrame expectPacket(Predicate<MqttFrame> matcher, String description) {
      return expectPacket(matcher, description, timeout);
    }

    public MqttFrame expectPacket(Predicate<MqttFrame> matcher, String description, Duration deadline) {
      MqttFrame f = nextPacket(deadline);
      if (!matcher.test(f)) {
        throw new AssertionError("connection #" + number + ": expected " + description + " but got " + f);
      }
      return f;
    }

    /** Reads the next packet of {@code type} (e.g. {@link MqttFrame#CONNECT}). */
    public MqttFrame expectType(int type) {
      return expectPacket(f -> f.type() == type, "a packet of type " + type);
    }

    /**
     * Reads the next whole frame: first byte, remaining length (at most 4 bytes; larger than
     * {@link #MAX_FRAME} fails before allocating), body.
     */
    public MqttFrame nextPacket(Duration deadline) {
      long end = System.nanoTime() + deadline.toNanos();
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      byte[] first = readExactly(1, remaining(end, deadline), "waiting for a packet");
      header.writeBytes(first);
      int len = 0;
      int mult = 1;
      for (int i = 0; ; i++) {
        if (i == 4) {
          throw new AssertionError("connection #" + number + ": remaining length longer than 4 bytes: "
              + Hex.format(header.toByteArray()));
        }
        int b = readExactly(1, remaining(end, deadline), "reading remaining length")[0] & 0xff;
        header.write(b);
        len += (b & 0x7f) * mult;
        mult *= 128;
        if ((b & 0x80) == 0) {
          break;
        }
      }
      if (len > MAX_FRAME) {
        throw new AssertionError("connection #" + number + ": frame of " + len + " bytes exceeds the script limit "
            + MAX_FRAME);
      }
      byte[] body = readExactly(len, remaining(end, deadline), "reading a body of " + len + " bytes after "
          + Hex.format(header.toByteArray()));
      byte[] all = Arrays.copyOf(header.toByteArray(), header.size() + len);
      System.arraycopy(body, 0, all, header.size(), len);
      return new MqttFrame(all, header.size());
    }

    public MqttFrame nextPacket() {
      return nextPacket(timeout);
    }

    /** Asserts that the client sends nothing for {@code window} (bytes that arrive fail the step). */
    public Connection expectSilence(Duration window) {
      try {
        socket.setSoTimeout(millis(window));
        int b = in.read();
        if (b < 0) {
          throw new AssertionError("connection #" + number + ": client closed the connection during "
              + window + " of expected silence");
        }
        throw new AssertionError("connection #" + number + ": client sent byte " + Hex.format(new byte[] {(byte) b})
            + " during " + window + " of expected silence");
      } catch (SocketTimeoutException e) {
        return this;
      } catch (IOException e) {
        throw new AssertionError("connection #" + number + ": " + e + " during expected silence", e);
      }
    }

    /** Asserts that the client closes the connection (EOF or reset) within the deadline, sending nothing more. */
    public Connection expectClosed(Duration deadline) {
      try {
        socket.setSoTimeout(millis(deadline));
        int b = in.read();
        if (b >= 0) {
          throw new AssertionError("connection #" + number + ": expected the client to close, but it sent "
              + Hex.format(new byte[] {(byte) b}));
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("connection #" + number + ": client did not close within " + deadline);
      } catch (SocketException e) {
        // reset by the client: closed too
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** Writes bytes to the client (flushed at once). */
    public Connection send(byte[] bytes) {
      try {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
      } catch (IOException e) {
        throw new AssertionError("connection #" + number + ": cannot send " + Hex.format(bytes) + ": " + e, e);
      }
    }

    /**
     * Writes {@code bytes} in pieces of {@code chunk} bytes with {@code pause} between them, so the
     * client's decoder sees a packet split across reads (spec §16.3 "partial packets").
     */
    public Connection sendInChunks(byte[] bytes, int chunk, Duration pause) {
      for (int i = 0; i < bytes.length; i += chunk) {
        send(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk)));
        if (i + chunk < bytes.length) {
          Sleep.millis(pause.toMillis());
        }
      }
      return this;
    }

    public Connection sendHex(String hex) {
      return send(Hex.parse(hex));
    }

    /** Orderly close (FIN): the client reads EOF. */
    public void closeConnection() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }

    /** Abortive close (RST, linger 0): the client gets "connection reset". */
    public void reset() {
      try {
        socket.setSoLinger(true, 0);
      } catch (SocketException ignored) {
        // already closed
      }
      closeConnection();
    }

    /** Every byte read on this connection so far, for diagnostics. */
    public byte[] received() {
      synchronized (received) {
        return received.toByteArray();
      }
    }

    private byte[] readExactly(int n, Duration deadline, String what) {
      byte[] buf = new byte[n];
      int got = 0;
      long end = System.nanoTime() + deadline.toNanos();
      try {
        while (got < n) {
          long left = end - System.nanoTime();
          if (left <= 0) {
            throw new SocketTimeoutException();
          }
          socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
          int r = in.read(buf, got, n - got);
          if (r < 0) {
            throw new AssertionError("connection #" + number + ": client closed the connection after "
                + got + " of " + n + " bytes while " + what + "; got: " + Hex.format(buf, 0, got));
          }
          synchronized (received) {
            received.write(buf, got, r);
          }
          got += r;
        }
        return buf;
      } catch (SocketTimeoutException e) {
        throw new AssertionError("connection #" + number + ": only " + got + " of " + n + " bytes within "
            + deadline + " while " + what + "; got: " + Hex.format(buf, 0, got));
      } catch (IOException e) {
        throw new AssertionError("connection #" + number + ": " + e + " after " + got + " of " + n
            + " bytes while " + what, e);
      }
    }

    private Duration remaining(long end, Duration original) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("connection #" + number + ": deadline of " + original + " passed mid-packet");
      }
      return Duration.ofNanos(left);
    }
  }
}
