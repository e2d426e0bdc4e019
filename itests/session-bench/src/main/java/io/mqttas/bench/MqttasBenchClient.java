// Issue 3 item 17: the mqttas client (io.mqttas.session.MqttClient) behind BenchClient. Config
// through the dict keys verbatim (DESIGN §5); callback interface (queue_len 0). The session's own
// reconnect is always on after the first connect, as in mqtt_as. Issue 9 item 16: a second flavour
// with the durable outbox on (a journal in a temp directory per client, deleted on close).
package io.mqttas.bench;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** mqttas session client. */
public final class MqttasBenchClient implements BenchClient {

  private static final long TIMEOUT_S = 10;
  /** Issue 13 item 6: the broker's WebSocket port for each TCP port (set by Benchmark when it starts the broker). */
  static final Map<Integer, Integer> WS_PORTS = new java.util.concurrent.ConcurrentHashMap<>();
  private final boolean outbox;
  private boolean webSocket;
  private final Map<String, Object> extra = new HashMap<>();
  private MqttClient client;
  private Path outboxDir;

  private MqttasBenchClient(boolean outbox) {
    this.outbox = outbox;
  }

  public static Factory factory() {
    return factory("mqttas", false);
  }

  /** mqttas speaking MQTT 5.0 ({@code mqttv5}; issue 13). */
  public static Factory v5Factory() {
    return factory("mqttas MQTT 5", false, false, Map.of("mqttv5", true));
  }

  /** mqttas with {@code outbox} set: every QoS 1 publication journaled (and synced) before it is sent. */
  public static Factory outboxFactory() {
    return factory("mqttas, outbox on", true);
  }

  /** mqttas over ws:// to the same broker (its websockets listener): the WebSocket transport's overhead beside TCP. */
  public static Factory wsFactory() {
    return factory("mqttas ws", false, true, Map.of());
  }

  private static Factory factory(String name, boolean outbox) {
    return factory(name, outbox, false, Map.of());
  }

  private static Factory factory(String name, boolean outbox, boolean ws, Map<String, Object> keys) {
    return new Factory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public BenchClient create() {
        MqttasBenchClient c = new MqttasBenchClient(outbox);
        c.webSocket = ws;
        c.extra.putAll(keys);
        return c;
      }

      @Override
      public String unavailableReason() {
        // The session implementation lands separately; until then create() throws.
        try (MqttClient probe = MqttClient.create(config("127.0.0.1", 1883, "mqttasbenchprobe", 10, Map.of()))) {
          return null;
        } catch (RuntimeException | LinkageError e) {
          return "session not implemented yet (" + e + ")";
        }
      }
    };
  }

  /** Like the Paho adapter: the in-flight window ({@code max_inflight}) at least the scenario's window. */
  static MqttConfig config(String host, int port, String clientId, int maxInflight, Map<String, Object> extra) {
    Map<String, Object> m = new HashMap<>();
    m.put("server", host);
    m.put("port", port);
    m.put("client_id", clientId);
    m.put("clean", true);
    m.put("clean_init", true);
    m.put("keepalive", 60);
    m.put("queue_len", 0);
    m.put("max_inflight", Math.max(10, maxInflight));
    m.putAll(extra);
    return MqttConfig.fromMap(m);
  }

  /** mqttas pings every keepalive/4 (mqtt_as's rule): keepalive = 4 × seconds gives that rate. */
  @Override
  public void pingEvery(int seconds) {
    extra.put("keepalive", 4 * seconds);
  }

  @Override
  public void connect(String host, int port, String clientId, int maxInflight) throws Exception {
    if (outbox) {
      outboxDir = Files.createTempDirectory("mqttas-bench-outbox");
      extra.put("outbox", outboxDir.toString());
    }
    if (webSocket) {
      Integer ws = WS_PORTS.get(port);
      if (ws == null) {
        throw new IllegalStateException("no WebSocket listener known for port " + port);
      }
      extra.put("server", "ws://" + host + ":" + ws + "/mqtt");
      extra.put("port", 0);
    }
    client = MqttClient.create(config(host, port, clientId, maxInflight, extra));
    client.connect(true).get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, Completion done) {
    client.publish(topic, payload, false, qos).whenComplete((v, e) -> done.complete(e));
  }

  @Override
  public void subscribe(String filter, int qos, Consumer<byte[]> onMessage) throws Exception {
    client.addMessageListener((topic, payload, retained) -> onMessage.accept(payload));
    client.subscribe(filter, qos).get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  public boolean isConnected() {
    return client != null && client.isConnected();
  }

  @Override
  public void close() {
    if (client != null) {
      try {
        client.disconnect().get(TIMEOUT_S, TimeUnit.SECONDS);
      } catch (Exception e) {
        // not connected: close() below still stops everything
      } finally {
        client.close();
        deleteOutbox();
      }
    }
  }

  private void deleteOutbox() {
    if (outboxDir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(outboxDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a journal left in /tmp is harmless
    }
  }
}
