// Issue 13 item 10: HiveMQ MQTT client 1.4.2 speaking MQTT 5.0 (Mqtt5AsyncClient) behind BenchClient, beside its 3.1.1 adapter.
// Defaults except automatic reconnect switched on (its default config: 1 s doubling to 120 s).
package io.mqttas.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** HiveMQ client 1.4.2, asynchronous API, MQTT 5.0 (clean start, no session expiry: a 3.1.1 clean session). */
public final class HiveMq5BenchClient implements BenchClient {

  private static final long TIMEOUT_S = 10;
  private Mqtt5AsyncClient client;
  private int keepAlive = 60; // HiveMQ's default; it pings after keepAlive seconds without traffic

  public static Factory factory() {
    return new Factory() {
      @Override
      public String name() {
        return "HiveMQ 1.4.2 MQTT 5";
      }

      @Override
      public BenchClient create() {
        return new HiveMq5BenchClient();
      }
    };
  }

  @Override
  public void connect(String host, int port, String clientId, int maxInflight) throws Exception {
    client = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(host).serverPort(port)
        .automaticReconnectWithDefaultConfig().buildAsync();
    client.connectWith().cleanStart(true).keepAlive(keepAlive).send().get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  public boolean isConnected() {
    return client != null && client.getState().isConnected();
  }

  @Override
  public void pingEvery(int seconds) {
    keepAlive = seconds;
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, Completion done) {
    client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send()
        .whenComplete((result, error) -> done.complete(error));
  }

  @Override
  public void subscribe(String filter, int qos, Consumer<byte[]> onMessage) throws Exception {
    client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos))
        .callback(p -> onMessage.accept(p.getPayloadAsBytes())).send().get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (client != null) {
      try {
        client.disconnect().get(TIMEOUT_S, TimeUnit.SECONDS);
      } catch (Exception e) {
        // not connected (e.g. after a broker restart still in progress): nothing to do
      }
    }
  }
}
