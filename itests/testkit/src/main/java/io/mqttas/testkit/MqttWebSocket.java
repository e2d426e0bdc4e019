// Test kit (issue 13 items 6, 8): raw MQTT bytes over a real WebSocket (MQTT 3.1.1 §6 / 5.0 §6:
// binary frames, subprotocol "mqtt"), on the JDK's own java.net.http.WebSocket client. It checks a
// broker's WebSocket listener independently of the session bundle (whose ws transport comes later),
// the way FakeBroker checks the client with bytes: no MQTT library, every wait has a deadline.
package io.mqttas.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket connection carrying MQTT frames.
 *
 * <pre>{@code
 * try (MqttWebSocket ws = MqttWebSocket.connect("127.0.0.1", broker.wsPort(), "/mqtt")) {
 *   ws.send(Packets.connect("ws-probe", true, 30));
 *   assertEquals(0, ws.expectType(MqttFrame.CONNACK).body()[1]);
 * }
 * }</pre>
 *
 * <p>The broker may split an MQTT packet over several WebSocket messages or put several packets in
 * one (both are allowed); received bytes are reassembled into whole frames, bounded to 16 MiB.
 */
public final class MqttWebSocket implements AutoCloseable {

  /** The subprotocol MQTT 3.1.1 and 5.0 register for WebSocket (§6 of both standards). */
  public static final String SUBPROTOCOL = "mqtt";
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
  private static final int MAX_BUFFERED = 16 * 1024 * 1024;

  /**
   * One client for the JVM: the JDK 17 HttpClient cannot be closed, its selector thread ends only
   * when the client is collected; sharing it keeps that to one thread.
   */
  private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .connectTimeout(DEFAULT_DEADLINE).build();

  private final Object lock = new Object();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final WebSocket socket;
  private Throwable error;
  private boolean closedByPeer;
  private int closeCode = -1;

  private MqttWebSocket(URI uri, Duration deadline) {
    CompletableFuture<WebSocket> f = HTTP.newWebSocketBuilder().subprotocols(SUBPROTOCOL).connectTimeout(deadline)
        .buildAsync(uri, new Receiver());
    this.socket = await(f, deadline, "WebSocket handshake with " + uri);
  }

  /** Opens {@code ws://host:port<path>} offering subprotocol {@code mqtt}; fails after 10 s. */
  public static MqttWebSocket connect(String host, int port, String path) {
    return new MqttWebSocket(URI.create("ws://" + host + ":" + port + path), DEFAULT_DEADLINE);
  }

  /** The subprotocol the server chose ("" if none). */
  public String subprotocol() {
    return socket.getSubprotocol();
  }

  /** Sends bytes (usually one whole MQTT frame) as one binary WebSocket message. */
  public void send(byte[] bytes) {
    await(socket.sendBinary(ByteBuffer.wrap(bytes), true), DEFAULT_DEADLINE, "sending " + bytes.length + " bytes");
  }

  /** The next whole MQTT frame from the broker, or AssertionError after {@code deadline}. */
  public MqttFrame nextPacket(Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    synchronized (lock) {
      while (true) {
        MqttFrame f = takeFrame();
        if (f != null) {
          return f;
        }
        if (error != null) {
          throw new AssertionError("WebSocket failed while waiting for a packet", error);
        }
        if (closedByPeer) {
          throw new AssertionError("WebSocket closed by the broker (code " + closeCode + ") while waiting for a packet");
        }
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no MQTT packet over WebSocket within " + deadline);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /** The next packet, which must have {@code type} (a {@link MqttFrame} constant). */
  public MqttFrame expectType(int type) {
    MqttFrame f = nextPacket(DEFAULT_DEADLINE);
    if (f.type() != type) {
      throw new AssertionError("expected packet type " + type + " over WebSocket, got " + f);
    }
    return f;
  }

  /** True once the broker closed the WebSocket (or the connection failed). */
  public boolean isClosed() {
    synchronized (lock) {
      return closedByPeer || error != null;
    }
  }

  /** Sends a normal WebSocket close and drops the TCP connection. Idempotent. */
  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // already closed or the peer is gone: abort below
    }
    socket.abort();
  }

  // Returns one whole frame from the buffer, or null if not all of it has arrived yet.
  private MqttFrame takeFrame() {
    byte[] b = received.toByteArray();
    if (b.length < 2) {
      return null;
    }
    int len = 0;
    int mult = 1;
    int i = 1;
    while (true) {
      if (i >= b.length) {
        return null;
      }
      if (i > 4) {
        throw new AssertionError("bad remaining length from the broker: " + Hex.format(b));
      }
      int v = b[i++] & 0xff;
      len += (v & 0x7f) * mult;
      mult *= 128;
      if ((v & 0x80) == 0) {
        break;
      }
    }
    if (b.length < i + len) {
      return null;
    }
    byte[] frame = java.util.Arrays.copyOfRange(b, 0, i + len);
    received.reset();
    received.write(b, i + len, b.length - i - len);
    return MqttFrame.of(frame);
  }

  private static <T> T await(CompletableFuture<T> f, Duration deadline, String what) {
    try {
      return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + what, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new IllegalStateException(what + ": no answer within " + deadline, e);
    }
  }

  /** Collects binary messages; runs on the HttpClient's threads, so it only appends and signals. */
  private final class Receiver implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      synchronized (lock) {
        if (received.size() + data.remaining() > MAX_BUFFERED) {
          error = new IOException("more than " + MAX_BUFFERED + " bytes buffered without a whole MQTT frame");
        } else {
          byte[] chunk = new byte[data.remaining()];
          data.get(chunk);
          received.write(chunk, 0, chunk.length);
        }
        lock.notifyAll();
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      synchronized (lock) {
        error = new IOException("text frame from the broker (MQTT over WebSocket is binary only): " + data);
        lock.notifyAll();
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      synchronized (lock) {
        closedByPeer = true;
        closeCode = statusCode;
        lock.notifyAll();
      }
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable e) {
      synchronized (lock) {
        error = e;
        lock.notifyAll();
      }
    }
  }
}
