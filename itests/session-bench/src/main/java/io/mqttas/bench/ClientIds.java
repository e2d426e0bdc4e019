// Issue 3 item 17: short unique client ids (MQTT 3.1.1 brokers must accept 1–23 chars [0-9a-zA-Z]).
package io.mqttas.bench;

import java.util.concurrent.atomic.AtomicInteger;

final class ClientIds {
  private static final AtomicInteger N = new AtomicInteger();

  private ClientIds() {}

  static String next(BenchClient.Factory f) {
    String letters = f.name().replaceAll("[^A-Za-z]", "");
    return "bench" + letters.substring(0, Math.min(8, letters.length())) + N.incrementAndGet();
  }
}
