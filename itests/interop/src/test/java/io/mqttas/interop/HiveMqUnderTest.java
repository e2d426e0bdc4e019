/*
 * Issue 13 item 8: HiveMQ Community Edition 2025.5, embedded in the test JVM, as a broker under test.
 * Its stock configuration listens on 1883 on every interface and reports usage statistics; here every
 * listener is bound to 127.0.0.1 on a free port, statistics are off, and conf/data/extensions live in
 * one temp folder deleted by close(). Persistence is "file" (sessions survive restart()) or "in-memory".
 */
package io.mqttas.interop;

import com.hivemq.embedded.EmbeddedHiveMQ;
import io.mqttas.testkit.FreePort;
import io.mqttas.testkit.TestCertificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

final class HiveMqUnderTest implements BrokerUnderTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Per-client queue bound ({@code max-queue-size}, HiveMQ's default 1000): raised above the suite's
     * bursts so "none lost" measures the client, not HiveMQ's overflow policy (discard).
     */
    static final long MAX_QUEUE_SIZE = 100_000;

    private final Path dir;
    private final boolean persistent;
    private final int tcpPort;
    private final int wsPort;
    private final int tlsPort;
    private final int wssPort;
    private EmbeddedHiveMQ hivemq;
    private boolean closed;

    private HiveMqUnderTest(Path dir, boolean persistent, int[] ports) {
        this.dir = dir;
        this.persistent = persistent;
        this.tcpPort = ports[0];
        this.wsPort = ports[1];
        this.tlsPort = ports[2];
        this.wssPort = ports[3];
        try {
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("extensions"));
            Path keyStore = Fixtures.serverKeyStore(TestCertificates.shared(), conf.resolve("server.p12"));
            Files.writeString(conf.resolve("config.xml"), configXml(keyStore));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.hivemq = build();
    }

    // Without the logging bootstrap HiveMQ leaves logback to logback-test.xml (quiet) instead of
    // installing its own console appender at INFO.
    private EmbeddedHiveMQ build() {
        return EmbeddedHiveMQ.builder().withConfigurationFolder(dir.resolve("conf"))
                .withDataFolder(dir.resolve("data")).withExtensionsFolder(dir.resolve("extensions"))
                .withoutLoggingBootstrap().build();
    }

    static HiveMqUnderTest start(boolean persistent) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = Fixtures.tempDir("mqttas-hivemq");
            HiveMqUnderTest b = new HiveMqUnderTest(dir, persistent, Fixtures.freePorts(4));
            try {
                b.launch();
                return b;
            } catch (RuntimeException e) {
                // A port taken between find() and HiveMQ's bind: try new ports.
                last = e;
                b.close();
            }
        }
        throw last;
    }

    private String configXml(Path keyStore) {
        String host = FreePort.HOST;
        String pw = Fixtures.KEY_STORE_PASSWORD;
        return "<?xml version=\"1.0\"?>\n"
                + "<hivemq>\n"
                + "  <listeners>\n"
                + "    <tcp-listener><port>" + tcpPort + "</port><bind-address>" + host + "</bind-address></tcp-listener>\n"
                + "    <websocket-listener><port>" + wsPort + "</port><bind-address>" + host + "</bind-address>\n"
                + "      <path>" + WS_PATH + "</path>\n"
                + "      <subprotocols><subprotocol>mqtt</subprotocol><subprotocol>mqttv3.1</subprotocol></subprotocols>\n"
                + "    </websocket-listener>\n"
                + "    <tls-tcp-listener><port>" + tlsPort + "</port><bind-address>" + host + "</bind-address>\n"
                + "      <tls><keystore><path>" + keyStore + "</path><password>" + pw + "</password>"
                + "<private-key-password>" + pw + "</private-key-password></keystore></tls>\n"
                + "    </tls-tcp-listener>\n"
                + "    <tls-websocket-listener><port>" + wssPort + "</port><bind-address>" + host + "</bind-address>\n"
                + "      <path>" + WS_PATH + "</path>\n"
                + "      <subprotocols><subprotocol>mqtt</subprotocol><subprotocol>mqttv3.1</subprotocol></subprotocols>\n"
                + "      <tls><keystore><path>" + keyStore + "</path><password>" + pw + "</password>"
                + "<private-key-password>" + pw + "</private-key-password></keystore></tls>\n"
                + "    </tls-websocket-listener>\n"
                + "  </listeners>\n"
                + "  <mqtt><queued-messages><max-queue-size>" + MAX_QUEUE_SIZE + "</max-queue-size></queued-messages></mqtt>\n"
                + "  <persistence><mode>" + (persistent ? "file" : "in-memory") + "</mode></persistence>\n"
                + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
                + "</hivemq>\n";
    }

    private void launch() {
        await(hivemq.start(), START_TIMEOUT, "start");
        Fixtures.awaitAccepting(START_TIMEOUT, this.toString(), tcpPort, wsPort, tlsPort, wssPort);
    }

    @Override
    public String name() {
        return "hivemq";
    }

    @Override
    public String product() {
        return "HiveMQ CE 2025.5 (embedded)";
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

    @Override
    public boolean supportsV5() {
        return true;
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
        return Set.of();
    }

    /**
     * A graceful shutdown (file persistence closed, lock released) and a new EmbeddedHiveMQ on the same
     * folders and ports, as a restarted server process would be. Not stop() + start() on one instance:
     * in 2025.5 the second start() fails ("A metric named com.hivemq.networking.bytes.read.total already
     * exists") although stop() is documented to clear the metric registry.
     */
    @Override
    public synchronized void restart() {
        closeInstance();
        Fixtures.awaitBindable(STOP_TIMEOUT, toString(), tcpPort, wsPort, tlsPort, wssPort);
        hivemq = build();
        launch();
    }

    private void closeInstance() {
        try {
            hivemq.close();
        } catch (ExecutionException e) {
            throw new IllegalStateException("HiveMQ did not close cleanly: " + this, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing " + this, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeInstance();
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    private void await(java.util.concurrent.CompletableFuture<Void> f, Duration within, String what) {
        try {
            f.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what + " of " + this, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " of " + this + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " of " + this + " not done within " + within, e);
        }
    }

    @Override
    public String toString() {
        return "hivemq 127.0.0.1:" + tcpPort + " ws:" + wsPort + " tls:" + tlsPort + " wss:" + wssPort
                + (persistent ? " file persistence" : " in memory") + " dir " + dir;
    }
}
