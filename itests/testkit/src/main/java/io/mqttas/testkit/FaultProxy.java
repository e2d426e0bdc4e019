// Test kit (issue 3 item 14): an in-process TCP proxy in front of a broker port that injects real
// network faults at run time: pass, black-hole (half-open link), reset (RST), refuse, drop after N
// bytes, delay. Threads are named mqttas-test-proxy-… and are all gone after close().
package io.mqttas.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens on a free 127.0.0.1 port and forwards each accepted connection to the target.
 *
 * <p>Modes (see {@link Mode}) apply to existing and new connections from the moment they are set.
 * Black-holing holds bytes back instead of discarding them, so a later {@link #pass()} resumes the
 * streams intact, as TCP would after a short outage; a link that stays black-holed is half-open.
 */
public final class FaultProxy implements AutoCloseable {

  /** What the proxy does with traffic. */
  public enum Mode {
    /** Forward everything (subject to {@link #delay}). */
    PASS,
    /** Accept and keep connections, forward nothing in either direction: a half-open link. */
    BLACKHOLE,
    /** Reset (RST) every current connection; new connections are reset at once. */
    RESET,
    /** Close new connections at once (FIN); existing ones keep working. */
    REFUSE,
    /**
     * Forward at most the configured number of bytes per connection and direction, then cut the
     * link: the receiving side gets those bytes and a FIN, the sending side a reset.
     */
    DROP_AFTER
  }

  /** Direction of bytes through the proxy. */
  public enum Direction {
    TO_BROKER,
    TO_CLIENT
  }

  private static final AtomicInteger IDS = new AtomicInteger();
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket server;
  private final Thread acceptor;
  private final String name;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private final Object gate = new Object();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong bytesToBroker = new AtomicLong();
  private final AtomicLong bytesToClient = new AtomicLong();
  private volatile Mode mode = Mode.PASS;
  private volatile long dropAfterBytes;
  private volatile Direction dropDirection;
  private volatile long delayNanos;
  private volatile long throttleBytesPerSecond;
  private volatile boolean closed;

  private FaultProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getByName(FreePort.HOST), 0), 50);
    this.name = "mqttas-test-proxy-" + IDS.incrementAndGet();
    this.acceptor = new Thread(this::acceptLoop, name + "-accept");
    acceptor.setDaemon(true);
    synchronized (threads) {
      threads.add(acceptor);
    }
    acceptor.start();
  }

  /** A proxy in {@link Mode#PASS} forwarding to {@code host:port}. */
  public static FaultProxy to(String host, int port) {
    try {
      return new FaultProxy(host, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open proxy port", e);
    }
  }

  /** A proxy in front of the broker's plain listener (stays valid across broker restarts). */
  public static FaultProxy to(MosquittoBroker broker) {
    return to(broker.host(), broker.port());
  }

  public String host() {
    return FreePort.HOST;
  }

  /** The port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  public Mode mode() {
    return mode;
  }

  /** Forward everything again; held-back bytes of black-holed connections flow on. */
  public FaultProxy pass() {
    setMode(Mode.PASS);
    return this;
  }

  /** Forward nothing, keep every connection open: the client sees a half-open link. */
  public FaultProxy blackhole() {
    setMode(Mode.BLACKHOLE);
    return this;
  }

  /** Reset all current connections, and every new one at once, until another mode is set. */
  public FaultProxy reset() {
    setMode(Mode.RESET);
    return this;
  }

  /** Close new connections at once; existing ones keep working. */
  public FaultProxy refuse() {
    setMode(Mode.REFUSE);
    return this;
  }

  /**
   * From now on each connection forwards at most {@code bytes} more bytes in {@code direction}
   * (counted per connection from now, or from accept for new ones), then the link is cut: the
   * receiving side reads exactly those bytes and then EOF, the sending side gets a reset. E.g.
   * {@code dropAfter(TO_BROKER, connectLength + publishLength)}: the broker gets the PUBLISH, the
   * client never sees the PUBACK.
   */
  public FaultProxy dropAfter(Direction direction, long bytes) {
    for (Link l : links) {
      l.budgetStart(direction);
    }
    this.dropDirection = direction;
    this.dropAfterBytes = bytes;
    setMode(Mode.DROP_AFTER);
    return this;
  }

  /**
   * Holds every chunk back by {@code delay} before forwarding it (combines with every mode). Under
   * continuous traffic the delays add up like a slow link; for request/response traffic it is the
   * added one-way latency.
   */
  public FaultProxy delay(Duration delay) {
    this.delayNanos = delay.toNanos();
    return this;
  }

  /**
   * Limits every connection to {@code bytesPerSecond} in each direction (0 = unlimited; combines
   * with every mode), like a slow radio link: the proxy reads at most a small slice at a time and
   * keeps its own socket buffers small, so the sender's data waits in the sender's socket, not in
   * the proxy. E.g. {@code throttle(12_000)} for a ~100 kbit/s link.
   */
  public FaultProxy throttle(long bytesPerSecond) {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bytesPerSecond must be >= 0: " + bytesPerSecond);
    }
    this.throttleBytesPerSecond = bytesPerSecond;
    return this;
  }

  /** One-shot: reset (RST) every current connection, mode unchanged. */
  public FaultProxy resetConnections() {
    for (Link l : links) {
      l.abort();
    }
    return this;
  }

  /** Connections accepted since the proxy started. */
  public int connectionCount() {
    return connections.get();
  }

  /** Connections currently open on the client side. */
  public int activeConnections() {
    return links.size();
  }

  /** Waits until {@link #connectionCount()} reaches {@code n}; returns whether it did in time. */
  public boolean awaitConnectionCount(int n, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (connections.get() < n) {
      if (System.nanoTime() - end > 0) {
        return false;
      }
      Sleep.millis(5);
    }
    return true;
  }

  public long bytesForwarded(Direction direction) {
    return direction == Direction.TO_BROKER ? bytesToBroker.get() : bytesToClient.get();
  }

  /** Closes the listening socket and every connection, and joins all proxy threads. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Link l : links) {
      l.abort();
    }
    synchronized (gate) {
      gate.notifyAll();
    }
    List<Thread> all;
    synchronized (threads) {
      all = new ArrayList<>(threads);
    }
    for (Thread t : all) {
      t.interrupt(); // wakes pumps sleeping on a delay
    }
    long end = System.nanoTime() + JOIN_TIMEOUT.toNanos();
    for (Thread t : all) {
      try {
        t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (t.isAlive()) {
        throw new IllegalStateException("proxy thread " + t.getName() + " did not stop within " + JOIN_TIMEOUT);
      }
    }
  }

  @Override
  public String toString() {
    return name + " " + FreePort.HOST + ":" + port() + " -> " + targetHost + ":" + targetPort + " " + mode;
  }

  // ------------------------------------------------------------------------------------------------

  private void setMode(Mode m) {
    this.mode = m;
    if (m == Mode.RESET) {
      resetConnections();
    }
    synchronized (gate) {
      gate.notifyAll();
    }
  }

  /** Blocks while black-holed; returns false when the link must stop. */
  private boolean awaitForwarding(Link link) {
    synchronized (gate) {
      while (mode == Mode.BLACKHOLE && !closed && !link.aborted) {
        try {
          gate.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return !closed && !link.aborted;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.incrementAndGet();
      Mode m = mode;
      if (m == Mode.REFUSE) {
        closeQuietly(client);
        continue;
      }
      if (m == Mode.RESET) {
        rst(client);
        continue;
      }
      Link link = new Link(client);
      links.add(link);
      if (closed) {
        link.abort();
        return;
      }
      start(new Thread(link::run, name + "-" + link.id + "-up"));
    }
  }

  private void start(Thread t) {
    t.setDaemon(true);
    synchronized (threads) {
      threads.removeIf(x -> !x.isAlive() && x != acceptor);
      threads.add(t);
    }
    t.start();
  }

  private static void rst(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (SocketException ignored) {
      // already closed
    }
    closeQuietly(s);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /** One proxied connection: client socket, broker socket, a pump thread per direction. */
  private final class Link {
    private final int id = IDS.incrementAndGet();
    private final Socket client;
    private volatile Socket broker;
    private volatile boolean aborted;
    private volatile boolean draining;
    private final AtomicLong sentToBroker = new AtomicLong();
    private final AtomicLong sentToClient = new AtomicLong();
    private volatile long budgetBaseToBroker;
    private volatile long budgetBaseToClient;

    Link(Socket client) {
      this.client = client;
    }

    void budgetStart(Direction d) {
      if (d == Direction.TO_BROKER) {
        budgetBaseToBroker = sentToBroker.get();
      } else {
        budgetBaseToClient = sentToClient.get();
      }
    }

    /** Runs on the "-up" thread: connects to the target (after any black-hole) and pumps client → broker. */
    void run() {
      try {
        if (!awaitForwarding(this)) {
          return;
        }
        Socket b = new Socket();
        try {
          b.setTcpNoDelay(true);
          b.connect(new InetSocketAddress(targetHost, targetPort), 5000);
        } catch (IOException e) {
          // Target down: the client sees what it would see without the proxy, a reset.
          closeQuietly(b);
          abort();
          return;
        }
        broker = b;
        if (aborted) {
          abort();
          return;
        }
        client.setTcpNoDelay(true);
        start(new Thread(() -> pump(b, client, Direction.TO_CLIENT), name + "-" + id + "-down"));
        pump(client, b, Direction.TO_BROKER);
      } catch (IOException e) {
        abort();
      }
    }

    private void pump(Socket from, Socket to, Direction dir) {
      byte[] buf = new byte[16 * 1024];
      AtomicLong sent = dir == Direction.TO_BROKER ? sentToBroker : sentToClient;
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        long paceStart = System.nanoTime();
        long paced = 0;
        long pacedRate = 0;
        while (true) {
          long rate = throttleBytesPerSecond;
          if (rate > 0 && pacedRate != rate) {
            shrinkBuffers(from, to);
            pacedRate = rate;
            paceStart = System.nanoTime();
            paced = 0;
          }
          int slice = rate > 0 ? (int) Math.max(1, Math.min(buf.length, rate / 50)) : buf.length;
          int n = in.read(buf, 0, slice);
          if (n < 0) {
            // Orderly close from one side: pass it on (after any black-hole) by closing both sides;
            // data already written still reaches the peer before the FIN.
            if (awaitForwarding(this)) {
              finish();
            }
            return;
          }
          long readAt = System.nanoTime();
          if (!awaitForwarding(this)) {
            return;
          }
          long d = delayNanos;
          if (d > 0) {
            long wait = readAt + d - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
          }
          int allowed = n;
          boolean cut = false;
          if (mode == Mode.DROP_AFTER && dropDirection == dir) {
            long base = dir == Direction.TO_BROKER ? budgetBaseToBroker : budgetBaseToClient;
            long left = dropAfterBytes - (sent.get() - base);
            if (left <= n) {
              allowed = (int) Math.max(0, left);
              cut = true;
            }
          }
          if (mode == Mode.RESET || aborted) {
            abort();
            return;
          }
          if (draining) {
            // The other direction hit its DROP_AFTER budget: nothing more reaches this side, even
            // an answer to the last forwarded bytes that raced the cut.
            drainAndClose(from);
            return;
          }
          if (cut) {
            draining = true; // before the last write, so the answer to it can never pass
          }
          if (allowed > 0) {
            // Count before writing: once written, the peer may answer and the test act on it
            // (e.g. start a DROP_AFTER budget) before this thread runs again.
            sent.addAndGet(allowed);
            (dir == Direction.TO_BROKER ? bytesToBroker : bytesToClient).addAndGet(allowed);
            out.write(buf, 0, allowed);
            out.flush();
            if (rate > 0) {
              // Pace: the bytes forwarded since the rate was set may not exceed rate x elapsed time.
              paced += allowed;
              long due = paceStart + paced * 1_000_000_000L / rate;
              long wait = due - System.nanoTime();
              if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              }
            }
          }
          if (cut) {
            cut(from, to);
            return;
          }
        }
      } catch (IOException e) {
        if (draining) {
          drainAndClose(from); // the sender side was reset by cut(); let the receiver read what it got
        } else {
          abort();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abort();
      }
    }

    /** A throttled link buffers little, so the sender's socket (not the proxy) holds what waits. */
    private void shrinkBuffers(Socket from, Socket to) {
      try {
        from.setReceiveBufferSize(4096);
        to.setSendBufferSize(4096);
      } catch (SocketException ignored) {
        // socket closing; the pump notices on its next read
      }
    }

    /**
     * DROP_AFTER reached: the receiving side gets the bytes forwarded so far followed by FIN (an RST
     * could make its kernel discard them unread), the sending side gets an RST at once.
     */
    private void cut(Socket sender, Socket receiver) {
      try {
        receiver.shutdownOutput();
      } catch (IOException ignored) {
        // receiver already gone
      }
      rst(sender);
    }

    /** After a cut: read and discard from the receiving side until it closes (at most 2 s), then close. */
    private void drainAndClose(Socket receiver) {
      try {
        receiver.setSoTimeout(2000);
        byte[] sink = new byte[4096];
        InputStream in = receiver.getInputStream();
        while (in.read(sink) >= 0) {
          // discard: the other side of the link is gone
        }
      } catch (IOException ignored) {
        // timeout or reset: close below
      }
      aborted = true;
      closeQuietly(receiver);
      links.remove(this);
    }

    /** Graceful close of both sides (FIN). */
    void finish() {
      aborted = true;
      closeQuietly(client);
      Socket b = broker;
      if (b != null) {
        closeQuietly(b);
      }
      links.remove(this);
    }

    /** RST both sides (linger 0), so each peer gets a connection reset. */
    void abort() {
      aborted = true;
      rst(client);
      Socket b = broker;
      if (b != null) {
        rst(b);
      }
      links.remove(this);
    }
  }
}
