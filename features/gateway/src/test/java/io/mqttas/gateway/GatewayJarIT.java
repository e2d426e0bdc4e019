/*
 * Issue 4 item 11: the runnable gateway jar, started with `java -jar` as a user (and scripts/run.sh) does:
 * it reaches "connected", answers lb and mqtt:status in the Gogo shell, its embedded broker serves
 * outside clients, a conf/ file with a server makes it use that broker instead, and "stop 0" ends it.
 */
package io.mqttas.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MosquittoClientOptions;
import io.mqttas.testkit.MqttSubscriber;

class GatewayJarIT {
    @TempDir
    Path dir;

    private GatewayProcess gw;

    @AfterEach
    void kill() throws Exception {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void withoutAConfiguredServerItRunsItsOwnBrokerAndAnswersTheShell() throws Exception {
        gw = GatewayProcess.start(dir, "--broker-port", "0");
        String brokerLine = gw.awaitLine("broker: embedded Moquette on 127.0.0.1:", Duration.ofSeconds(30));
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(brokerLine);
        assertTrue(m.find(), brokerLine);
        int port = Integer.parseInt(m.group(1));
        gw.awaitLine("org.apache.felix.scr", Duration.ofSeconds(30));            // the bundle list is printed
        gw.awaitLine("shell: Gogo on this console", Duration.ofSeconds(30));     // and how to reach the shell
        List<String> bundleLines = gw.lines().stream().filter(l -> l.matches("\\s+\\d+ [A-Z]+\\s+\\S+ .*")).toList();
        assertTrue(bundleLines.size() >= 20, "bundle list: " + bundleLines);
        assertTrue(bundleLines.stream().allMatch(l -> l.contains(" ACTIVE ")), "every bundle ACTIVE: " + bundleLines);
        for (String bsn : List.of("io.mqttas.codec", "io.mqttas.session", "io.mqttas.watchdog", "io.mqttas.bridge", "io.mqttas.relay")) {
            assertTrue(bundleLines.stream().anyMatch(l -> l.contains(" " + bsn + " ")), bsn + " in the gateway");
        }
        gw.awaitLine("mqttas: client mqttas-gateway connected to 127.0.0.1", Duration.ofSeconds(60));

        gw.type("lb");
        gw.awaitLine("Apache Felix Declarative Services", Duration.ofSeconds(20));
        gw.type("mqtt:status");
        String status = gw.awaitLine("the status row of mqttas-gateway",
                l -> l.replace("g! ", "").trim().startsWith("mqttas-gateway "), Duration.ofSeconds(20));
        assertTrue(status.contains("CONNECTED") && status.contains("127.0.0.1:" + port), status);

        try (MqttSubscriber sub = MqttSubscriber.start(MosquittoClientOptions.port(port).clientId("gateway-it-sub"), "gateway/it", 1)) {
            gw.type("mqtt:pub gateway/it hello-from-gogo");
            assertEquals("hello-from-gogo", sub.awaitMessage(Duration.ofSeconds(20)).payloadUtf8());
        }

        gw.type("stop 0");
        gw.awaitExit(Duration.ofSeconds(30));
        assertEquals(0, gw.process().exitValue());
        assertTrue(gw.lines().stream().anyMatch(l -> l.contains("MQTT client mqttas-gateway stopped")), "client stopped cleanly");
    }

    @Test
    void aServerInTheConfFolderIsUsedInsteadOfTheEmbeddedBroker() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            Files.createDirectories(dir.resolve("conf"));
            Files.writeString(dir.resolve("conf/io.mqttas.session-main.cfg"),
                    "client_id=conf-client\nserver=127.0.0.1\nport=" + broker.port() + "\nkeepalive=30\n");
            gw = GatewayProcess.start(dir, "--no-shell");
            String brokerLine = gw.awaitLine("the broker line", l -> l.trim().startsWith("broker: "), Duration.ofSeconds(30));
            assertTrue(brokerLine.contains("127.0.0.1:" + broker.port()) && brokerLine.contains("io.mqttas.session-main.cfg"), brokerLine);
            assertFalse(gw.lines().stream().anyMatch(l -> l.contains("embedded Moquette")), "no embedded broker when one is configured");
            gw.awaitLine("mqttas: client conf-client connected to 127.0.0.1", Duration.ofSeconds(60));
            gw.process().toHandle().destroy();   // SIGTERM (Process.destroy() would also close our end of its output)
            gw.awaitExit(Duration.ofSeconds(30));
            assertTrue(gw.lines().stream().anyMatch(l -> l.contains("MQTT client conf-client stopped")), gw.output());
        }
    }
}
