package io.mqttas.codec;

import static io.mqttas.codec.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every rule the decoder enforces, one test per rule, named after it. Each hostile input is fed
 * whole and one byte at a time; both must fail with the same rule and name the offending value.
 * The CVE shapes of robustness.md §4.5 are among them.
 */
class DecoderRulesTest {

    /** Decodes {@code wire} whole and byte by byte; both must throw {@code rule}. Returns the message. */
    static String assertRule(String rule, String wire) {
        byte[] bytes = hex(wire);
        MqttCodecException whole = assertThrows(MqttCodecException.class, () -> Wire.decodeAll(bytes), wire);
        assertEquals(rule, whole.rule(), whole.getMessage());
        assertNotNull(whole.value(), whole.getMessage());
        MqttCodecException split = assertThrows(MqttCodecException.class, () -> Wire.decodeInChunks(bytes, 1), wire);
        assertEquals(rule, split.rule(), split.getMessage());
        return whole.getMessage();
    }

    // §2.2: fixed header

    @Test
    void MQTT_2_2_3_rejectsRemainingLengthOverFourBytes() {
        assertRule("MQTT-2.2.3", "30 ff ff ff ff 01");
        // CVE-2019-19307 shape: an endless continuation chain stops at the 4th byte instead of looping/overflowing.
        MqttDecoder d = new MqttDecoder(100);
        ByteBuffer in = ByteBuffer.wrap(hex("30 80 80 80 80 80 80 80 80"));
        assertThrows(MqttCodecException.class, () -> d.decode(in));
        assertEquals(5, in.position());
    }

    @ParameterizedTest(name = "first byte {0}")
    @ValueSource(strings = {"11", "28", "41", "54", "74", "91", "b2", "c1", "d8", "e1"})
    void MQTT_2_2_2_2_rejectsReservedFlagBits(String firstByte) {
        assertRule("MQTT-2.2.2-2", firstByte + " 02 00 01");
    }

    @Test
    void MQTT_3_6_1_1_rejectsPubRelWithoutFlags0010() {
        assertRule("MQTT-3.6.1-1", "60 02 00 01");
        assertRule("MQTT-3.6.1-1", "63 02 00 01");
    }

    @Test
    void MQTT_3_8_1_1_rejectsSubscribeWithoutFlags0010() {
        assertRule("MQTT-3.8.1-1", "80 06 00 01 00 01 61 00");
    }

    @Test
    void MQTT_3_10_1_1_rejectsUnsubscribeWithoutFlags0010() {
        assertRule("MQTT-3.10.1-1", "a0 05 00 01 00 01 61");
    }

    @Test
    void maxPacketSize_isCheckedBeforeTheBodyIsAllocated() {
        MqttDecoder d = new MqttDecoder(64 * 1024);
        // 256 MiB announced, 4 bytes sent: refused at once, nothing buffered.
        ByteBuffer in = ByteBuffer.wrap(hex("30 ff ff ff 7f"));
        MqttCodecException e = assertThrows(MqttCodecException.class, () -> d.decode(in));
        assertEquals("max-packet-size", e.rule());
        assertEquals(5, in.position());
        // also for reserved types, which are otherwise skipped
        MqttDecoder d2 = new MqttDecoder(64 * 1024);
        assertEquals("max-packet-size", assertThrows(MqttCodecException.class,
                () -> d2.decode(ByteBuffer.wrap(hex("f0 ff ff ff 7f")))).rule());
    }

    // §3.3: PUBLISH

    @Test
    void MQTT_3_3_1_4_rejectsQos3() {
        assertRule("MQTT-3.3.1-4", "36 05 00 01 74 00 01");
        assertRule("MQTT-3.3.1-4", "37 00");
    }

    @Test
    void MQTT_3_3_1_2_rejectsDupOnQos0() {
        assertRule("MQTT-3.3.1-2", "38 03 00 01 74");
    }

    @Test
    void MQTT_2_3_1_1_rejectsPacketIdZero() {
        assertRule("MQTT-2.3.1-1", "32 05 00 01 74 00 00");
        assertRule("MQTT-2.3.1-1", "34 06 00 01 74 00 00 ff");
        assertRule("MQTT-2.3.1-1", "40 02 00 00");
        assertRule("MQTT-2.3.1-1", "50 02 00 00");
        assertRule("MQTT-2.3.1-1", "62 02 00 00");
        assertRule("MQTT-2.3.1-1", "70 02 00 00");
        assertRule("MQTT-2.3.1-1", "82 06 00 00 00 01 61 00");
        assertRule("MQTT-2.3.1-1", "90 03 00 00 00");
        assertRule("MQTT-2.3.1-1", "a2 05 00 00 00 01 61");
        assertRule("MQTT-2.3.1-1", "b0 02 00 00");
    }

    @Test
    void MQTT_4_7_3_1_rejectsEmptyTopicName() {
        // CVE-2021-34432 shape (Mosquitto ≤ 2.0.7 crashed on a zero-length PUBLISH topic).
        assertRule("MQTT-4.7.3-1", "30 02 00 00");
        assertRule("MQTT-4.7.3-1", "32 04 00 00 00 01");
        assertRule("MQTT-4.7.3-1", "30 05 00 00 61 62 63");
    }

    @Test
    void MQTT_3_3_2_2_rejectsWildcardInPublishTopic() {
        String m = assertRule("MQTT-3.3.2-2", "30 05 00 03 61 2f 2b");
        assertRule("MQTT-3.3.2-2", "30 04 00 01 23 00");
        assertEquals(true, m.contains("61 2f 2b"), m);
    }

    // §1.5.3: UTF-8 strings

    @Test
    void MQTT_1_5_3_2_rejectsNulInTopic() {
        assertRule("MQTT-1.5.3-2", "30 05 00 03 61 00 62");
    }

    @Test
    void MQTT_1_5_3_2_rejectsNulInFilterAndClientId() {
        assertRule("MQTT-1.5.3-2", "82 06 00 01 00 01 00 00");
        assertRule("MQTT-1.5.3-2", "10 0e 00 04 4d 51 54 54 04 02 00 3c 00 02 63 00");
    }

    @ParameterizedTest(name = "topic bytes {0}")
    @ValueSource(strings = {
            "80",             // lone continuation byte
            "c3",             // truncated 2-byte sequence
            "c3 41",          // bad continuation
            "c0 80",          // overlong encoding of U+0000
            "e0 80 af",       // overlong 3-byte
            "f4 90 80 80",    // above U+10FFFF
            "f8 88 80 80 80", // 5-byte form
            "ff"})
    void MQTT_1_5_3_1_rejectsMalformedUtf8(String bad) {
        int n = hex(bad).length;
        String len = String.format("%02x", n);
        String m = assertRule("MQTT-1.5.3-1", String.format("30 %02x 00 %s %s", n + 2, len, bad));
        assertEquals(true, m.contains(bad), m);
    }

    @Test
    void MQTT_1_5_3_1_rejectsEncodedSurrogates() {
        assertRule("MQTT-1.5.3-1", "30 05 00 03 ed a0 80");           // U+D800
        assertRule("MQTT-1.5.3-1", "30 08 00 06 ed a0 bd ed b8 80");  // CESU-8 pair instead of 4-byte form
        assertRule("MQTT-1.5.3-1", "82 08 00 01 00 03 ed bf bf 00");  // U+DFFF in a filter
    }

    // §2.2.3: remaining length that disagrees with the content

    @Test
    void remainingLength_rejectsStringLongerThanThePacket() {
        // CVE-2019-17210 / MQTT-C#158 shape: topic length 0xffff in a 5-byte body.
        assertRule("remaining-length", "30 05 ff ff 61 62 63");
        // contiki-ng#3217 shape: the oversized length arrives in separate fragments and is refused at once.
        MqttDecoder d = new MqttDecoder(1000);
        assertNull(d.decode(ByteBuffer.wrap(hex("30 05"))));
        assertNull(d.decode(ByteBuffer.wrap(hex("ff"))));
        assertThrows(MqttCodecException.class, () -> d.decode(ByteBuffer.wrap(hex("ff"))));
        // strings in CONNECT, SUBSCRIBE and UNSUBSCRIBE
        assertRule("remaining-length", "10 0e 00 04 4d 51 54 54 04 02 00 3c 00 09 63 31");
        assertRule("remaining-length", "82 06 00 01 00 05 61 00");
        assertRule("remaining-length", "a2 05 00 01 00 02 61");
    }

    @Test
    void remainingLength_rejectsTopicPlusPacketIdBeyondThePacket() {
        assertRule("remaining-length", "32 04 00 01 74 00");
        assertRule("remaining-length", "30 01 00");
    }

    @Test
    void remainingLength_rejectsFixedSizePacketsOfTheWrongSize() {
        assertRule("remaining-length", "40 03 00 01 00");
        assertRule("remaining-length", "40 01 00");
        assertRule("remaining-length", "20 03 00 00 00");
        assertRule("remaining-length", "20 01 00");
        assertRule("remaining-length", "c0 01 00");
        assertRule("remaining-length", "d0 01 00");
        assertRule("remaining-length", "e0 01 00");
        assertRule("remaining-length", "b0 00");
    }

    @Test
    void remainingLength_rejectsTrailingBytesAndTruncatedFields() {
        assertRule("remaining-length", "10 0f 00 04 4d 51 54 54 04 02 00 3c 00 02 63 31 ff");
        assertRule("remaining-length", "82 05 00 01 00 01 61");          // filter without its QoS byte
        assertRule("remaining-length", "10 0a 00 04 4d 51 54 54 04 02 00 3c"); // no client id
        assertRule("remaining-length", "10 10 00 04 4d 51 54 54 04 06 00 3c 00 02 63 31 00 01"); // will announced, cut off
        assertRule("remaining-length", "90 01 00");
    }

    // §3.1: CONNECT

    @Test
    void MQTT_3_1_2_1_rejectsWrongProtocolName() {
        assertRule("MQTT-3.1.2-1", "10 10 00 06 4d 51 49 73 64 70 03 02 00 3c 00 02 63 31");
    }

    @Test
    void MQTT_3_1_2_2_rejectsProtocolLevelOtherThan4() {
        assertRule("MQTT-3.1.2-2", "10 0e 00 04 4d 51 54 54 05 02 00 3c 00 02 63 31");
    }

    @Test
    void MQTT_3_1_2_3_rejectsReservedConnectFlag() {
        assertRule("MQTT-3.1.2-3", "10 0e 00 04 4d 51 54 54 04 03 00 3c 00 02 63 31");
    }

    @Test
    void MQTT_3_1_2_13_rejectsWillQosWithoutWill() {
        assertRule("MQTT-3.1.2-13", "10 0e 00 04 4d 51 54 54 04 0a 00 3c 00 02 63 31");
    }

    @Test
    void MQTT_3_1_2_14_rejectsWillQos3() {
        assertRule("MQTT-3.1.2-14", "10 0e 00 04 4d 51 54 54 04 1c 00 3c 00 02 63 31");
    }

    @Test
    void MQTT_3_1_2_15_rejectsWillRetainWithoutWill() {
        assertRule("MQTT-3.1.2-15", "10 0e 00 04 4d 51 54 54 04 22 00 3c 00 02 63 31");
    }

    @Test
    void MQTT_3_1_2_22_rejectsPasswordWithoutUserName() {
        assertRule("MQTT-3.1.2-22", "10 11 00 04 4d 51 54 54 04 42 00 3c 00 02 63 31 00 01 70");
    }

    @Test
    void MQTT_3_3_2_2_rejectsWildcardInWillTopic() {
        assertRule("MQTT-3.3.2-2", "10 13 00 04 4d 51 54 54 04 06 00 3c 00 02 63 31 00 01 23 00 00");
    }

    // §3.2: CONNACK

    @ParameterizedTest(name = "acknowledge flags {0}")
    @ValueSource(strings = {"02", "80", "fe", "ff"})
    void MQTT_3_2_2_1_rejectsReservedConnAckFlags(String flags) {
        assertRule("MQTT-3.2.2.1", "20 02 " + flags + " 00");
    }

    @Test
    void B1_acceptsSessionPresent() {
        assertEquals(new ConnAck(true, 0), Wire.decodeOne(hex("20 02 01 00")));
    }

    @Test
    void MQTT_3_2_2_4_rejectsSessionPresentWithARefusal() {
        assertRule("MQTT-3.2.2-4", "20 02 01 05");
    }

    // §3.8–§3.10: SUBSCRIBE, SUBACK, UNSUBSCRIBE

    @Test
    void MQTT_3_8_3_3_rejectsSubscribeWithoutFilters() {
        assertRule("MQTT-3.8.3-3", "82 02 00 01");
    }

    @ParameterizedTest(name = "requested QoS byte {0}")
    @ValueSource(strings = {"03", "04", "81", "fc"})
    void MQTT_3_8_3_4_rejectsSubscribeQosAndReservedBits(String qos) {
        assertRule("MQTT-3.8.3-4", "82 06 00 01 00 01 61 " + qos);
    }

    @Test
    void MQTT_4_7_1_2_rejectsHashNotLast() {
        assertRule("MQTT-4.7.1-2", "82 0a 00 01 00 05 61 2f 23 2f 62 00");
        assertRule("MQTT-4.7.1-2", "a2 06 00 01 00 02 61 23");
    }

    @Test
    void MQTT_4_7_1_3_rejectsPlusNotFillingItsLevel() {
        assertRule("MQTT-4.7.1-3", "82 07 00 01 00 02 61 2b 00");
        assertRule("MQTT-4.7.1-3", "a2 06 00 01 00 02 2b 61");
    }

    @Test
    void MQTT_4_7_3_1_rejectsEmptyFilter() {
        assertRule("MQTT-4.7.3-1", "82 05 00 01 00 00 00");
        assertRule("MQTT-4.7.3-1", "a2 04 00 01 00 00");
    }

    @ParameterizedTest(name = "return code {0}")
    @ValueSource(strings = {"03", "7f", "81", "ff"})
    void MQTT_3_9_3_2_rejectsReservedSubAckCodes(String code) {
        assertRule("MQTT-3.9.3-2", "90 03 00 01 " + code);
    }

    @Test
    void MQTT_3_9_3_rejectsSubAckWithoutReturnCodes() {
        assertRule("MQTT-3.9.3", "90 02 00 01");
    }

    @Test
    void MQTT_3_10_3_2_rejectsUnsubscribeWithoutFilters() {
        assertRule("MQTT-3.10.3-2", "a2 02 00 01");
    }
}
