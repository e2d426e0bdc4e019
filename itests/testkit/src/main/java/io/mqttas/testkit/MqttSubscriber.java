// Test kit: a mosquitto_sub process that collects what reaches the broker, so tests check delivery
// with an independent client. Payloads travel as hex (-F %x) so any bytes survive the line format.
package io.mqttas.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <pre>{@code
 * try (MqttSubscriber sub = MqttSubscriber.start(broker, "t/#", 1)) {   // returns after SUBACK
 *   ... publish with the code under test ...
 *   List<MqttSubscriber.Message> got = sub.awaitMessages(10, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class MqttSubscriber implements AutoCloseable {

  /** One received message. */
  public static final class Message {
    private final String topic;
    private final byte[] payload;
    private final int qos;
    private final boolean retained;

    Message(String topic, byte[] payload, int qos, boolean retained) {
      this.topic = topic;
      this.payload = payload;
      this.qos = qos;
      this.retained = retained;
    }

    public String topic() {
      return topic;
    }

    public byte[] payload() {
      return payload.clone();
    }

    public String payloadUtf8() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    public int qos() {
      return qos;
    }

    public boolean retained() {
      return retained;
    }

    /** "topic payload", as mosquitto_sub -v prints it. */
    @Override
    public String toString() {
      return topic + " " + payloadUtf8();
    }
  }

  private static final AtomicInteger IDS = new AtomicInteger();
  private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final Thread reader;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private final StringBuilder output = new StringBuilder();

  private MqttSubscriber(MosquittoClientOptions options, String filter, int qos, List<String> extra) {
    // stdout is a pipe, so mosquitto_sub's stdio would buffer whole blocks; stdbuf (coreutils)
    // makes it line-buffered so each message and the SUBACK line arrive at once. stdbuf execs, so
    // the process is mosquitto_sub itself.
    List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL", "mosquitto_sub"));
    cmd.addAll(options.args());
    cmd.addAll(List.of("-t", filter, "-q", Integer.toString(qos), "-d", "-F", "MSG %q %r %x %t"));
    cmd.addAll(extra);
    try {
      process = ChildProcesses.track(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start mosquitto_sub (run scripts/setup-os.sh)", e);
    }
    reader = new Thread(this::readLines, "mqttas-test-sub-" + IDS.incrementAndGet());
    reader.setDaemon(true);
    reader.start();
  }

  /** Subscribes to {@code filter} on the broker's plain port; returns once the SUBACK arrived. */
  public static MqttSubscriber start(MosquittoBroker broker, String filter, int qos) {
    return start(MosquittoClientOptions.plain(broker), filter, qos);
  }

  /** Subscribes with extra mosquitto_sub arguments (e.g. "-c" for a clean=false session); waits for the SUBACK. */
  public static MqttSubscriber start(MosquittoClientOptions options, String filter, int qos, String... extraArgs) {
    MqttSubscriber s = new MqttSubscriber(options, filter, qos, List.of(extraArgs));
    s.awaitSubscribed();
    return s;
  }

  /** Starts without waiting for the SUBACK (for tests where the subscription is expected to fail). */
  public static MqttSubscriber startNoWait(MosquittoClientOptions options, String filter, int qos, String... extraArgs) {
    return new MqttSubscriber(options, filter, qos, List.of(extraArgs));
  }

  private void awaitSubscribed() {
    long end = System.nanoTime() + SUBSCRIBE_TIMEOUT.toNanos();
    try {
      while (!subscribed.await(20, TimeUnit.MILLISECONDS)) {
        if (!process.isAlive()) {
          // Refused (bad credentials, TLS failure, …): fail at once, with what it printed.
          reader.join(2000);
          throw new IllegalStateException("mosquitto_sub exited with " + process.exitValue()
              + " before its SUBACK; output:\n" + output());
        }
        if (System.nanoTime() - end > 0) {
          close();
          throw new IllegalStateException("mosquitto_sub got no SUBACK within " + SUBSCRIBE_TIMEOUT + "; output:\n"
              + output());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Waits until {@code n} messages arrived in total; AssertionError listing what did arrive. */
  public List<Message> awaitMessages(int n, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    List<Message> got = new ArrayList<>();
    while (got.size() < n) {
      long left = end - System.nanoTime();
      Message m = null;
      try {
        m = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (m == null) {
        messages.addAll(got); // keep them for a later call (order is lost only on failure)
        throw new AssertionError("mosquitto_sub received " + got.size() + " of " + n + " messages within " + deadline
            + (got.isEmpty() ? "" : "; first: " + got.get(0) + ", last: " + got.get(got.size() - 1))
            + (process.isAlive() ? "" : "; mosquitto_sub exited with " + process.exitValue() + ":\n" + output()));
      }
      got.add(m);
    }
    return got;
  }

  /**
   * Waits until {@code n} distinct payloads arrived (at-least-once delivery may repeat some);
   * returns every message received, duplicates included. Counting messages instead would return
   * once {@code n} arrived with duplicates among them, before the last distinct one.
   */
  public List<Message> awaitDistinctPayloads(int n, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    List<Message> got = new ArrayList<>();
    java.util.Set<String> distinct = new java.util.HashSet<>();
    while (distinct.size() < n) {
      long left = end - System.nanoTime();
      Message m = null;
      try {
        m = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (m == null) {
        throw new AssertionError("mosquitto_sub received " + distinct.size() + " of " + n + " distinct payloads ("
            + got.size() + " messages) within " + deadline
            + (process.isAlive() ? "" : "; mosquitto_sub exited with " + process.exitValue() + ":\n" + output()));
      }
      got.add(m);
      distinct.add(m.payloadUtf8());
    }
    return got;
  }

  /** Waits for one message. */
  public Message awaitMessage(Duration deadline) {
    return awaitMessages(1, deadline).get(0);
  }

  /** Asserts nothing arrives within {@code window}. */
  public void expectNoMessage(Duration window) {
    try {
      Message m = messages.poll(window.toMillis(), TimeUnit.MILLISECONDS);
      if (m != null) {
        throw new AssertionError("unexpected message: " + m);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Messages received and not yet taken by awaitMessages, removed from the buffer. */
  public List<Message> drain() {
    List<Message> out = new ArrayList<>();
    messages.drainTo(out);
    return out;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end (e.g. with -C n); returns its exit code or -1 on timeout. */
  public int awaitExit(Duration deadline) {
    return ChildProcesses.waitFor(process, deadline) ? process.exitValue() : -1;
  }

  /** Everything mosquitto_sub printed except the message lines (debug log, errors). */
  public String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** Kills mosquitto_sub and joins its reader thread. Idempotent. */
  @Override
  public void close() {
    ChildProcesses.kill(process, Duration.ofSeconds(5));
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readLines() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("MSG ")) {
          String[] f = line.split(" ", 5);
          if (f.length == 5) {
            messages.add(new Message(f[4], Hex.parse(f[3]), Integer.parseInt(f[1]), "1".equals(f[2])));
            continue;
          }
        }
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (line.startsWith("Subscribed (mid:")) {
          subscribed.countDown();
        }
      }
    } catch (IOException ignored) {
      // process killed
    }
  }
}
