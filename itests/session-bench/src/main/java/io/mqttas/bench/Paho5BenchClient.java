// Issue 13 item 10: Eclipse Paho Java 1.2.5's MQTT 5.0 client (org.eclipse.paho.mqttv5.client,
// MqttAsyncClient) behind BenchClient, beside its 3.1.1 adapter. Defaults except: clean start,
// in-memory persistence, automatic reconnect on. Its in-flight window is the broker's Receive
// Maximum (v5 has no client-side maxInflight setting), as for every v5 client. Messages arrive
// through the client-wide MqttCallback: 1.2.5's subscribe(subscription, listener) throws
// IndexOutOfBoundsException (eclipse-paho/paho.mqtt.java#826, unfixed in any release).
package io.mqttas.bench;

import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Paho 1.2.5 asynchronous client, MQTT 5.0. */
public final class Paho5BenchClient implements BenchClient {

  private static final long TIMEOUT_MS = 10_000;
  private MqttAsyncClient client;
  private int keepAlive = 60; // Paho's default
  private volatile Consumer<byte[]> onMessage = payload -> { };

  public static Factory factory() {
    return new Factory() {
      @Override
      public String name() {
        return "Paho 1.2.5 MQTT 5";
      }

      @Override
      public BenchClient create() {
        return new Paho5BenchClient();
      }
    };
  }

  @Override
  public void connect(String host, int port, String clientId, int maxInflight) throws Exception {
    client = new MqttAsyncClient("tcp://" + host + ":" + port, clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setAutomaticReconnect(true);
    o.setKeepAliveInterval(keepAlive);
    client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) { }

      @Override
      public void mqttErrorOccurred(MqttException e) { }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        onMessage.accept(message.getPayload());
      }

      @Override
      public void deliveryComplete(IMqttToken token) { }

      @Override
      public void connectComplete(boolean reconnect, String serverUri) { }

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) { }
    });
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
    client.publish(topic, payload, qos, false, null, new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        done.complete(null);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable error) {
        done.complete(error != null ? error : new IllegalStateException("Paho v5 publish failed"));
      }
    });
  }

  @Override
  public void subscribe(String filter, int qos, Consumer<byte[]> onMessage) throws Exception {
    this.onMessage = onMessage; // one subscription per client in every scenario
    client.subscribe(new MqttSubscription(filter, qos)).waitForCompletion(TIMEOUT_MS);
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
