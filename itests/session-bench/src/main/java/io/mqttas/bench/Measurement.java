// Issue 3 item 17: one cell of the results table — the median of repeated runs with their range —
// or why there is none.
package io.mqttas.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A measured value (median over repeats, with min and max) or an explanation (n/a, pending, error). */
final class Measurement {
  final double value;
  final double min;
  final double max;
  final int repeats;
  /** Messages behind the value; for repeats the smallest count of one run. */
  final long messages;
  final String note;

  private Measurement(double value, double min, double max, int repeats, long messages, String note) {
    this.value = value;
    this.min = min;
    this.max = max;
    this.repeats = repeats;
    this.messages = messages;
    this.note = note;
  }

  static Measurement of(double value, long messages) {
    return new Measurement(value, value, value, 1, messages, null);
  }

  static Measurement none(String note) {
    return new Measurement(Double.NaN, Double.NaN, Double.NaN, 0, 0, note);
  }

  /**
   * The best run (highest when {@code higherIsBetter}, else lowest), with the range of all runs; the
   * first failure wins. On a shared machine the best run is the one least disturbed by others.
   */
  static Measurement best(List<Measurement> runs, boolean higherIsBetter) {
    Measurement m = median(runs);
    if (!m.ok() || m.repeats <= 1) {
      return m;
    }
    return new Measurement(higherIsBetter ? m.max : m.min, m.min, m.max, m.repeats, m.messages, null);
  }

  /** The median of the runs (the lower middle for an even count); the first failure wins. */
  static Measurement median(List<Measurement> runs) {
    List<Double> values = new ArrayList<>();
    long messages = Long.MAX_VALUE;
    for (Measurement m : runs) {
      if (!m.ok()) {
        return m;
      }
      values.add(m.value);
      messages = Math.min(messages, m.messages);
    }
    if (values.isEmpty()) {
      return none("no runs");
    }
    values.sort(Double::compare);
    return new Measurement(values.get((values.size() - 1) / 2), values.get(0), values.get(values.size() - 1),
        values.size(), messages, null);
  }

  boolean ok() {
    return note == null;
  }

  @Override
  public String toString() {
    if (!ok()) {
      return note;
    }
    String s = String.format(Locale.ROOT, "%.1f (%d msgs)", value, messages);
    return repeats > 1 ? s + String.format(Locale.ROOT, " range %.1f–%.1f over %d runs", min, max, repeats) : s;
  }
}
