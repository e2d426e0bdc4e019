/*
 * Issue 13 item 8: Moquette 0.17 (MQTT 3.1.1 only; the broker the gateway embeds), in the test JVM, as a
 * broker under test: plain, WebSocket and TLS listeners on 127.0.0.1, usage telemetry off, persistence
 * (segmented queues + H2 store) in a temp folder when asked for.
 */
package io.mqttas.interop;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.mqttas.testkit.FreePort;
import io.mqttas.testkit.TestCertificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

final class MoquetteUnderTest implements BrokerUnderTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Largest MQTT message Moquette accepts ({@code netty.mqtt.message_size}). Moquette's default is
     * 8092 bytes: a larger PUBLISH makes it close the connection. Raised for the large-payload case.
     */
    static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    /** Per-session queue ({@code session_queue_size}), raised above the suite's bursts (see HiveMqUnderTest). */
    static final int SESSION_QUEUE_SIZE = 100_000;

    private final Path dir;
    private final boolean persistent;
    private final Properties properties;
    private final int tcpPort;
    private final int wsPort;
    private final int tlsPort;
    private final int wssPort;
    private Server server;
    private boolean closed;

    private MoquetteUnderTest(Path dir, boolean persistent, int[] ports) {
        this.dir = dir;
        this.persistent = persistent;
        this.tcpPort = ports[0];
        this.wsPort = ports[1];
        this.tlsPort = ports[2];
        this.wssPort = ports[3];
        Path keyStore = Fixtures.serverKeyStore(TestCertificates.shared(), dir.resolve("server.p12"));
        Properties p = new Properties();
        p.setProperty("host", FreePort.HOST);
        p.setProperty("port", Integer.toString(tcpPort));
        p.setProperty("websocket_port", Integer.toString(wsPort));
        p.setProperty("websocket_path", WS_PATH);
        p.setProperty("ssl_port", Integer.toString(tlsPort));
        p.setProperty("secure_websocket_port", Integer.toString(wssPort));
        p.setProperty("jks_path", keyStore.toString());
        p.setProperty("key_store_type", "pkcs12");
        p.setProperty("key_store_password", Fixtures.KEY_STORE_PASSWORD);
        p.setProperty("key_manager_password", Fixtures.KEY_STORE_PASSWORD);
        p.setProperty("allow_anonymous", "true");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("persistence_enabled", Boolean.toString(persistent));
        p.setProperty("data_path", dir.resolve("data").toString() + "/");
        p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        p.setProperty("session_queue_size", Integer.toString(SESSION_QUEUE_SIZE));
        this.properties = p;
    }

    static MoquetteUnderTest start(boolean persistent) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            MoquetteUnderTest b = new MoquetteUnderTest(Fixtures.tempDir("mqttas-moquette"), persistent,
                    Fixtures.freePorts(4));
            try {
                b.launch();
                return b;
            } catch (RuntimeException e) {
                last = e;
                b.close();
            }
        }
        throw last;
    }

    private synchronized void launch() {
        Server s = new Server();
        try {
            s.startServer(new MemoryConfig(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("Moquette did not start: " + this, e);
        }
        server = s;
        Fixtures.awaitAccepting(START_TIMEOUT, toString(), tcpPort, wsPort, tlsPort, wssPort);
    }

    @Override
    public String name() {
        return "moquette";
    }

    @Override
    public String product() {
        return "Moquette 0.17 (embedded)";
    }

    @Override
    public int tcpPort() {
        return tcpPort;
    }

    @Override
    public int wsPort() {
        return wsPort;
    }

    @Override
    public int tlsPort() {
        return tlsPort;
    }

    @Override
    public int wssPort() {
        return wssPort;
    }

    /** Moquette 0.17 implements MQTT 3.1 and 3.1.1 only (5.0 came with 0.18). */
    @Override
    public boolean supportsV5() {
        return false;
    }

    @Override
    public boolean supportsQos2() {
        return true;
    }

    @Override
    public boolean persistent() {
        return persistent;
    }

    @Override
    public Set<Deviation> deviations() {
        return EnumSet.of(Deviation.MOQUETTE_DUP_PUBLISH_KILLS_SESSION_LOOP,
                Deviation.MOQUETTE_NO_RESEND_OF_UNACKNOWLEDGED_QOS1,
                Deviation.MOQUETTE_STOP_WITH_A_CONNECTED_SESSION_LOSES_ALL_SESSIONS,
                Deviation.MOQUETTE_RETAIN_0_ON_SUBSCRIBE,
                Deviation.MOQUETTE_DROPS_PACKETS_FOR_A_CONGESTED_CLIENT,
                Deviation.MOQUETTE_SUBSCRIBE_RIGHT_AFTER_CONNACK_MAY_DROP_THE_CONNECTION);
    }

    /** stopServer() (closes the store) and a new Server on the same ports and data folder. */
    @Override
    public synchronized void restart() {
        stopServer();
        Fixtures.awaitBindable(STOP_TIMEOUT, toString(), tcpPort, wsPort, tlsPort, wssPort);
        launch();
    }

    private void stopServer() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopServer();
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    @Override
    public String toString() {
        return "moquette 127.0.0.1:" + tcpPort + " ws:" + wsPort + " tls:" + tlsPort + " wss:" + wssPort
                + (persistent ? " persistent" : " in memory") + " dir " + dir;
    }
}
