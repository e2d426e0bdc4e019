// Issue 3 item 17: the seam between the benchmark scenarios and the client libraries compared
// (mqttas, Eclipse Paho 1.2.5, HiveMQ client 1.4.2, a raw-socket ceiling). One small adapter per
// library implements it; the scenarios own the in-flight window, so every client is driven alike.
package io.mqttas.bench;

import java.util.function.Consumer;

/** A client under benchmark: MQTT 3.1.1, clean session, plain TCP. */
public interface BenchClient extends AutoCloseable {

  /** Called by the client when a publication is done: {@code error} null on success. */
  @FunctionalInterface
  interface Completion {
    void complete(Throwable error);
  }

  /** Creates unconnected clients of one kind. */
  interface Factory {
    /** Column title in the results table, e.g. "Paho 1.2.5". */
    String name();

    BenchClient create();

    /**
     * False for a client that completes each publication on the caller's thread (the single-thread
     * raw ceiling): windows and receiving mean nothing for it, only lock-step latency is measured.
     */
    default boolean asynchronous() {
      return true;
    }

    /** Null when usable, else why not (the column then shows "pending"). */
    default String unavailableReason() {
      return null;
    }
  }

  /**
   * Connects with a clean session and the library's own automatic reconnect switched on (default
   * settings otherwise); returns once the CONNACK arrived. {@code maxInflight} is the largest
   * number of unacknowledged publications the scenarios will keep outstanding.
   */
  void connect(String host, int port, String clientId, int maxInflight) throws Exception;

  /**
   * Before {@link #connect}: when idle, send a PINGREQ about every {@code seconds} (the per-client
   * cost rows compare clients at one ping rate; each library derives it from its own keys).
   */
  default void pingEvery(int seconds) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no ping setting");
  }

  /**
   * Starts one publication. {@code done} runs when the broker acknowledged it (QoS 1) or when it was
   * handed to the network (QoS 0). May throw when the client refuses at once (e.g. disconnected).
   */
  void publish(String topic, byte[] payload, int qos, Completion done) throws Exception;

  /** Whether the library believes it is connected now (the idle-cost rows check every client stayed up). */
  default boolean isConnected() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not tell");
  }

  /** Subscribes and returns once the SUBACK arrived; {@code onMessage} gets each payload. */
  void subscribe(String filter, int qos, Consumer<byte[]> onMessage) throws Exception;

  /** Disconnects and releases every thread and socket of this client. */
  @Override
  void close() throws Exception;
}
