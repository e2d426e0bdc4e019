// Test kit (issue 9 items 13, 16, 17): a second JVM started by a test, for what one JVM cannot show
// about itself: JVM-wide settings (a hosts file for DNS faults, -Xmx256m for the 1,000-client run),
// per-process costs (threads, heap, CPU, file descriptors of that process only), or a kill -9 of the
// code under test. Registered like every other child: killed when the test JVM exits.
package io.mqttas.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.builder(MyMain.class).jvmOption("-Xmx256m").arg("1000").start()) {
 *   String result = child.awaitLine(l -> l.startsWith("RESULT "), Duration.ofMinutes(2));
 *   child.send("stop");
 *   assertEquals(0, child.awaitExit(Duration.ofSeconds(30)));
 * }
 * }</pre>
 *
 * Standard output is read line by line into a queue ({@link #awaitLine}); standard error goes to a
 * file kept for failure messages ({@link #errorOutput()}).
 */
public final class ChildJvm implements AutoCloseable {

  private static final AtomicInteger IDS = new AtomicInteger();

  private final Process process;
  private final Thread reader;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final Path stderr;
  private final String description;

  private ChildJvm(Builder b) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(b.jvmOptions);
    cmd.add("-cp");
    cmd.add(b.classPath);
    cmd.add(b.mainClass);
    cmd.addAll(b.args);
    this.description = b.mainClass + " " + b.args;
    Path dir = java.nio.file.Files.createTempDirectory("mqttas-childjvm");
    TempFiles.deleteOnExit(dir);
    this.stderr = dir.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
    this.process = ChildProcesses.track(pb.start());
    this.reader = new Thread(this::readLines, "mqttas-test-childjvm-" + IDS.incrementAndGet());
    reader.setDaemon(true);
    reader.start();
  }

  /** A child running {@code mainClass} with this JVM's class path. */
  public static Builder builder(Class<?> mainClass) {
    return new Builder(mainClass.getName());
  }

  /** A child running the class named {@code mainClass} with this JVM's class path. */
  public static Builder builder(String mainClass) {
    return new Builder(mainClass);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Writes one line to the child's standard input. */
  public void send(String line) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("child " + description + " does not read its input (exited? "
          + !process.isAlive() + "): " + errorTail(), e);
    }
  }

  /**
   * Waits for the next stdout line matching {@code match} (earlier non-matching lines are skipped
   * but kept for messages); AssertionError with the child's output when none comes in time.
   */
  public String awaitLine(Predicate<String> match, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      String line = null;
      try {
        line = left > 0 ? lines.poll(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS) : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (line != null) {
        synchronized (seen) {
          seen.add(line);
        }
        if (match.test(line)) {
          return line;
        }
        continue;
      }
      if (left <= 0 || (!process.isAlive() && lines.isEmpty() && !reader.isAlive())) {
        throw new AssertionError("child " + description + " printed no matching line within " + deadline
            + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")") + "; stdout:\n"
            + String.join("\n", tail(seen, 30)) + "\nstderr:\n" + errorTail());
      }
    }
  }

  /** Waits for the exit; returns the exit code, or -1 if still running at the deadline. */
  public int awaitExit(Duration deadline) {
    return ChildProcesses.waitFor(process, deadline) ? process.exitValue() : -1;
  }

  /** Standard error so far. */
  public String errorOutput() {
    try {
      return java.nio.file.Files.exists(stderr) ? java.nio.file.Files.readString(stderr) : "";
    } catch (IOException e) {
      return "<cannot read " + stderr + ": " + e + ">";
    }
  }

  /** The last 30 lines of standard error, for messages. */
  public String errorTail() {
    return String.join("\n", tail(List.of(errorOutput().split("\n")), 30));
  }

  /** SIGKILL, as a crash would. */
  public void kill() {
    ChildProcesses.kill(process, Duration.ofSeconds(10));
  }

  /** Kills the child if still running and joins its reader thread. Idempotent. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
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
        lines.add(line);
      }
    } catch (IOException ignored) {
      // killed
    }
  }

  private static List<String> tail(List<String> all, int n) {
    synchronized (all) {
      return new ArrayList<>(all.subList(Math.max(0, all.size() - n), all.size()));
    }
  }

  /** Options of a child JVM; {@link #start()} launches it. */
  public static final class Builder {
    private final String mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private String classPath = System.getProperty("java.class.path");

    private Builder(String mainClass) {
      this.mainClass = mainClass;
    }

    /** A JVM option such as {@code -Xmx256m} or {@code -Dkey=value}. */
    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    public Builder jvmOptions(List<String> options) {
      jvmOptions.addAll(options);
      return this;
    }

    public Builder arg(String arg) {
      args.add(arg);
      return this;
    }

    public Builder args(List<String> more) {
      args.addAll(more);
      return this;
    }

    /** Replaces the class path (default: this JVM's {@code java.class.path}). */
    public Builder classPath(String cp) {
      this.classPath = cp;
      return this;
    }

    public ChildJvm start() {
      try {
        return new ChildJvm(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start a child JVM for " + mainClass, e);
      }
    }
  }
}
