// Issue 9 items 8 and 16: throughput of the durable outbox — group commit against one fsync per
// record, and the session's QoS 1 window 10 with the outbox on and off against one Mosquitto. In the
// session's package because the outbox is internal (package-private); not a bundle, not shipped.
package io.mqttas.session.internal;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MosquittoBroker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code java -cp … io.mqttas.session.internal.OutboxBench [--records N] [--messages M] [--repeats R] [--dir D]}.
 *
 * <p>Journal rows: N records of 64 B, each appended and waited for until durable, keeping at most
 * {@code window} outstanding (window 1 = a caller that waits for each fsync). The baseline is the
 * design this replaced: write and force every record on the caller's thread. Session rows: M QoS 1
 * publications of 64 B with at most 10 outstanding, clean session, to Mosquitto on loopback, with
 * and without {@code outbox}. Every cell is the best of R runs (runs interleaved), as in BenchMain.
 */
public final class OutboxBench {
  private OutboxBench() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int records = Integer.parseInt(a.getOrDefault("records", "20000"));
    int messages = Integer.parseInt(a.getOrDefault("messages", "50000"));
    int repeats = Integer.parseInt(a.getOrDefault("repeats", "3"));
    Path base = Files.createTempDirectory(Path.of(a.getOrDefault("dir", System.getProperty("java.io.tmpdir"))), "outbox-bench");
    byte[] payload = new byte[64];
    try {
      int[] windows = {1, 10, 100, 1000};
      double[] grouped = new double[windows.length];
      double perRecord = 0;
      double[] session = new double[2];
      try (MosquittoBroker broker = MosquittoBroker.start()) {
        for (int r = 0; r < repeats; r++) {
          perRecord = Math.max(perRecord, fsyncPerRecord(fresh(base), records, payload));
          for (int w = 0; w < windows.length; w++) {
            grouped[w] = Math.max(grouped[w], groupCommit(fresh(base), records, windows[w], payload));
          }
          session[0] = Math.max(session[0], sessionWindow10(broker, null, messages, payload));
          session[1] = Math.max(session[1], sessionWindow10(broker, fresh(base), messages, payload));
          System.err.printf("  run %d: per-record %.0f, group %s, session off %.0f on %.0f%n", r + 1, perRecord,
              java.util.Arrays.toString(grouped), session[0], session[1]);
        }
      }
      System.out.printf("Journal (%d records of 64 B, %s, best of %d):%n%n", records, base, repeats);
      System.out.println("| append + wait until durable | records/s | vs one fsync per record |");
      System.out.println("|---|---:|---:|");
      System.out.printf("| one fsync per record (caller writes and forces) | %,.0f | 1.00× |%n", perRecord);
      for (int w = 0; w < windows.length; w++) {
        System.out.printf("| group commit, window %d | %,.0f | %.2f× |%n", windows[w], grouped[w], grouped[w] / perRecord);
      }
      System.out.printf("%nSession (%d QoS 1 publications of 64 B, window 10, Mosquitto on loopback, best of %d):%n%n", messages, repeats);
      System.out.println("| mqttas | msg/s | vs outbox off |");
      System.out.println("|---|---:|---:|");
      System.out.printf("| outbox off | %,.0f | 1.00× |%n", session[0]);
      System.out.printf("| outbox on (group commit) | %,.0f | %.2f× |%n", session[1], session[1] / session[0]);
    } finally {
      delete(base);
    }
    System.exit(0);
  }

  private static Path fresh(Path base) throws IOException {
    return Files.createTempDirectory(base, "run");
  }

  /** The replaced design: each record written and forced by the caller before it returns. */
  static double fsyncPerRecord(Path dir, int records, byte[] payload) throws IOException {
    byte[] topic = "bench/outbox".getBytes();
    ByteBuffer rec = ByteBuffer.allocate((int) OutboxFormat.addSize(topic.length, payload.length));
    try (FileChannel ch = FileChannel.open(dir.resolve("baseline"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long start = System.nanoTime();
      for (int i = 0; i < records; i++) {
        rec.clear();
        rec.putLong(i).put(topic).put(payload);
        rec.position(0).limit(rec.capacity());
        while (rec.hasRemaining()) {
          ch.write(rec);
        }
        ch.force(false);
      }
      return records / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** Appends {@code records}, each waited for until durable, at most {@code window} outstanding. */
  static double groupCommit(Path dir, int records, int window, byte[] payload) throws Exception {
    try (Outbox o = Outbox.open(dir, "bench", 1L << 34, MqttConfig.OutboxOverflow.REJECT)) {
      o.replay(e -> { });
      Semaphore slots = new Semaphore(window);
      AtomicReference<Throwable> error = new AtomicReference<>();
      long start = System.nanoTime();
      for (int i = 0; i < records; i++) {
        if (!slots.tryAcquire(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no durable completion for 30 s");
        }
        o.append("bench/outbox", payload, false).durable().whenComplete((v, e) -> {
          if (e != null) {
            error.compareAndSet(null, e);
          }
          slots.release();
        });
      }
      if (!slots.tryAcquire(window, 30, TimeUnit.SECONDS) || error.get() != null) {
        throw new IllegalStateException("durable failed", error.get());
      }
      return records / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** QoS 1 window 10 through the public client; {@code outbox} null = off. */
  static double sessionWindow10(MosquittoBroker broker, Path outbox, int messages, byte[] payload) throws Exception {
    Map<String, Object> m = new HashMap<>();
    m.put("server", broker.host());
    m.put("port", broker.port());
    m.put("client_id", "outbox-bench-" + (outbox == null ? "off" : "on"));
    m.put("clean", true);
    m.put("queue_len", 0);
    m.put("max_inflight", 10);
    if (outbox != null) {
      m.put("outbox", outbox.toString());
      m.put("outbox_max_bytes", 1L << 30);
    }
    try (MqttClient c = MqttClient.create(MqttConfig.fromMap(m))) {
      c.connect(true).get(10, TimeUnit.SECONDS);
      Semaphore slots = new Semaphore(10);
      List<CompletableFuture<Void>> last = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        if (!slots.tryAcquire(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("no PUBACK for 30 s");
        }
        CompletableFuture<Void> f = c.publish("bench/outbox", payload, false, 1);
        f.whenComplete((v, e) -> slots.release());
        if (i >= messages - 10) {
          last.add(f);
        }
      }
      for (CompletableFuture<Void> f : last) {
        f.get(30, TimeUnit.SECONDS);
      }
      double rate = messages / ((System.nanoTime() - start) / 1e9);
      c.disconnect().get(10, TimeUnit.SECONDS);
      return rate;
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
