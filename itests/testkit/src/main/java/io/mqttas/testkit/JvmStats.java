// Test kit (issue 9 items 16, 17; robustness P5): what a long run must keep flat, measured from
// outside the code under test — live threads, heap retained after a full GC, open file
// descriptors, process CPU time — for soak assertions and per-client cost benchmarks.
package io.mqttas.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One snapshot of this JVM. */
public final class JvmStats {

  private static final Path FDS = Path.of("/proc/self/fd");

  private final int threads;
  private final List<String> threadNames;
  private final long heapUsed;
  private final int openFiles;
  private final long cpuNanos;

  private JvmStats(int threads, List<String> threadNames, long heapUsed, int openFiles, long cpuNanos) {
    this.threads = threads;
    this.threadNames = threadNames;
    this.heapUsed = heapUsed;
    this.openFiles = openFiles;
    this.cpuNanos = cpuNanos;
  }

  /**
   * Runs full GCs until the used heap stops falling (at most 5), then samples. The heap figure is
   * what is retained, not garbage waiting for a collection.
   */
  public static JvmStats afterGc() {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Sleep.millis(50);
      long used = mem.getHeapMemoryUsage().getUsed();
      if (used >= last - 64 * 1024) {
        break;
      }
      last = used;
    }
    return sample();
  }

  /** A sample without collecting (heap includes garbage). */
  public static JvmStats sample() {
    List<String> names = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .sorted().collect(Collectors.toList());
    return new JvmStats(ManagementFactory.getThreadMXBean().getThreadCount(), names,
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), openFileDescriptors(), processCpuNanos());
  }

  /** Open file descriptors of this process (Linux /proc/self/fd); -1 where the OS does not tell. */
  public static int openFileDescriptors() {
    if (!Files.isDirectory(FDS)) {
      return -1;
    }
    try (Stream<Path> s = Files.list(FDS)) {
      return (int) s.count() - 1; // the directory stream itself holds one
    } catch (IOException e) {
      return -1;
    }
  }

  /** CPU time of this process (all threads, user + system) in nanoseconds; -1 if unknown. */
  public static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  /** Live threads of the JVM. */
  public int threads() {
    return threads;
  }

  /** Live threads named {@code prefix…} at the time of the snapshot. */
  public int threads(String prefix) {
    return (int) threadNames.stream().filter(n -> n.startsWith(prefix)).count();
  }

  /** Names of the live threads at the time of the snapshot, sorted. */
  public List<String> threadNames() {
    return threadNames;
  }

  public long heapUsedBytes() {
    return heapUsed;
  }

  public int openFiles() {
    return openFiles;
  }

  public long cpuNanos() {
    return cpuNanos;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "threads %d (mqttas-* %d), heap %.1f MiB, open files %d, cpu %.1f s", threads,
        threads("mqttas-"), heapUsed / 1048576.0, openFiles, cpuNanos / 1e9);
  }
}
