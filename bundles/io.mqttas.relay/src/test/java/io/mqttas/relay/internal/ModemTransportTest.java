/* docs/relay-modem.md: the modem framing and transport against a simulated ESP-NOW modem. */
package io.mqttas.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModemTransportTest {
    static final NodeId NODE = NodeId.parse("246f28aabbcc");
    final SimulatedModem modem = new SimulatedModem().start();
    ModemTransport transport;

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.close();
        }
        modem.close();
        GatewayTest.waitFor(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("mqttas-relay")), "modem threads gone");
    }

    @Test
    void framesRoundTripAndTheDecoderResynchronisesAfterNoise() {
        ModemFrame f = new ModemFrame(ModemFrame.RECV, "hello".getBytes(StandardCharsets.US_ASCII));
        byte[] good = f.encode();
        byte[] corrupt = good.clone();
        corrupt[6] ^= 0x01; // payload bit flip: CRC fails
        ModemFrame.Decoder d = new ModemFrame.Decoder();
        List<ModemFrame> out = new CopyOnWriteArrayList<>();
        byte[] noise = {0x00, 0x13, (byte) 0xA5, 0x01, (byte) 0xff, (byte) 0xff}; // sync + impossible length
        for (byte[] chunk : new byte[][] {noise, corrupt, {(byte) 0xA5}, good, good}) {
            d.feed(chunk, 0, chunk.length, out::add);
        }
        assertEquals(List.of(f, f), out);
        assertTrue(d.discarded() > 0);
    }

    @Test
    void startReadsTheModemsMacAndSetsTheChannel() throws Exception {
        transport = modem.transport(Duration.ofSeconds(2), 3);
        transport.start((from, frame) -> { });
        assertEquals(modem.mac, transport.gatewayId());
        assertEquals(3, transport.channel());
        assertEquals(3, modem.channel);
    }

    @Test
    void receivedFramesReachTheSinkAndSendsReportTheMacAck() throws Exception {
        transport = modem.transport(Duration.ofSeconds(2), 0);
        List<String> got = new CopyOnWriteArrayList<>();
        transport.start((from, frame) -> got.add(from + " " + new String(frame, StandardCharsets.UTF_8)));
        assertEquals(11, transport.channel());
        modem.receive(NODE, "[\"ping\"]".getBytes(StandardCharsets.UTF_8));
        GatewayTest.waitFor(() -> got.size() == 1, "frame delivered");
        assertEquals("246f28aabbcc [\"ping\"]", got.get(0));
        transport.addPeer(NODE);
        assertTrue(transport.send(NODE, "UP".getBytes(StandardCharsets.US_ASCII)));
        modem.outOfRange.add(NODE);
        assertFalse(transport.send(NODE, "UP".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(new SimulatedModem.Sent(NODE, "UP")), modem.sent);
        IOException e = assertThrows(IOException.class, () -> transport.send(NodeId.parse("000000000001"), new byte[1]));
        assertTrue(e.getMessage().contains("ESP_ERR_ESPNOW_NOT_FOUND"), e.getMessage());
    }

    @Test
    void aSilentModemCostsARequestItsDeadlineNotAHang() throws Exception {
        transport = modem.transport(Duration.ofMillis(100), 0);
        transport.start((from, frame) -> { });
        modem.silent = true;
        long t0 = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> transport.send(NODE, new byte[] {1}));
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos());
    }

    @Test
    void gatewayOverTheModemAnswersNodesAndReportsPeerTableExhaustion() throws Exception {
        transport = modem.transport(Duration.ofSeconds(2), 0);
        FakeMqttClient client = new FakeMqttClient();
        Gateway g = new Gateway(RelayConfig.fromMap(Map.of()), client, transport, Clock.systemUTC());
        g.start();
        try {
            modem.raw(new byte[] {1, 2, 3, (byte) 0xA5}); // line noise before the frame
            modem.receive(NODE, "[\"chan\"]".getBytes(StandardCharsets.UTF_8));
            GatewayTest.waitFor(() -> modem.sent.contains(new SimulatedModem.Sent(NODE, "11")), "chan answered");
            for (int i = 0; i < 21; i++) {
                modem.receive(NodeId.parse(String.format("0000000000%02x", i)), "[\"ping\"]".getBytes());
            }
            GatewayTest.waitFor(() -> client.payloads("gw_errors").stream()
                    .anyMatch(e -> e.contains("ESPNow add_peer: 000000000014 raised status 2 ESP_ERR_ESPNOW_FULL")),
                    "21st peer refused and reported");
            modem.receive(NODE, "[\"t\", \"p\", false, 0]".getBytes(StandardCharsets.UTF_8));
            GatewayTest.waitFor(() -> modem.sent.contains(new SimulatedModem.Sent(NODE, "ACK")), "publication ACKed");
        } finally {
            g.close();
        }
    }
}
