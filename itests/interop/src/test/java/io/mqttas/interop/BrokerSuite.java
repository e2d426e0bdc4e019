/*
 * Issue 13 item 8: what every interoperability suite class shares — generous deadlines, small helpers
 * for futures and the event queue, and the check that every client thread is gone after each case.
 * The broker and the client settings come with each case's BrokerCase.
 */
package io.mqttas.interop;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.ThreadLeakCheck;
import org.junit.jupiter.api.AfterEach;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

abstract class BrokerSuite {

    /** Generous: the machine has 2 cores shared with other builds. */
    static final Duration T = Duration.ofSeconds(30);
    /** How long "nothing more arrives" is watched after the event that should have come last. */
    static final Duration QUIET = Duration.ofMillis(500);

    /** Every client of a case is closed by its end: its threads ({@code mqttas-<client_id>-…}) must be gone. */
    @AfterEach
    void clientThreadsAreGone() {
        List<String> prefixes = Arrays.stream(Broker.values()).map(k -> "mqttas-" + k + "-").toList();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> left = clientThreads(prefixes);
        while (!left.isEmpty() && System.nanoTime() - end < 0) {
            Fixtures.sleep(20);
            left = clientThreads(prefixes);
        }
        assertTrue(left.isEmpty(), "client threads still alive 10 s after the case: " + left);
    }

    private static List<String> clientThreads(List<String> prefixes) {
        return prefixes.stream().flatMap(p -> ThreadLeakCheck.live(p).stream()).map(Thread::getName).toList();
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
