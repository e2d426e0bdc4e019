// Test kit (robustness P5: "a soak test asserting thread count … flat after N forced reconnects"):
// snapshot of live threads whose name starts with a prefix, and an assertion with a deadline that
// the set returns to the snapshot.
package io.mqttas.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * <pre>{@code
 * ThreadLeakCheck leaks = ThreadLeakCheck.snapshot("mqttas-");
 * ... create and close clients ...
 * leaks.assertNoLeak(Duration.ofSeconds(10));
 * }</pre>
 */
public final class ThreadLeakCheck {

  private final String prefix;
  private final List<Thread> before;

  private ThreadLeakCheck(String prefix) {
    this.prefix = prefix;
    this.before = live(prefix);
  }

  /** Remembers the live threads named {@code prefix…} now. */
  public static ThreadLeakCheck snapshot(String prefix) {
    return new ThreadLeakCheck(prefix);
  }

  /** The live threads whose name starts with {@code prefix}. */
  public static List<Thread> live(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
        .collect(Collectors.toList());
  }

  /** Names of live threads with the prefix that were not there at the snapshot. */
  public List<String> newThreadNames() {
    List<String> out = new ArrayList<>();
    for (Thread t : live(prefix)) {
      if (!before.contains(t)) {
        out.add(t.getName());
      }
    }
    return out;
  }

  /** Live threads with the prefix now, minus the count at the snapshot. */
  public int growth() {
    return live(prefix).size() - before.size();
  }

  /**
   * Waits up to {@code deadline} for every thread started since the snapshot to end; on failure
   * the AssertionError lists each leftover thread with its stack.
   */
  public void assertNoLeak(Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      List<Thread> extra = new ArrayList<>(live(prefix));
      extra.removeAll(before);
      if (extra.isEmpty()) {
        return;
      }
      if (System.nanoTime() - end > 0) {
        StringBuilder sb = new StringBuilder();
        sb.append(extra.size()).append(" thread(s) named ").append(prefix).append("… still alive ")
            .append(deadline).append(" after the check started (snapshot had ").append(before.size()).append("):");
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        for (Thread t : extra) {
          sb.append("\n  ").append(t.getName()).append(" (").append(t.getState()).append(')');
          StackTraceElement[] st = stacks.get(t);
          if (st != null) {
            for (int i = 0; i < Math.min(st.length, 12); i++) {
              sb.append("\n      at ").append(st[i]);
            }
          }
        }
        throw new AssertionError(sb.toString());
      }
      Sleep.millis(20);
    }
  }
}
