package io.mqttas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The rules enforced when packets are built in Java (so the encoder can never put an illegal packet
 * on the wire), one test per rule, named after it.
 */
class PacketRulesTest {

    static void assertRule(String rule, Executable build) {
        MqttCodecException e = assertThrows(MqttCodecException.class, build);
        assertEquals(rule, e.rule(), e.getMessage());
    }

    static Publish publish(String topic) {
        return new Publish(topic, new byte[0], 0, false, false, 0);
    }

    @Test
    void MQTT_1_5_3_2_rejectsNulInTopic() {
        assertRule("MQTT-1.5.3-2", () -> publish("a\u0000b"));
        assertRule("MQTT-1.5.3-2", () -> Subscribe.of(1, "a/\u0000", 0));
        assertRule("MQTT-1.5.3-2", () -> new Connect("c\u0000", true, 0, null, null, null));
    }

    @Test
    void MQTT_1_5_3_1_rejectsUnpairedSurrogates() {
        assertRule("MQTT-1.5.3-1", () -> publish("a\ud800"));
        assertRule("MQTT-1.5.3-1", () -> publish("\udc00b"));
        assertRule("MQTT-1.5.3-1", () -> new Connect("id", true, 0, null, "\ud800x", null));
        assertEquals("😀", publish("😀").topic());
    }

    @Test
    void MQTT_1_5_3_rejectsStringsOver65535Bytes() {
        assertRule("MQTT-1.5.3", () -> publish("é".repeat(32_768))); // 32768 chars but 65536 bytes (B8)
        assertEquals(1 + 3 + 2 + 65_535, Wire.encode(publish("x".repeat(65_535))).length);
    }

    @Test
    void MQTT_1_5_6_rejectsBinaryOver65535Bytes() {
        assertRule("MQTT-1.5.6", () -> new Connect("id", true, 0, null, "u", new byte[65_536]));
        assertRule("MQTT-1.5.6", () -> new Connect.Will("t", new byte[65_536], 0, false));
    }

    @Test
    void MQTT_3_3_2_2_rejectsWildcardInPublishTopic() {
        assertRule("MQTT-3.3.2-2", () -> publish("a/+"));
        assertRule("MQTT-3.3.2-2", () -> publish("#"));
        assertRule("MQTT-3.3.2-2", () -> new Connect.Will("a/#", new byte[0], 0, false));
    }

    @Test
    void MQTT_4_7_3_1_rejectsEmptyTopicAndFilter() {
        assertRule("MQTT-4.7.3-1", () -> publish(""));
        assertRule("MQTT-4.7.3-1", () -> Subscribe.of(1, "", 0));
        assertRule("MQTT-4.7.3-1", () -> Unsubscribe.of(1, ""));
    }

    @Test
    void MQTT_4_7_1_2_rejectsHashNotLast() {
        assertRule("MQTT-4.7.1-2", () -> Subscribe.of(1, "a/#/b", 0));
        assertRule("MQTT-4.7.1-2", () -> Subscribe.of(1, "a#", 0));
    }

    @Test
    void MQTT_4_7_1_3_rejectsPlusNotFillingItsLevel() {
        assertRule("MQTT-4.7.1-3", () -> Subscribe.of(1, "a+", 0));
        assertRule("MQTT-4.7.1-3", () -> Unsubscribe.of(1, "+a/b"));
    }

    @Test
    void MQTT_3_3_1_4_rejectsQos3() {
        assertRule("MQTT-3.3.1-4", () -> new Publish("t", new byte[0], 3, false, false, 1));
        assertRule("MQTT-3.3.1-4", () -> new Connect.Will("t", new byte[0], 3, false));
    }

    @Test
    void MQTT_3_8_3_4_rejectsRequestedQos3() {
        assertRule("MQTT-3.8.3-4", () -> Subscribe.of(1, "t", 3));
    }

    @Test
    void MQTT_2_3_1_1_rejectsPacketIdZero() {
        assertRule("MQTT-2.3.1-1", () -> new Publish("t", new byte[0], 1, false, false, 0));
        assertRule("MQTT-2.3.1-1", () -> new PubAck(0));
        assertRule("MQTT-2.3.1-1", () -> new PubRec(0));
        assertRule("MQTT-2.3.1-1", () -> new PubRel(65_536));
        assertRule("MQTT-2.3.1-1", () -> new PubComp(-1));
        assertRule("MQTT-2.3.1-1", () -> Subscribe.of(0, "t", 0));
        assertRule("MQTT-2.3.1-1", () -> new SubAck(0, List.of(0)));
        assertRule("MQTT-2.3.1-1", () -> Unsubscribe.of(0, "t"));
        assertRule("MQTT-2.3.1-1", () -> new UnsubAck(0));
    }

    @Test
    void MQTT_2_3_1_5_rejectsPacketIdOnQos0() {
        assertRule("MQTT-2.3.1-5", () -> new Publish("t", new byte[0], 0, false, false, 5));
    }

    @Test
    void MQTT_3_3_1_2_rejectsDupOnQos0() {
        assertRule("MQTT-3.3.1-2", () -> new Publish("t", new byte[0], 0, false, true, 0));
    }

    @Test
    void MQTT_3_1_2_22_rejectsPasswordWithoutUserName() {
        assertRule("MQTT-3.1.2-22", () -> new Connect("id", true, 0, null, null, new byte[] {1}));
    }

    @Test
    void MQTT_3_1_2_24_rejectsKeepAliveOutOfRange() {
        assertRule("MQTT-3.1.2-24", () -> new Connect("id", true, 65_536, null, null, null));
        assertRule("MQTT-3.1.2-24", () -> new Connect("id", true, -1, null, null, null));
    }

    @Test
    void MQTT_3_2_2_4_rejectsSessionPresentWithARefusal() {
        assertRule("MQTT-3.2.2-4", () -> new ConnAck(true, 5));
    }

    @Test
    void MQTT_3_8_3_3_rejectsSubscribeWithoutFilters() {
        assertRule("MQTT-3.8.3-3", () -> new Subscribe(1, List.of()));
    }

    @Test
    void MQTT_3_9_3_2_rejectsReservedSubAckCodes() {
        assertRule("MQTT-3.9.3-2", () -> new SubAck(1, List.of(3)));
        assertRule("MQTT-3.9.3-2", () -> new SubAck(1, List.of(0x81)));
    }

    @Test
    void MQTT_3_10_3_2_rejectsUnsubscribeWithoutFilters() {
        assertRule("MQTT-3.10.3-2", () -> new Unsubscribe(1, List.of()));
    }

    /** B9: the encoder refuses a packet MQTT cannot express instead of overflowing a header buffer. */
    @Test
    void MQTT_2_2_3_encoderRejectsBodiesOver268435455Bytes() {
        String filter = "f".repeat(65_535); // one shared string: 4097 × 65538 bytes > 268,435,455 ≥ 4095 × 65538 + 2
        Subscribe huge = new Subscribe(1, Collections.nCopies(4097, new Subscribe.Subscription(filter, 0)));
        assertRule("MQTT-2.2.3", () -> MqttEncoder.encodedLength(huge));
        assertRule("MQTT-2.2.3", () -> new MqttEncoder(MqttEncoder.MAX_PACKET_SIZE_LIMIT).encode(huge, ByteBuffer.allocate(16)));
        Subscribe fits = new Subscribe(1, Collections.nCopies(4095, new Subscribe.Subscription(filter, 0)));
        assertEquals(1 + 4 + 2 + 4095 * 65_538, MqttEncoder.encodedLength(fits));
    }
}
