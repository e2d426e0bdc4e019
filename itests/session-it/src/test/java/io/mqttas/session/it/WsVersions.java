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
            // 5.0: clean=false keeps a session only with a Session Expiry Interval (0 ends it with
            // the connection), so the persistent-session cases behave as in 3.1.1
            case "5" -> b.mqttv5(true).property("mqttv5_con_props", "session_expiry_interval", 300);
            default -> throw new IllegalArgumentException("protocol version " + version + " is not wired into the tests yet");
        };
    }
}
