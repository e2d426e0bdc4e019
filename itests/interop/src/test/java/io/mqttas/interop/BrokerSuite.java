/*
 * Issue 13 item 8: what every interoperability suite class shares — the broker for this run, client
 * settings that keep the cases fast, an independent reference client (mosquitto_sub/_pub), and the
 * check that every client thread is gone after each case.
 */
package io.mqttas.interop;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MosquittoClientOptions;
import io.mqttas.testkit.ThreadLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

@AgainstEveryBroker
abstract class BrokerSuite {

    /** Generous: the machine has 2 cores shared with other builds. */
    static final Duration T = Duration.ofSeconds(30);
    /** How long "nothing more arrives" is watched after the event that should have come last. */
    static final Duration QUIET = Duration.ofMillis(500);

    @Parameter
    Broker kind;

    /** Set by {@link SharedBrokers} before each test. */
    BrokerUnderTest broker;

    private ThreadLeakCheck clientThreads;

    @BeforeEach
    void snapshotClientThreads() {
        clientThreads = ThreadLeakCheck.snapshot(threadPrefix());
    }

    @AfterEach
    void clientThreadsAreGone() {
        clientThreads.assertNoLeak(Duration.ofSeconds(10));
    }

    /** Client threads are named after the client id ({@code mqttas-<client_id>-io}, …). */
    private String threadPrefix() {
        return "mqttas-" + kind + "-";
    }

    /**
     * Settings for a client of this broker: a fast back-off so restarts are mended at once, and a
     * response_time long enough that a slow broker on a loaded machine gets no DUP re-send (they are
     * checked on purpose in WireInteropTest; Moquette 0.17 cannot take one, see Deviation).
     */
    MqttConfig.Builder client(String id) {
        return MqttConfig.builder().server(broker.host()).port(broker.tcpPort()).clientId(kind + "-" + id)
                .keepalive(30).responseTime(15).reconnectDelayMin(0.05).reconnectDelayMax(0.5).reconnectJitter(0.5)
                .stabilityTime(0);
    }

    /** mosquitto_sub / mosquitto_pub on this broker's plain listener: an independent MQTT 3.1.1 client. */
    MosquittoClientOptions reference(String id) {
        return MosquittoClientOptions.port(broker.tcpPort()).clientId(kind + "-ref-" + id);
    }

    /** A topic private to this suite class and broker. */
    String topic(String name) {
        return "interop/" + kind + "/" + getClass().getSimpleName() + "/" + name;
    }

    static MqttClient connected(MqttConfig.Builder config) throws Exception {
        MqttClient c = MqttClient.create(config.build());
        try {
            c.connect(true).get(T.toSeconds(), TimeUnit.SECONDS);
            return c;
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Message m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    static <V> V await(CompletableFuture<V> f) throws Exception {
        return f.get(T.toSeconds(), TimeUnit.SECONDS);
    }

    static void awaitAll(List<? extends CompletableFuture<?>> fs, Duration within) throws Exception {
        CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message from the client's event queue, or a failure naming what was awaited. */
    static Message next(MqttClient c, String what) throws InterruptedException {
        Message m = c.queue().poll(T);
        assertNotNull(m, "no message within " + T + ": " + what);
        return m;
    }

    static void expectNoMessage(MqttClient c, String why) throws InterruptedException {
        Message m = c.queue().poll(QUIET);
        assertNull(m, why);
    }

    static void eventually(Duration within, String what, BooleanSupplier cond) {
        long end = System.nanoTime() + within.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("not within " + within + ": " + what);
            }
            Fixtures.sleep(10);
        }
    }
}
