// Test kit: a sleep that keeps the interrupt flag instead of forcing checked exceptions on callers.
package io.mqttas.testkit;

final class Sleep {
  private Sleep() {}

  static void millis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
