/* Creates the engine behind MqttClient.create: real sockets on a shared selector loop, the shared timer and pools. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;

/** Entry point from the API package into the implementation. */
public final class ClientFactory {
    private ClientFactory() {
    }

    public static MqttClient create(MqttConfig config) {
        SharedRuntime.Handle rt = SharedRuntime.acquire();
        try {
            IoLoop loop = rt.nextLoop();
            Transports transports = Transports.of(config, loop, rt);
            try {
                return new Session(config, new Session.Environment(transports, rt.timer(), loop, rt, null));
            } catch (RuntimeException e) {
                transports.close();
                throw e;
            }
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        }
    }
}
