// Test kit (issue 9 item 13): when did a fleet do something — e.g. each client's reconnect after a
// broker died — as percentiles, the densest window (a thundering herd is many events in one short
// window) and a text histogram for the test log and docs.
package io.mqttas.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Event times in milliseconds from a common origin. Not thread-safe: fill, then read. */
public final class TimeHistogram {

  private final List<Double> millis = new ArrayList<>();

  public TimeHistogram add(double ms) {
    millis.add(ms);
    return this;
  }

  public int count() {
    return millis.size();
  }

  /** The p-th percentile (0..100, nearest rank) in ms. */
  public double percentile(double p) {
    if (millis.isEmpty()) {
      throw new IllegalStateException("no events");
    }
    List<Double> s = sorted();
    int rank = (int) Math.ceil(p / 100.0 * s.size());
    return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
  }

  public double min() {
    return sorted().get(0);
  }

  public double max() {
    List<Double> s = sorted();
    return s.get(s.size() - 1);
  }

  /** The most events inside any window of {@code windowMs} (sliding, not aligned to buckets). */
  public int densestWindow(double windowMs) {
    List<Double> s = sorted();
    int best = 0;
    int lo = 0;
    for (int hi = 0; hi < s.size(); hi++) {
      while (s.get(hi) - s.get(lo) >= windowMs) {
        lo++;
      }
      best = Math.max(best, hi - lo + 1);
    }
    return best;
  }

  /** One line per {@code bucketMs} bucket from the first to the last event: range, count, bar. */
  public String render(double bucketMs) {
    if (millis.isEmpty()) {
      return "(no events)\n";
    }
    List<Double> s = sorted();
    double start = Math.floor(s.get(0) / bucketMs) * bucketMs;
    int buckets = (int) Math.floor((s.get(s.size() - 1) - start) / bucketMs) + 1;
    int[] counts = new int[buckets];
    for (double v : s) {
      counts[Math.min(buckets - 1, (int) Math.floor((v - start) / bucketMs))]++;
    }
    int peak = 0;
    for (int c : counts) {
      peak = Math.max(peak, c);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < buckets; i++) {
      int bar = peak == 0 ? 0 : (int) Math.round(50.0 * counts[i] / peak);
      sb.append(String.format(Locale.ROOT, "%7.0f–%-7.0f ms %4d %s%n", start + i * bucketMs,
          start + (i + 1) * bucketMs, counts[i], "#".repeat(bar)));
    }
    return sb.toString();
  }

  /** "n events, min …, p10 …, p50 …, p90 …, max … ms". */
  public String summary() {
    if (millis.isEmpty()) {
      return "0 events";
    }
    return String.format(Locale.ROOT, "%d events, min %.0f, p10 %.0f, p50 %.0f, p90 %.0f, max %.0f ms", count(), min(),
        percentile(10), percentile(50), percentile(90), max());
  }

  private List<Double> sorted() {
    List<Double> s = new ArrayList<>(millis);
    Collections.sort(s);
    return s;
  }
}
