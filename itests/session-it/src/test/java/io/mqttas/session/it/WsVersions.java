/* Issue 13 items 6, 8: the protocol versions the WebSocket cases run in (3.1.1 and 5.0). */
package io.mqttas.session.it;

import io.mqttas.session.MqttConfig;

import java.util.stream.Stream;

/** The versions as test parameters, and how a version is set on a client's configuration. */
final class WsVersions {
    private WsVersions() {
    }

    /** Both protocol versions; only 5.0 in the mqtt5-scenarios execution (Fast.V5), whose base settings are 5.0 already. */
    static Stream<String> all() {
        return Fast.V5 ? Stream.of("5") : Stream.of("3.1.1", "5");
    }

    static MqttConfig.Builder apply(String version, MqttConfig.Builder b) {
        return switch (version) {
            case "3.1.1" -> b.mqttv5(false);
            case "5" -> Fast.mqttv5KeepingSessions(b);
            default -> throw new IllegalArgumentException("protocol version " + version + " is not wired into the tests yet");
        };
    }
}
