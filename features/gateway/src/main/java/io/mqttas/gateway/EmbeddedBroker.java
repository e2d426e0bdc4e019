/*
 * Issue 4 item 5: with no broker configured, the gateway brings its own — Moquette 0.17 (MQTT 3.1.1, from
 * Maven Central) on 127.0.0.1 only, anonymous, in memory, with its usage telemetry off (this is often a
 * closed network, and a gateway must not phone home).
 */
package io.mqttas.gateway;

import java.io.IOException;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/** Moquette on the launcher's class path, outside the OSGi framework; bundles reach it over TCP like any broker. */
final class EmbeddedBroker implements AutoCloseable {
    static final String HOST = "127.0.0.1";

    private final Server server = new Server();
    private final int port;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    static EmbeddedBroker start(int port) throws IOException {
        Properties p = new Properties();
        p.setProperty("host", HOST);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("websocket_port", "disabled");
        p.setProperty("telemetry_enabled", "false");
        EmbeddedBroker b = new EmbeddedBroker(port);
        b.server.startServer(new MemoryConfig(p));
        return b;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            server.stopServer();
        }
    }
}
