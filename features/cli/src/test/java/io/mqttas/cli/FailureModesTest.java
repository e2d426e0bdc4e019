/*
 * Issue 14 item 4: every failure mode of pub and sub exits and prints as mosquitto_pub / mosquitto_sub
 * do. Each case runs the real mosquitto tool with the same arguments in the same test and compares exit
 * code and message; a deliberate disconnect is reported as "disconnected", never as a loss.
 */
package io.mqttas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.testkit.ExternalCommand;
import io.mqttas.testkit.FreePort;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttSubscriber;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FailureModesTest {
    private static MosquittoBroker secured;

    @BeforeAll
    static void broker() {
        secured = MosquittoBroker.builder().allowAnonymous(false).user("alice", "secret").start();
    }

    @AfterAll
    static void stop() {
        secured.close();
    }

    /** Exit code and stderr of one run. */
    private record Result(int code, String err) {
    }

    private static Result ours(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    private static Result mosquitto(String... args) {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.set(0, "mosquitto_" + cmd.get(0));
        ExternalCommand c = ExternalCommand.run(cmd, null, Duration.ofSeconds(20));
        return new Result(c.exitCode(), c.output());
    }

    /** Same exit code, and mosquitto's first message line is ours too. */
    private static void sameAsMosquitto(String... args) {
        Result m = mosquitto(args);
        Result o = ours(args);
        String first = m.err().lines().filter(l -> !l.isBlank()).findFirst().orElseThrow();
        assertEquals(m.code(), o.code(), "exit code of " + String.join(" ", args) + "\nmosquitto: " + m + "\nours: " + o);
        assertTrue(o.err().contains(first), "mosquitto says '" + first + "'; we say:\n" + o.err());
    }

    private static String port() {
        return Integer.toString(secured.port());
    }

    @Test
    void refusedForMissingCredentialsExitsWithTheConnackCode() {
        sameAsMosquitto("pub", "-h", "127.0.0.1", "-p", port(), "-i", "fm1", "-t", "x", "-m", "y");
        sameAsMosquitto("sub", "-h", "127.0.0.1", "-p", port(), "-i", "fm2", "-t", "x", "-C", "1");
    }

    @Test
    void refusedForAWrongPasswordExitsWithTheConnackCode() {
        sameAsMosquitto("pub", "-h", "127.0.0.1", "-p", port(), "-i", "fm3", "-u", "alice", "-P", "wrong", "-t", "x", "-m", "y");
        sameAsMosquitto("sub", "-h", "127.0.0.1", "-p", port(), "-i", "fm4", "-u", "alice", "-P", "wrong", "-t", "x", "-C", "1");
        assertTrue(ours("pub", "-h", "127.0.0.1", "-p", port(), "-i", "fm5", "-u", "alice", "-P", "wrong", "-t", "x", "-m", "y")
                .err().contains("Error: The connection was refused."));
    }

    @Test
    void nothingListeningExitsOneWithConnectionRefused() {
        String closed = Integer.toString(FreePort.find());
        sameAsMosquitto("pub", "-h", "127.0.0.1", "-p", closed, "-t", "x", "-m", "y");
        sameAsMosquitto("sub", "-h", "127.0.0.1", "-p", closed, "-t", "x", "-C", "1");
    }

    @Test
    void mqtt5RefusalExitsWithTheV5ReasonCode() {
        sameAsMosquitto("pub", "-V", "5", "-h", "127.0.0.1", "-p", port(), "-i", "fm5a", "-t", "x", "-m", "y");
        sameAsMosquitto("sub", "-V", "mqttv5", "-h", "127.0.0.1", "-p", port(), "-i", "fm5b", "-t", "x", "-C", "1");
        sameAsMosquitto("pub", "-V", "5", "-h", "127.0.0.1", "-p", port(), "-i", "fm5c", "-u", "alice", "-P", "wrong", "-t", "x", "-m", "y");
        assertEquals(135, ours("pub", "-V", "5", "-h", "127.0.0.1", "-p", port(), "-i", "fm5d", "-t", "x", "-m", "y").code());
    }

    @Test
    void mqtt5ArgumentErrorsAreMosquittos() {
        for (String[] args : List.of(new String[] {"pub", "-V", "7", "-t", "x", "-m", "y"},
                new String[] {"pub", "-V", "5", "-t", "x", "-m", "y", "-D", "publish", "bogus-prop", "1"},
                new String[] {"pub", "-V", "5", "-t", "x", "-m", "y", "-D", "connect", "message-expiry-interval", "60"})) {
            sameAsMosquitto(args);
        }
    }

    @Test
    void anUnknownHostExitsOneWithALookupError() {
        sameAsMosquitto("pub", "-h", "no-such-host.invalid", "-p", port(), "-t", "x", "-m", "y");
        sameAsMosquitto("sub", "-h", "no-such-host.invalid", "-p", port(), "-t", "x", "-C", "1");
    }

    @Test
    void badArgumentsExitOneWithErrorAndAPointerToHelp() {
        for (String[] args : List.of(new String[] {"pub", "-t", "x"}, new String[] {"pub", "-m", "y"},
                new String[] {"pub", "-t", "x", "-m", "y", "--bogus"}, new String[] {"pub", "-t", "x", "-m", "y", "-q", "3"},
                new String[] {"sub", "-p", port()}, new String[] {"sub", "-t", "x", "--bogus"})) {
            sameAsMosquitto(args);
            Result o = ours(args);
            assertTrue(o.err().contains("Use 'mqttas-cli " + args[0] + " --help' to see usage."), o.err());
        }
        Result range = ours("pub", "-t", "x", "-m", "y", "-o", "keepalive=-1");
        assertEquals(1, range.code());
        assertTrue(range.err().startsWith("Error: ") && range.err().contains("keepalive"), range.err());
        assertEquals(0, ours("pub", "--help").code());
    }

    @Test
    void aSuccessfulPubSaysDisconnectedNotConnectionLost() {
        try (MqttSubscriber sub = MqttSubscriber.start(io.mqttas.testkit.MosquittoClientOptions.port(secured.port())
                .credentials("alice", "secret").clientId("fm-sub"), "fm/ok", 1)) {
            Result o = ours("pub", "-h", "127.0.0.1", "-p", port(), "-u", "alice", "-P", "secret", "-t", "fm/ok", "-m", "fine", "-q", "1");
            assertEquals(0, o.code(), o.err());
            assertEquals("fine", sub.awaitMessage(Duration.ofSeconds(10)).payloadUtf8());
            assertTrue(o.err().contains("disconnected"), o.err());
            assertFalse(o.err().contains("connection lost"), o.err());
        }
    }
}
