/* issue 3 item 12: the CLI's pub and sub round-trip with mosquitto_sub and mosquitto_pub on a real Mosquitto. */
package io.mqttas.cli;

import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttSubscriber;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PubSubRoundTripTest {

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void pubCountReachesMosquittoSub() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             MqttSubscriber sub = MqttSubscriber.start(broker, "cli/pub", 1)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = run(out, err, "pub", "-h", broker.host(), "-p", Integer.toString(broker.port()), "-t", "cli/pub",
                    "-m", "hello", "-q", "1", "--count", "3", "--interval-ms", "10");
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            List<String> got = sub.awaitMessages(3, Duration.ofSeconds(10)).stream().map(MqttSubscriber.Message::payloadUtf8).toList();
            assertEquals(List.of("hello 0", "hello 1", "hello 2"), got);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("connected"), "state changes on stderr");
        }
    }

    @Test
    void subPrintsWhatMosquittoPubSends() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CompletableFuture<Integer> sub = CompletableFuture.supplyAsync(() -> run(out, err, "sub", "-h", broker.host(), "-p",
                    Integer.toString(broker.port()), "-t", "cli/#", "-q", "1", "-C", "2", "-v"));
            MqttPublisher pub = MqttPublisher.to(broker);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!err.toString(StandardCharsets.UTF_8).contains("connected") && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // the subscription follows the connect
            pub.publish("cli/a", "one", 1);
            pub.publish("cli/b", "two", 1);
            assertEquals(0, sub.get(15, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
            assertEquals(List.of("cli/a one", "cli/b two"), out.toString(StandardCharsets.UTF_8).lines().toList());
        }
    }

    @Test
    void badArgumentsAndRefusedConnectionsExitNonZeroWithAClearMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(Command.USAGE, run(out, err, "pub", "-t", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Both topic and message must be supplied."), err.toString(StandardCharsets.UTF_8));
        assertEquals(Command.USAGE, run(out, err, "pub", "-t", "x", "-m", "y", "-o", "keepalive=-1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("keepalive"), err.toString(StandardCharsets.UTF_8));
        assertEquals(Command.USAGE, run(out, err, "sub", "-t", "x", "-q", "3"));
        try (MosquittoBroker broker = MosquittoBroker.builder().allowAnonymous(false).user("a", "b").start()) {
            ByteArrayOutputStream err2 = new ByteArrayOutputStream();
            int code = run(out, err2, "pub", "-h", broker.host(), "-p", Integer.toString(broker.port()), "-t", "x", "-m", "y",
                    "-u", "a", "-P", "wrong");
            assertEquals(5, code, "exit status = the CONNACK return code, as mosquitto_pub");
            assertTrue(err2.toString(StandardCharsets.UTF_8).contains("Connection Refused: not authorised."), err2.toString(StandardCharsets.UTF_8));
        }
    }
}
