/*
 * Issue 13 item 7: the CLI's MQTT 5.0 and QoS 2 flags (-V, -q 2, -x, -D, -L, sub -F) against a real
 * Mosquitto, checked with the independent mosquitto_pub / mosquitto_sub -V 5.
 */
package io.mqttas.cli;

import io.mqttas.testkit.ExternalCommand;
import io.mqttas.testkit.MosquittoBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

class CliV5Test {
    private static MosquittoBroker broker;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String port() {
        return Integer.toString(broker.port());
    }

    /** The retained message on {@code topic} as mosquitto_sub -V 5 -F prints it. */
    private static String mosquittoSub(String topic, String format) {
        ExternalCommand c = ExternalCommand.run(List.of("mosquitto_sub", "-h", broker.host(), "-p", port(), "-V", "5", "-q", "2", "-t", topic,
                "-C", "1", "-W", "10", "-F", format), null, Duration.ofSeconds(20));
        return c.output().strip();
    }

    @Test
    void pubV5WithQos2AndDashDPropertiesReachesMosquittoSub() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(out, err, "pub", "-V", "5", "-h", broker.host(), "-p", port(), "-q", "2", "-r", "-t", "cli5/a", "-m", "hi",
                "-D", "publish", "user-property", "unit", "celsius", "-D", "publish", "content-type", "text/plain",
                "-D", "publish", "message-expiry-interval", "600", "-D", "connect", "session-expiry-interval", "30", "-x", "60");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String line = mosquittoSub("cli5/a", "%t|%p|%q|%r|%P|%C");
        assertEquals("cli5/a|hi|2|1|unit:celsius|text/plain", line);
        run(out, err, "pub", "-V", "mqttv5", "-h", broker.host(), "-p", port(), "-r", "-t", "cli5/a", "-m", ""); // clear it
    }

    @Test
    void subV5FormatPrintsTopicPayloadQosRetainAndUserProperties() throws Exception {
        ExternalCommand.run(List.of("mosquitto_pub", "-h", broker.host(), "-p", port(), "-V", "5", "-q", "1", "-r", "-t", "cli5/f",
                "-m", "payload", "-D", "publish", "user-property", "k", "v"), null, Duration.ofSeconds(20)).requireSuccess();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> sub = CompletableFuture.supplyAsync(() -> run(out, err, "sub", "-V", "5", "-h", broker.host(), "-p",
                port(), "-t", "cli5/f", "-q", "2", "-C", "1", "-F", "%t %p %q %r %P"));
        assertEquals(0, sub.get(20, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        assertEquals("cli5/f payload 1 1 k:v", out.toString(StandardCharsets.UTF_8).strip());
        ExternalCommand.run(List.of("mosquitto_pub", "-h", broker.host(), "-p", port(), "-r", "-t", "cli5/f", "-n"), null,
                Duration.ofSeconds(20));
    }

    @Test
    void dashLUrlGivesServerPortCredentialsAndTopic() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(out, err, "pub", "-L", "mqtt://someone:pw@" + broker.host() + ":" + port() + "/cli5/url%20topic", "-m", "via url",
                "-r", "-q", "1");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertEquals("cli5/url topic|via url", mosquittoSub("cli5/url topic", "%t|%p"));
        run(out, err, "pub", "-L", "mqtt://" + broker.host() + ":" + port() + "/cli5/url%20topic", "-m", "", "-r");
    }

    @Test
    void v5ArgumentErrorsAreMosquittos() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(Command.USAGE, run(out, err, "pub", "-t", "x", "-m", "y", "-L", "http://host/t"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unsupported URL scheme."), err.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(Command.USAGE, run(out, err2, "sub", "-L", "mqtt://host:1883/"));
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("topic missing"), err2.toString(StandardCharsets.UTF_8));
    }
}
