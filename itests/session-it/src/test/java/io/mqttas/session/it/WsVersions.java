/* Issue 13 items 6, 8: the protocol versions the WebSocket cases run in (5.0 joins once the session speaks it). */
package io.mqttas.session.it;

import io.mqttas.session.MqttConfig;

import java.util.stream.Stream;

/** The versions as test parameters, and how a version is set on a client's configuration. */
final class WsVersions {
    private WsVersions() {
    }

    /** "3.1.1" now; add "5" here (and a case below) when branch v5session's mqttv5 is merged. */
    static Stream<String> all() {
        return Stream.of("3.1.1");
    }

    static MqttConfig.Builder apply(String version, MqttConfig.Builder b) {
        return switch (version) {
            case "3.1.1" -> b.mqttv5(false);
            default -> throw new IllegalArgumentException("protocol version " + version + " is not wired into the tests yet");
        };
    }
}
