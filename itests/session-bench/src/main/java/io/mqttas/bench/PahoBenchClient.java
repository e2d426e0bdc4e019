// Issue 3 item 17: Eclipse Paho Java 1.2.5 (MqttAsyncClient) behind BenchClient — the client Kura
// ships. Defaults except: MQTT 3.1.1, in-memory persistence, automatic reconnect on, and
// maxInflight raised to the scenario's window (Paho's default 10 would throw "Too many publishes
// in progress", REASON_CODE_MAX_INFLIGHT, above window 10).
package io.mqttas.bench;

import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Paho 1.2.5 asynchronous client. */
public final class PahoBenchClient implements BenchClient {

  private static final long TIMEOUT_MS = 10_000;
  private MqttAsyncClient client;
  private int keepAlive = 60; // Paho's default; it pings after keepAlive seconds without traffic

  public static Factory factory() {
    return new Factory() {
      @Override
      public String name() {
        return "Paho 1.2.5";
      }

      @Override
      public BenchClient create() {
        return new PahoBenchClient();
      }
    };
  }

  @Override
  public void connect(String host, int port, String clientId, int maxInflight) throws Exception {
    client = new MqttAsyncClient("tcp://" + host + ":" + port, clientId, new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(true);
    o.setAutomaticReconnect(true);
    o.setMaxInflight(Math.max(10, maxInflight));
    o.setKeepAliveInterval(keepAlive);
    client.connect(o).waitForCompletion(TIMEOUT_MS);
  }

  @Override
  public boolean isConnected() {
    return client != null && client.isConnected();
  }

  @Override
  public void pingEvery(int seconds) {
    keepAlive = seconds;
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, Completion done) throws Exception {
    client.publish(topic, payload, qos, false, null, new IMqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        done.complete(null);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable error) {
        done.complete(error != null ? error : new IllegalStateException("Paho publish failed"));
      }
    });
  }

  @Override
  public void subscribe(String filter, int qos, Consumer<byte[]> onMessage) throws Exception {
    client.subscribe(filter, qos, (topic, message) -> onMessage.accept(message.getPayload())).waitForCompletion(TIMEOUT_MS);
  }

  @Override
  public void close() throws Exception {
    if (client != null) {
      try {
        if (client.isConnected()) {
          client.disconnect().waitForCompletion(TIMEOUT_MS);
        }
      } finally {
        client.close(true);
      }
    }
  }
}
