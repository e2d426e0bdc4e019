// Test kit (issue 9 items 13, 17): the far end of end-to-end checks — an independent MQTT 3.1.1
// QoS 1 client written from the standard with the kit's own Packets/MqttFrame (no mqttas code),
// that survives broker restarts and node deaths by itself: it reconnects every 100 ms, subscribes
// again after every CONNACK, re-sends every unacknowledged publication with DUP=1, and acknowledges
// a QoS 1 message only after the consumer returned. Duplicates are therefore possible (at least
// once) and losses are not; a soak counts what arrives against what was sent.
package io.mqttas.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * <pre>{@code
 * try (ReferenceClient observer = ReferenceClient.builder(broker.host(), broker.port(), "observer")
 *          .cleanSession(false).subscribe("out/#", 1).onMessage(m -> ledger.add(m.payloadUtf8())).start();
 *      ReferenceClient producer = ReferenceClient.builder(broker.host(), broker.port(), "producer").start()) {
 *   producer.publish("in/t", bytes);          // QoS 1; blocks only while its window is full
 *   producer.awaitAllAcknowledged(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class ReferenceClient implements AutoCloseable {

  private static final long RETRY_MILLIS = 100;
  private static final Duration WINDOW_WAIT = Duration.ofSeconds(120);

  private final Builder options;
  private final Thread thread;
  private final Object lock = new Object();
  private final Semaphore window;
  // Guarded by lock.
  private final Map<Integer, byte[]> pending = new LinkedHashMap<>();
  private final Map<Integer, String> subscribing = new LinkedHashMap<>();
  private int nextId = 1;
  private OutputStream out;
  private Socket socket;
  private boolean ready;
  private long published;
  private long acknowledged;
  private long received;
  private int connects;
  private String lastProblem = "none";
  private volatile boolean closed;

  private ReferenceClient(Builder options) {
    this.options = options;
    this.window = new Semaphore(options.window);
    this.thread = new Thread(this::run, "mqttas-test-ref-" + options.clientId);
    thread.setDaemon(true);
  }

  public static Builder builder(String host, int port, String clientId) {
    return new Builder(host, port, clientId);
  }

  /** QoS 1 publication; blocks only while {@code window} publications are unacknowledged. */
  public void publish(String topic, byte[] payload) {
    try {
      if (!window.tryAcquire(WINDOW_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(this + ": window full for " + WINDOW_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    synchronized (lock) {
      int id = allocateId();
      byte[] frame = Packets.publish(topic, payload, 1, false, false, id);
      pending.put(id, frame);
      published++;
      write(frame);
    }
  }

  public void publish(String topic, String payload) {
    publish(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Waits until every publication so far was acknowledged; AssertionError at the deadline. */
  public void awaitAllAcknowledged(Duration deadline) {
    awaitCondition(deadline, () -> pending.isEmpty(), "all publications acknowledged");
  }

  /** Waits until connected and subscribed; AssertionError at the deadline. */
  public void awaitReady(Duration deadline) {
    awaitCondition(deadline, () -> ready, "connected and subscribed");
  }

  public boolean isReady() {
    synchronized (lock) {
      return ready;
    }
  }

  public long published() {
    synchronized (lock) {
      return published;
    }
  }

  public long acknowledged() {
    synchronized (lock) {
      return acknowledged;
    }
  }

  /** Messages handed to the consumer (duplicates included). */
  public long received() {
    synchronized (lock) {
      return received;
    }
  }

  /** Subscriptions of this client (for messages). */
  public List<String> subscriptions() {
    return new ArrayList<>(options.subscriptions.keySet());
  }

  /** Successful CONNACKs so far (1 after start). */
  public int connects() {
    synchronized (lock) {
      return connects;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "ReferenceClient " + options.clientId + "@" + options.host + ":" + options.port + " (ready " + ready
          + ", connects " + connects + ", published " + published + ", acknowledged " + acknowledged + ", received "
          + received + ", last problem: " + lastProblem + ")";
    }
  }

  /** Stops reconnecting, closes the socket (no DISCONNECT) and joins the thread. Idempotent. */
  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      closeSocket();
      lock.notifyAll();
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      throw new IllegalStateException(thread.getName() + " did not stop within 5 s");
    }
  }

  // ------------------------------------------------------------------------------------------------

  private interface Condition {
    boolean holds();
  }

  private void awaitCondition(Duration deadline, Condition c, String what) {
    long end = System.nanoTime() + deadline.toNanos();
    synchronized (lock) {
      while (!c.holds()) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(this + ": not " + what + " within " + deadline);
        }
        try {
          lock.wait(Math.max(1, Math.min(100, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  private int allocateId() {
    while (pending.containsKey(nextId) || subscribing.containsKey(nextId)) {
      nextId = nextId == 65_535 ? 1 : nextId + 1;
    }
    int id = nextId;
    nextId = nextId == 65_535 ? 1 : nextId + 1;
    return id;
  }

  /** Under lock: writes a whole frame to the current connection, if any; a failure drops it. */
  private void write(byte[] frame) {
    if (out == null) {
      return;
    }
    try {
      out.write(frame);
      out.flush();
    } catch (IOException e) {
      lastProblem = "write failed: " + e;
      closeSocket(); // the reader sees the close and reconnects; the frame stays pending
    }
  }

  private void closeSocket() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    socket = null;
    out = null;
    ready = false;
  }

  private void run() {
    while (!closed) {
      Socket s = new Socket();
      try {
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(options.host, options.port), 2000);
        session(s);
      } catch (IOException | RuntimeException e) {
        synchronized (lock) {
          lastProblem = e.toString();
        }
      } finally {
        synchronized (lock) {
          if (socket == s) {
            closeSocket();
          }
          lock.notifyAll();
        }
        try {
          s.close();
        } catch (IOException ignored) {
          // closed
        }
      }
      synchronized (lock) {
        if (!closed) {
          try {
            lock.wait(RETRY_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  /** One connection: CONNECT/CONNACK, subscriptions, re-sends, then the read loop until it fails. */
  private void session(Socket s) throws IOException {
    long pingMillis = Math.max(100, options.keepAliveSeconds * 1000L / 2);
    s.setSoTimeout((int) pingMillis);
    InputStream in = s.getInputStream();
    OutputStream o = s.getOutputStream();
    o.write(Packets.connect(options.clientId, options.cleanSession, options.keepAliveSeconds));
    o.flush();
    QuietLinkReader r = new QuietLinkReader(in, pingMillis, Math.max(2000, 2 * pingMillis), () -> closed, () -> {
      synchronized (lock) {
        write(Packets.pingreq());
      }
    });
    MqttFrame connack = r.next(false);
    if (connack.type() != MqttFrame.CONNACK || (connack.body()[1] & 0xff) != 0) {
      throw new IOException("connection refused: " + connack);
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      socket = s;
      out = o;
      connects++;
      subscribing.clear();
      for (Map.Entry<String, Integer> sub : options.subscriptions.entrySet()) {
        int id = allocateId();
        subscribing.put(id, sub.getKey());
        write(Packets.subscribe(id, sub.getKey(), sub.getValue()));
      }
      for (byte[] f : pending.values()) {
        byte[] dup = f.clone();
        dup[0] |= 0x08;
        write(dup);
      }
      ready = subscribing.isEmpty();
      lock.notifyAll();
    }
    while (!closed) {
      MqttFrame f = r.next(true);
      switch (f.type()) {
        case MqttFrame.PUBLISH -> {
          options.consumer.accept(f);
          synchronized (lock) {
            received++;
            if (f.qos() > 0) {
              write(Packets.puback(f.packetId()));
            }
          }
        }
        case MqttFrame.PUBACK -> {
          synchronized (lock) {
            if (pending.remove(f.packetId()) != null) {
              acknowledged++;
              window.release();
              lock.notifyAll();
            }
          }
        }
        case MqttFrame.SUBACK -> {
          synchronized (lock) {
            String filter = subscribing.remove(f.packetId());
            if (filter != null && (f.body()[2] & 0xff) == 0x80) {
              lastProblem = "SUBACK refused " + filter;
              throw new IOException(lastProblem);
            }
            ready = subscribing.isEmpty();
            lock.notifyAll();
          }
        }
        default -> {
          // PINGRESP and anything else: the Reader already counted it as a sign of life
        }
      }
    }
  }

  /** Options; {@link #start()} connects. */
  public static final class Builder {
    private final String host;
    private final int port;
    private final String clientId;
    private boolean cleanSession = true;
    private int keepAliveSeconds = 5;
    private int window = 100;
    private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
    private Consumer<MqttFrame> consumer = m -> { };

    private Builder(String host, int port, String clientId) {
      this.host = host;
      this.port = port;
      this.clientId = clientId;
    }

    /** Default true. With false the broker keeps the session (and queues QoS 1) across restarts. */
    public Builder cleanSession(boolean clean) {
      this.cleanSession = clean;
      return this;
    }

    /** Default 5 s; the client pings after half of it without input. */
    public Builder keepAlive(int seconds) {
      this.keepAliveSeconds = seconds;
      return this;
    }

    /** Unacknowledged publications at most (default 100, at most 60,000). */
    public Builder window(int max) {
      if (max < 1 || max > 60_000) {
        throw new IllegalArgumentException("window must be 1..60000: " + max);
      }
      this.window = max;
      return this;
    }

    /** A subscription made after every CONNACK. */
    public Builder subscribe(String filter, int qos) {
      subscriptions.put(filter, qos);
      return this;
    }

    /** Gets every PUBLISH (on the client's thread); QoS 1 is acknowledged after it returns. */
    public Builder onMessage(Consumer<MqttFrame> consumer) {
      this.consumer = consumer;
      return this;
    }

    /** Starts the client and waits up to 10 s until it is connected and subscribed. */
    public ReferenceClient start() {
      ReferenceClient c = new ReferenceClient(this);
      c.thread.start();
      try {
        c.awaitReady(Duration.ofSeconds(10));
      } catch (AssertionError e) {
        c.close();
        throw e;
      }
      return c;
    }
  }
}
