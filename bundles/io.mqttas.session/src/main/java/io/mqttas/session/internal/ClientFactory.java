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
            TlsContext tls = config.ssl() ? new TlsContext(config) : null;
            Transport.Factory transports = new NioTransports(loop, rt.work(), rt.timer(), NioTransports.JDK_RESOLVER, tls,
                    config.socketSendBuffer());
            return new Session(config, new Session.Environment(transports, rt.timer(), loop, rt, null));
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        }
    }
}
