// Test kit: publishes through mosquitto_pub, an independent client, so a test can feed the broker
// without using the code under test.
package io.mqttas.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs mosquitto_pub once per call, with a deadline. */
public final class MqttPublisher {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final MosquittoClientOptions options;

  public MqttPublisher(MosquittoClientOptions options) {
    this.options = options;
  }

  public static MqttPublisher to(MosquittoBroker broker) {
    return new MqttPublisher(MosquittoClientOptions.plain(broker));
  }

  /** Publishes one message; throws with mosquitto_pub's output when it fails. */
  public void publish(String topic, String message, int qos, boolean retain) {
    attempt(topic, message, qos, retain).requireSuccess();
  }

  public void publish(String topic, String message, int qos) {
    publish(topic, message, qos, false);
  }

  /** Publishes one message and returns the result without throwing (for rejection tests). */
  public ExternalCommand attempt(String topic, String message, int qos, boolean retain) {
    List<String> cmd = base(topic, qos, retain);
    cmd.addAll(List.of("-m", message));
    return ExternalCommand.run(cmd, null, TIMEOUT);
  }

  /** Publishes each line as one message over a single connection (mosquitto_pub -l). */
  public void publishLines(String topic, List<String> lines, int qos) {
    List<String> cmd = base(topic, qos, false);
    cmd.add("-l");
    ExternalCommand.run(cmd, String.join("\n", lines) + "\n", TIMEOUT).requireSuccess();
  }

  private List<String> base(String topic, int qos, boolean retain) {
    List<String> cmd = new ArrayList<>(List.of("mosquitto_pub"));
    cmd.addAll(options.args());
    cmd.addAll(List.of("-t", topic, "-q", Integer.toString(qos)));
    if (retain) {
      cmd.add("-r");
    }
    return cmd;
  }
}
