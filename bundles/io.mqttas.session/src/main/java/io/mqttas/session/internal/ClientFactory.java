/* Creates the engine behind MqttClient.create. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;

/** Entry point from the API package into the implementation. */
public final class ClientFactory {
    private ClientFactory() {
    }

    public static MqttClient create(MqttConfig config) {
        throw new UnsupportedOperationException("TODO: session issue");
    }
}
