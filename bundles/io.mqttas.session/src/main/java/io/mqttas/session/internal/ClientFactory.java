/* Creates the engine behind MqttClient.create: real sockets, the shared scheduler, real randomness. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;

import java.util.concurrent.ThreadLocalRandom;

/** Entry point from the API package into the implementation. */
public final class ClientFactory {
    private ClientFactory() {
    }

    public static MqttClient create(MqttConfig config) {
        Transport.Factory transports = config.ssl() ? new TlsTransport.Factory(config) : TcpTransport::open;
        SharedScheduler scheduler = SharedScheduler.acquire();
        try {
            return new Session(config, transports, scheduler, () -> ThreadLocalRandom.current().nextDouble());
        } catch (RuntimeException e) {
            scheduler.release();
            throw e;
        }
    }
}
