/* docs/relay.md "Try it": the standalone gateway and the node simulator's command line, against Mosquitto. */
package io.mqttas.relay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mqttas.relay.internal.sim.NodeSimulator;
import io.mqttas.relay.internal.sim.StandaloneGateway;
import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttSubscriber;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StandaloneGatewayTest {
    @Test
    void theDocumentedWalkThroughWorks() throws Exception {
        int udpPort;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udpPort = s.getLocalPort();
        }
        try (MosquittoBroker broker = MosquittoBroker.start();
                MqttSubscriber shed = MqttSubscriber.start(broker, "shed", 1);
                StandaloneGateway gw = StandaloneGateway.start("mqtt.server=" + broker.host(),
                        "mqtt.port=" + broker.port(), "udp_port=" + udpPort)) {
            String target = "127.0.0.1:" + udpPort;
            assertEquals("UP", sim(target, "ping"));
            assertEquals("ACK", sim(target, "pub", "shed", "hello from a node", "false", "1"));
            assertEquals("hello from a node", shed.awaitMessage(Duration.ofSeconds(10)).payloadUtf8());
        }
    }

    private static String sim(String target, String... command) throws Exception {
        String[] args = new String[command.length + 2];
        args[0] = "--gateway";
        args[1] = target;
        System.arraycopy(command, 0, args, 2, command.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NodeSimulator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).trim();
    }
}
