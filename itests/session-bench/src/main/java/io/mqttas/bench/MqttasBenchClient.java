// Issue 3 item 17: the mqttas client (io.mqttas.session.MqttClient) behind BenchClient. Config
// through the dict keys verbatim (DESIGN §5); callback interface (queue_len 0). The session's own
// reconnect is always on after the first connect, as in mqtt_as.
package io.mqttas.bench;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** mqttas session client. */
public final class MqttasBenchClient implements BenchClient {

  private static final long TIMEOUT_S = 10;
  private MqttClient client;

  public static Factory factory() {
    return new Factory() {
      @Override
      public String name() {
        return "mqttas";
      }

      @Override
      public BenchClient create() {
        return new MqttasBenchClient();
      }

      @Override
      public String unavailableReason() {
        // The session implementation lands separately; until then create() throws.
        try (MqttClient probe = MqttClient.create(config("127.0.0.1", 1883, "mqttasbenchprobe", 10))) {
          return null;
        } catch (RuntimeException | LinkageError e) {
          return "session not implemented yet (" + e + ")";
        }
      }
    };
  }

  /** Like the Paho adapter: the in-flight window ({@code max_inflight}) at least the scenario's window. */
  static MqttConfig config(String host, int port, String clientId, int maxInflight) {
    Map<String, Object> m = new HashMap<>();
    m.put("server", host);
    m.put("port", port);
    m.put("client_id", clientId);
    m.put("clean", true);
    m.put("clean_init", true);
    m.put("keepalive", 60);
    m.put("queue_len", 0);
    m.put("max_inflight", Math.max(10, maxInflight));
    return MqttConfig.fromMap(m);
  }

  @Override
  public void connect(String host, int port, String clientId, int maxInflight) throws Exception {
    client = MqttClient.create(config(host, port, clientId, maxInflight));
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
  public void close() {
    if (client != null) {
      try {
        client.disconnect().get(TIMEOUT_S, TimeUnit.SECONDS);
      } catch (Exception e) {
        // not connected: close() below still stops everything
      } finally {
        client.close();
      }
    }
  }
}
