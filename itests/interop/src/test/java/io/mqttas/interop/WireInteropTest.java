/*
 * Issue 13 item 8: each broker's listeners and capabilities checked on the wire — MQTT over WebSocket
 * (§6, subprotocol "mqtt") with the kit's MqttWebSocket, TLS with the current client, the v5 and QoS 2
 * claims of BrokerUnderTest (which the later v5 / QoS 2 cases rely on), and a QoS 1 PUBLISH with DUP set
 * (what the client's same-connection re-sends look like to a b.broker()).
 */
package io.mqttas.interop;

import io.mqttas.session.Message;
import io.mqttas.session.MqttClient;
import io.mqttas.testkit.Hex;
import io.mqttas.testkit.MqttFrame;
import io.mqttas.testkit.MqttPublisher;
import io.mqttas.testkit.MqttWebSocket;
import io.mqttas.testkit.Packets;
import io.mqttas.testkit.TestCertificates;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireInteropTest extends BrokerSuite {

    /**
     * How long a broker that owes a packet may stay silent before the case concludes it will not come
     * (loopback; the packets in question are answered within milliseconds when they are answered).
     */
    private static final Duration SILENCE = Duration.ofSeconds(2);

    @AgainstEveryBroker
    void webSocketListenerCarriesMqttToAndFromTcpClients(BrokerCase b) throws Exception {
        String down = b.topic("ws/down");
        String up = b.topic("ws/up");
        try (MqttClient tcp = connected(b.client("ws-peer").queueLen(10));
             MqttWebSocket ws = webSocketSubscribedTo(b, down)) {
            await(tcp.subscribe(up, 1));

            await(tcp.publish(down, utf8("tcp to ws"), false, 1));
            MqttFrame in = ws.expectType(MqttFrame.PUBLISH);
            assertEquals(down, in.topic());
            assertEquals("tcp to ws", in.payloadUtf8());
            assertEquals(1, in.qos());
            ws.send(Packets.puback(in.packetId()));

            ws.send(Packets.publish(up, "ws to tcp", 1, 7));
            assertEquals(Hex.format(Packets.puback(7)), Hex.format(ws.expectType(MqttFrame.PUBACK).bytes()));
            Message m = next(tcp, "the message published over WebSocket");
            assertEquals("ws to tcp", text(m));
            ws.send(Packets.disconnect());
        }
    }

    /** A WebSocket with an accepted CONNECT and a QoS 1 subscription to {@code filter}. */
    private static MqttWebSocket webSocketSubscribedTo(BrokerCase b, String filter) {
        boolean mayDrop = b.broker().deviates(Deviation.MOQUETTE_SUBSCRIBE_RIGHT_AFTER_CONNACK_MAY_DROP_THE_CONNECTION);
        for (int attempt = 1; ; attempt++) {
            MqttWebSocket ws = MqttWebSocket.connect(b.broker().host(), b.broker().wsPort(), BrokerUnderTest.WS_PATH);
            try {
                assertEquals(MqttWebSocket.SUBPROTOCOL, ws.subprotocol(), "the broker chose subprotocol mqtt");
                ws.send(Packets.connect(b.kind() + "-ws-probe", true, 30));
                assertEquals(Hex.format(Packets.connack(false, 0)), Hex.format(ws.expectType(MqttFrame.CONNACK).bytes()));
                ws.send(Packets.subscribe(1, filter, 1));
                MqttFrame suback;
                try {
                    suback = ws.expectType(MqttFrame.SUBACK);
                } catch (AssertionError e) {
                    if (!mayDrop || !ws.isClosed() || attempt == 3) {
                        throw e;
                    }
                    System.out.println("interop: " + Deviation.MOQUETTE_SUBSCRIBE_RIGHT_AFTER_CONNACK_MAY_DROP_THE_CONNECTION.name()
                            + " met over WebSocket (attempt " + attempt + "); connecting again");
                    ws.close();
                    continue;
                }
                assertEquals(Hex.format(Packets.suback(1, 1)), Hex.format(suback.bytes()));
                return ws;
            } catch (RuntimeException | AssertionError e) {
                ws.close();
                throw e;
            }
        }
    }

    @AgainstEveryBroker
    void tlsListenerServesTheTestCertificateToTheClient(BrokerCase b) throws Exception {
        TestCertificates pki = TestCertificates.shared();
        String t = b.topic("tls");
        try (MqttClient c = connected(b.client("tls").port(b.broker().tlsPort()).ssl(true)
                .sslParam("ca_certs", pki.caFile().toString()).queueLen(4))) {
            await(c.subscribe(t, 1));
            await(c.publish(t, utf8("over tls"), false, 1));
            assertEquals("over tls", text(next(c, "the message over TLS")));
        }
    }

    @AgainstEveryBroker
    void mqtt5ConnectIsAnsweredAsTheBrokerClaims(BrokerCase b) {
        try (RawConnection raw = new RawConnection(b.broker().host(), b.broker().tcpPort())) {
            raw.send(connectV5(b.kind() + "-v5-probe"));
            MqttFrame ack = raw.nextOrClosed(T);
            if (b.broker().supportsV5()) {
                assertNotNull(ack, "a v5 broker answers a v5 CONNECT");
                assertEquals(MqttFrame.CONNACK, ack.type(), ack.toString());
                assertEquals(0, ack.body()[1], "reason code Success: " + ack);
                assertTrue(ack.remainingLength() >= 3, "a v5 CONNACK carries a properties length: " + ack);
            } else {
                // [MQTT-3.1.2-2]: CONNACK 0x01 (unacceptable protocol level), then the connection is closed.
                assertNotNull(ack, "a 3.1.1 broker must answer an unsupported level with CONNACK 0x01 [MQTT-3.1.2-2]");
                assertEquals(MqttFrame.CONNACK, ack.type(), ack.toString());
                int code = ack.body()[1] & 0xff;
                assertTrue(code == 0x01 || code == 0x84, "unacceptable protocol version (3.1.1 0x01 or 5.0 0x84): " + ack);
                assertEquals(null, raw.nextOrClosed(T), "then the broker closes the connection");
            }
        }
    }

    @AgainstEveryBroker
    void qos2FlowsBothWaysAsTheBrokerClaims(BrokerCase b) {
        String t = b.topic("qos2");
        try (RawConnection raw = RawConnection.open(b.broker(), b.kind() + "-qos2-probe", true)) {
            MqttFrame suback = raw.subscribe(1, t, 2);
            int granted = suback.body()[2] & 0xff;
            if (!b.broker().supportsQos2()) {
                assertTrue(granted == 0 || granted == 1 || granted == 0x80, "QoS 2 downgraded or refused: " + suback);
                return;
            }
            assertEquals(2, granted, "granted QoS 2");
            raw.send(Packets.publish(t, "exactly once".getBytes(StandardCharsets.UTF_8), 2, false, false, 5));
            boolean outboundDone = false;
            String delivered = null;
            int inboundId = -1;
            boolean inboundDone = false;
            while (!outboundDone || !inboundDone) {
                MqttFrame f = raw.next(T);
                switch (f.type()) {
                    case MqttFrame.PUBREC -> {
                        assertEquals(5, f.packetId(), "PUBREC for our PUBLISH");
                        raw.send(ack(0x62, 5)); // PUBREL
                    }
                    case MqttFrame.PUBCOMP -> {
                        assertEquals(5, f.packetId(), "PUBCOMP for our PUBREL");
                        outboundDone = true;
                    }
                    case MqttFrame.PUBLISH -> {
                        assertEquals(2, f.qos(), "delivered at QoS 2: " + f);
                        assertFalse(delivered != null, "delivered once, not twice: " + f);
                        delivered = f.payloadUtf8();
                        inboundId = f.packetId();
                        raw.send(ack(0x50, inboundId)); // PUBREC
                    }
                    case MqttFrame.PUBREL -> {
                        assertEquals(inboundId, f.packetId(), "PUBREL for the PUBLISH we PUBRECed");
                        raw.send(ack(0x70, inboundId)); // PUBCOMP
                        inboundDone = true;
                    }
                    default -> throw new AssertionError("unexpected packet in a QoS 2 flow: " + f);
                }
            }
            assertEquals("exactly once", delivered);
            raw.send(Packets.disconnect());
        }
    }

    /**
     * A QoS 1 PUBLISH with DUP=1 (a re-send that may have been seen before) must be acknowledged
     * [MQTT-4.3.2-2] and delivered at least once. The client sends such re-sends on the same connection
     * when a PUBACK is late (spec §11.1), so a broker that cannot take them loses the connection.
     */
    @AgainstEveryBroker
    void duplicateQos1PublishIsAcknowledged(BrokerCase b) throws Exception {
        if (b.broker().deviates(Deviation.MOQUETTE_DUP_PUBLISH_KILLS_SESSION_LOOP)) {
            // Shown on a private broker: the deviation breaks the broker for every later client.
            try (BrokerUnderTest own = b.kind().start(false)) {
                assertEquals(null, dupPublishAck(b, own, "dup-private"),
                        Deviation.MOQUETTE_DUP_PUBLISH_KILLS_SESSION_LOOP.toString());
            }
            return;
        }
        MqttFrame ack = dupPublishAck(b, b.broker(), "dup");
        assertNotNull(ack, "PUBACK for a DUP PUBLISH [MQTT-4.3.2-2]");
        assertEquals(Hex.format(Packets.puback(9)), Hex.format(ack.bytes()));
    }

    /**
     * A QoS 1 message delivered to a clean=0 session but not acknowledged when the connection dropped
     * is sent again, DUP set, same packet id, when the session resumes [MQTT-4.4.0-1, MQTT-3.3.1-1]. The
     * client's in-bound guarantee across outages rests on this.
     */
    @AgainstEveryBroker
    void unacknowledgedQos1IsResentWhenTheSessionResumes(BrokerCase b) {
        String t = b.topic("resend");
        String id = b.kind() + "-resend";
        MqttFrame first;
        try (RawConnection raw = RawConnection.open(b.broker(), id, false)) {
            raw.subscribe(1, t, 1);
            new MqttPublisher(b.reference("resend-pub")).publish(t, "in flight", 1);
            first = raw.expectType(MqttFrame.PUBLISH, T);
            assertFalse(first.dup());
        } // dropped without PUBACK or DISCONNECT
        try (RawConnection raw = new RawConnection(b.broker().host(), b.broker().tcpPort())) {
            raw.send(Packets.connect(id, false, 30));
            assertEquals(Hex.format(Packets.connack(true, 0)), Hex.format(raw.expectType(MqttFrame.CONNACK, T).bytes()));
            Deviation d = Deviation.MOQUETTE_NO_RESEND_OF_UNACKNOWLEDGED_QOS1;
            if (b.broker().deviates(d)) {
                assertTrue(raw.silentFor(SILENCE), d.toString());
            } else {
                MqttFrame again = raw.expectType(MqttFrame.PUBLISH, T);
                assertTrue(again.dup(), "re-sent with DUP 1: " + again);
                assertEquals(first.packetId(), again.packetId(), "with the original packet id");
                assertEquals("in flight", again.payloadUtf8());
                raw.send(Packets.puback(again.packetId()));
            }
            raw.send(Packets.disconnect());
        }
        try (RawConnection raw = RawConnection.open(b.broker(), id, true)) { // leave no session behind
            raw.send(Packets.disconnect());
        }
    }

    /**
     * A client that is slow to read — megabytes of QoS 0 messages wait for it — still gets the PUBACK
     * for its QoS 1 PUBLISH once it reads again [MQTT-4.3.2-2]. The broker may drop QoS 0 messages (at
     * most once), never the acknowledgement. Against a broker with
     * MOQUETTE_DROPS_PACKETS_FOR_A_CONGESTED_CLIENT the PUBACK is lost whenever the broker still holds
     * more than 64 KiB for the client at that moment, which depends on how much the kernel's socket
     * buffers took: up to 3 rounds are run and one of them must show the loss.
     */
    @AgainstEveryBroker
    void pubackOwedToACongestedClientArrivesOnceItReads(BrokerCase b) {
        Deviation d = Deviation.MOQUETTE_DROPS_PACKETS_FOR_A_CONGESTED_CLIENT;
        if (!b.broker().deviates(d)) {
            MqttFrame puback = congestedClientPuback(b, "congested");
            assertNotNull(puback, "the PUBACK owed to the congested client [MQTT-4.3.2-2]");
            assertEquals(Hex.format(Packets.puback(9)), Hex.format(puback.bytes()));
            return;
        }
        for (int round = 1; round <= 3; round++) {
            if (congestedClientPuback(b, "congested-" + round) == null) {
                return; // the deviation, as recorded
            }
        }
        throw new AssertionError("3 rounds, 3 PUBACKs: " + d.name() + " no longer holds; remove it from "
                + b.broker().name() + "'s deviations");
    }

    /** 6 × 1.5 MiB of QoS 0 for a client with a 16 KiB receive window that does not read; then its QoS 1 PUBLISH. */
    private static MqttFrame congestedClientPuback(BrokerCase b, String id) {
        String flood = b.topic(id + "/flood");
        String sink = b.topic(id + "/sink");
        int messages = 6;
        try (RawConnection slow = RawConnection.open(b.broker(), b.kind() + "-" + id, true, 16 * 1024);
             RawConnection flooder = RawConnection.open(b.broker(), b.kind() + "-" + id + "-flooder", true)) {
            slow.subscribe(1, flood, 0);
            // Far above netty's 64 KiB high-water mark; spaced so the broker writes each one and the kernel's
            // buffers (some MiB on loopback) fill up instead of the broker dropping them all at once.
            byte[] chunk = new byte[1536 * 1024];
            for (int i = 0; i < messages; i++) {
                flooder.send(Packets.publish(flood, chunk, 0, false, false, 0));
                Fixtures.sleep(200);
            }
            // In order on one connection: once this PUBACK is back, the broker has routed the flood.
            flooder.send(Packets.publish(sink, "marker".getBytes(StandardCharsets.UTF_8), 1, false, false, 5));
            flooder.expectType(MqttFrame.PUBACK, T);
            slow.send(Packets.publish(sink, "from the congested client".getBytes(StandardCharsets.UTF_8), 1, false, false, 9));
            MqttFrame puback = null;
            int floodReceived = 0;
            while (puback == null) {
                MqttFrame f;
                try {
                    f = slow.nextOrClosed(SILENCE);
                } catch (AssertionError silent) {
                    break; // nothing for a while: whatever was coming has come
                }
                if (f == null) {
                    break;
                }
                if (f.type() == MqttFrame.PUBACK) {
                    puback = f;
                } else {
                    floodReceived++;
                }
            }
            System.out.printf("interop: %s: a congested client got %d of %d QoS 0 messages and %s%n", b.kind(),
                    floodReceived, messages, puback == null ? "no PUBACK" : "its PUBACK");
            return puback;
        }
    }

    /** Subscribes, sends PUBLISH QoS 1 DUP=1 id 9; the PUBACK, or null if none comes within {@link #SILENCE}. */
    private static MqttFrame dupPublishAck(BrokerCase b, BrokerUnderTest target, String id) {
        String t = b.topic(id);
        try (RawConnection raw = RawConnection.open(target, b.kind() + "-" + id, true)) {
            raw.subscribe(1, t, 1); // a matching subscription: the broker routes the DUP
            raw.send(Packets.publish(t, "dup".getBytes(StandardCharsets.UTF_8), 1, false, true, 9));
            MqttFrame puback = null;
            MqttFrame delivered = null;
            long end = System.nanoTime() + SILENCE.toNanos();
            while ((puback == null || delivered == null) && System.nanoTime() < end) {
                MqttFrame f;
                try {
                    f = raw.nextOrClosed(Duration.ofMillis(Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                } catch (AssertionError timeout) {
                    break;
                }
                if (f == null) {
                    break;
                }
                if (f.type() == MqttFrame.PUBACK) {
                    puback = f;
                } else if (f.type() == MqttFrame.PUBLISH) {
                    delivered = f;
                    raw.send(Packets.puback(f.packetId()));
                }
            }
            if (puback != null) {
                assertNotNull(delivered, "a DUP PUBLISH that was acknowledged is delivered too");
                assertEquals("dup", delivered.payloadUtf8());
            }
            return puback;
        }
    }

    /** CONNECT, protocol level 5, clean start, keep alive 30, no properties. */
    private static byte[] connectV5(String clientId) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 30, 0});
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        b.write(id.length >> 8);
        b.write(id.length);
        b.writeBytes(id);
        return Packets.frame(0x10, b.toByteArray());
    }

    /** PUBREC/PUBREL/PUBCOMP: first byte and packet id. */
    private static byte[] ack(int firstByte, int packetId) {
        return new byte[] {(byte) firstByte, 2, (byte) (packetId >> 8), (byte) packetId};
    }
}
