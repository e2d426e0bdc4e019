// Issue 3 item 17: one number of the results table, or why there is none.
package io.mqttas.bench;

/** A measured value with its count of messages, or an explanation (n/a, pending, error). */
final class Measurement {
  final double value;
  final long messages;
  final String note;

  private Measurement(double value, long messages, String note) {
    this.value = value;
    this.messages = messages;
    this.note = note;
  }

  static Measurement of(double value, long messages) {
    return new Measurement(value, messages, null);
  }

  static Measurement none(String note) {
    return new Measurement(Double.NaN, 0, note);
  }

  boolean ok() {
    return note == null;
  }

  @Override
  public String toString() {
    return ok() ? String.format(java.util.Locale.ROOT, "%.1f (%d msgs)", value, messages) : note;
  }
}
