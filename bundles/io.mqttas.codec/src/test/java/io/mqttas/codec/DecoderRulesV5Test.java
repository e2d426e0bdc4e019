package io.mqttas.codec;

import static io.mqttas.codec.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every MQTT 5.0 rule the decoder enforces, one test per rule, named after it (5.0 ids). Each hostile
 * input is fed whole and one byte at a time; both must fail with the same rule and name the value.
 */
class DecoderRulesV5Test {
    private static final MqttVersion V5 = MqttVersion.MQTT_5;

    /** A packet: first byte and body in hex; the remaining length is computed (one byte, bodies < 128). */
    static String p(String first, String body) {
        int n = body.isBlank() ? 0 : hex(body).length;
        return first + String.format(" %02x ", n) + body;
    }

    static String assertRule(String rule, String wire) {
        byte[] bytes = hex(wire);
        MqttCodecException whole = assertThrows(MqttCodecException.class, () -> Wire.decodeAll(bytes, V5), wire);
        assertEquals(rule, whole.rule(), whole.getMessage());
        assertNotNull(whole.value(), whole.getMessage());
        MqttCodecException split = assertThrows(MqttCodecException.class, () -> Wire.decodeInChunks(bytes, 1, V5), wire);
        assertEquals(rule, split.rule(), split.getMessage());
        return whole.getMessage();
    }

    // §1.5: data representation

    @Test
    void MQTT_1_5_4_1_rejectsMalformedUtf8() {
        assertRule("MQTT-1.5.4-1", p("30", "00 03 ed a0 80 00"));             // encoded surrogate in a topic
        assertRule("MQTT-1.5.4-1", p("40", "00 01 00 04 1f 00 01 c3"));      // truncated sequence in a Reason String
        assertRule("MQTT-1.5.4-1", p("e0", "00 07 26 00 01 ff 00 01 61"));   // user property name
    }

    @Test
    void MQTT_1_5_4_2_rejectsNulInStrings() {
        assertRule("MQTT-1.5.4-2", p("30", "00 03 61 00 62 00"));
        assertRule("MQTT-1.5.4-2", p("e0", "00 07 26 00 01 61 00 01 00"));   // user property value
        assertRule("MQTT-1.5.4-2", p("10", "00 04 4d 51 54 54 05 02 00 3c 00 00 02 63 00")); // client id
    }

    @Test
    void MQTT_1_5_5_1_rejectsVariableByteIntegersNotInTheirShortestForm() {
        assertRule("MQTT-1.5.5-1", "30 83 00 00 01 74 00");               // remaining length 3 in two bytes
        assertRule("MQTT-1.5.5-1", p("30", "00 01 74 80 00 78"));            // property length 0 in two bytes
        assertRule("MQTT-1.5.5-1", p("30", "00 01 74 03 81 00 01 78"));      // identifier 0x01 in two bytes
        assertRule("MQTT-1.5.5-1", p("30", "00 01 74 03 0b 81 00 78"));      // subscription identifier 1 in two bytes
    }

    @Test
    void MQTT_1_5_5_rejectsVariableByteIntegersOverFourBytes() {
        assertRule("MQTT-1.5.5", p("30", "00 01 74 ff ff ff ff 01 00 00"));
    }

    // §2.1: fixed header

    @Test
    void MQTT_2_1_4_rejectsRemainingLengthOverFourBytes() {
        assertRule("MQTT-2.1.4", "30 ff ff ff ff 01");
    }

    @ParameterizedTest(name = "first byte {0}")
    @ValueSource(strings = {"11", "28", "41", "54", "74", "91", "b2", "c1", "d8"})
    void MQTT_2_1_3_1_rejectsReservedFlagBits(String firstByte) {
        assertRule("MQTT-2.1.3-1", firstByte + " 02 00 01");
    }

    @Test
    void MQTT_3_14_1_1_rejectsDisconnectFlags() {
        assertRule("MQTT-3.14.1-1", "e1 00");
    }

    @Test
    void MQTT_3_15_1_1_rejectsAuthFlags() {
        assertRule("MQTT-3.15.1-1", "f2 00");
    }

    @Test
    void MQTT_3_6_1_1_and_3_8_1_1_and_3_10_1_1_rejectFlagsOtherThan0010() {
        assertRule("MQTT-3.6.1-1", "60 02 00 01");
        assertRule("MQTT-3.8.1-1", p("80", "00 01 00 00 01 61 00"));
        assertRule("MQTT-3.10.1-1", p("a0", "00 01 00 00 01 61"));
    }

    @Test
    void MQTT_3_3_1_4_rejectsQos3_and_MQTT_3_3_1_2_rejectsDupOnQos0() {
        assertRule("MQTT-3.3.1-4", p("36", "00 01 74 00 01 00"));
        assertRule("MQTT-3.3.1-2", p("38", "00 01 74 00"));
    }

    @Test
    void MQTT_2_2_1_3_rejectsPacketIdZero() {
        assertRule("MQTT-2.2.1-3", p("32", "00 01 74 00 00 00"));
        assertRule("MQTT-2.2.1-3", "40 02 00 00");
        assertRule("MQTT-2.2.1-3", "62 02 00 00");
        assertRule("MQTT-2.2.1-3", p("82", "00 00 00 00 01 61 00"));
        assertRule("MQTT-2.2.1-3", p("90", "00 00 00 00"));
        assertRule("MQTT-2.2.1-3", p("b0", "00 00 00 00"));
    }

    // §2.2.2: properties

    @Test
    void MQTT_2_2_2_2_rejectsAPropertyNotAllowedInThePacket() {
        assertRule("MQTT-2.2.2.2", p("40", "00 01 00 03 23 00 01"));                        // Topic Alias in PUBACK
        assertRule("MQTT-2.2.2.2", p("30", "00 01 74 05 11 00 00 00 01 78"));               // Session Expiry in PUBLISH
        assertRule("MQTT-2.2.2.2", p("10", "00 04 4d 51 54 54 05 02 00 3c 05 18 00 00 00 05 00 02 63 31")); // Will Delay in CONNECT
        assertRule("MQTT-2.2.2.2", p("10", "00 04 4d 51 54 54 05 06 00 3c 00 00 02 63 31 03 21 00 05 00 01 77 00 00")); // Receive Maximum in will
        assertRule("MQTT-2.2.2.2", p("82", "00 01 03 23 00 01 00 01 61 00"));               // Topic Alias in SUBSCRIBE
    }

    @ParameterizedTest(name = "identifier {0}")
    @ValueSource(strings = {"00", "04", "0a", "14", "2b", "7f"})
    void MQTT_2_2_2_2_rejectsUnknownPropertyIdentifiers(String id) {
        String m = assertRule("MQTT-2.2.2.2", p("30", "00 01 74 02 " + id + " 01 78 78"));
        assertEquals(true, m.contains("0x" + id), m);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "MQTT-3.3.2.3, 30, 00 01 74 06 23 00 01 23 00 02 78",                            // PUBLISH: Topic Alias twice
            "MQTT-3.1.2.11, 10, 00 04 4d 51 54 54 05 02 00 3c 0a 11 00 00 00 01 11 00 00 00 02 00 00", // CONNECT: Session Expiry twice
            "MQTT-3.2.2.3, 20, 00 00 06 21 00 01 21 00 02",                                   // CONNACK: Receive Maximum twice
            "MQTT-3.4.2.2, 40, 00 01 00 08 1f 00 01 61 1f 00 01 62",                           // PUBACK: Reason String twice
            "MQTT-3.8.2.1, 82, 00 01 04 0b 01 0b 02 00 01 61 00",                              // SUBSCRIBE: two Subscription Identifiers
            "MQTT-3.14.2.2, e0, 00 0a 11 00 00 00 01 11 00 00 00 02",                          // DISCONNECT: Session Expiry twice
            "MQTT-3.15.2.2, f0, 18 08 15 00 01 61 15 00 01 62"})                              // AUTH: Authentication Method twice
    void duplicatePropertiesAreRefusedByTheirPacketsPropertiesSection(String rule, String first, String body) {
        assertRule(rule, p(first, body));
    }

    @Test
    void MQTT_3_1_3_2_rejectsADuplicateWillProperty() {
        // will properties: Payload Format Indicator twice
        assertRule("MQTT-3.1.3.2", p("10", "00 04 4d 51 54 54 05 06 00 3c 00 00 02 63 31 04 01 01 01 00 00 01 77 00 00"));
    }

    @Test
    void userPropertiesMayRepeatAndKeepTheirOrder_and_aPublishMayCarrySeveralSubscriptionIdentifiers() {
        Publish pub = (Publish) Wire.decodeOne(hex(p("30", "00 01 74 12 0b 02 26 00 01 61 00 01 31 26 00 01 61 00 01 32 0b 01 78")), V5);
        assertEquals(List.of(new UserProperty("a", "1"), new UserProperty("a", "2")), pub.properties().userProperties());
        assertEquals(List.of(2, 1), pub.properties().subscriptionIdentifiers());
    }

    @Test
    void MQTT_3_3_2_8_rejectsTopicAliasZero() {
        assertRule("MQTT-3.3.2-8", p("30", "00 00 03 23 00 00 78"));
    }

    @Test
    void MQTT_4_7_3_1_rejectsAnEmptyTopicWithoutTopicAlias() {
        assertRule("MQTT-4.7.3-1", p("30", "00 00 00 78"));
        assertRule("MQTT-4.7.3-1", p("32", "00 00 00 01 00 78"));
    }

    @Test
    void MQTT_3_3_2_14_rejectsAWildcardInTheResponseTopic() {
        assertRule("MQTT-3.3.2-14", p("30", "00 01 74 05 08 00 02 61 23 78"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "MQTT-3.3.2.3.2, 30, 00 01 74 02 01 02 78",                  // Payload Format Indicator 2
            "MQTT-3.3.2.3.8, 30, 00 01 74 02 0b 00 78",                  // Subscription Identifier 0
            "MQTT-3.1.2.11.3, 20, 00 00 03 21 00 00",                    // Receive Maximum 0
            "MQTT-3.1.2.11.4, 20, 00 00 05 27 00 00 00 00",              // Maximum Packet Size 0
            "MQTT-3.2.2.3.4, 20, 00 00 02 24 02",                        // Maximum QoS 2
            "MQTT-3.2.2.3.5, 20, 00 00 02 25 02",                        // Retain Available 2
            "MQTT-3.2.2.3.11, 20, 00 00 02 28 05",                       // Wildcard Subscription Available 5
            "MQTT-3.2.2.3.12, 20, 00 00 02 29 02",                       // Subscription Identifiers Available 2
            "MQTT-3.2.2.3.13, 20, 00 00 02 2a ff",                       // Shared Subscription Available 255
            "MQTT-3.1.2.11.7, 10, 00 04 4d 51 54 54 05 02 00 3c 02 17 02 00 02 63 31", // Request Problem Information 2
            "MQTT-3.1.2.11.6, 10, 00 04 4d 51 54 54 05 02 00 3c 02 19 02 00 02 63 31"}) // Request Response Information 2
    void propertyValuesTheStandardRefusesAreRefusedByTheirSection(String rule, String first, String body) {
        assertRule(rule, p(first, body));
    }

    // reason codes per packet

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "MQTT-3.2.2-8, 20 03 00 05 00",          // 0x05 was a 3.1.1 return code, not a 5.0 reason code
            "MQTT-3.4.2-1, 40 03 00 01 05",
            "MQTT-3.5.2-1, 50 03 00 01 92",
            "MQTT-3.6.2-1, 62 03 00 01 10",
            "MQTT-3.7.2-1, 70 03 00 01 80",
            "MQTT-3.9.3-2, 90 04 00 01 00 03",
            "MQTT-3.11.3-2, b0 04 00 01 00 01",
            "MQTT-3.14.2-1, e0 01 01",
            "MQTT-3.15.2-1, f0 01 01"})
    void reasonCodesAPacketMayNotCarryAreRefused(String rule, String wire) {
        assertRule(rule, wire);
    }

    // §3.1, §3.2: CONNECT, CONNACK

    @Test
    void MQTT_3_1_2_1_rejectsWrongProtocolName() {
        assertRule("MQTT-3.1.2-1", p("10", "00 04 4d 51 54 74 05 02 00 3c 00 00 02 63 31"));
    }

    @Test
    void MQTT_3_1_2_2_rejectsProtocolVersionOtherThan5() {
        assertRule("MQTT-3.1.2-2", "10 0e 00 04 4d 51 54 54 04 02 00 3c 00 02 63 31");
    }

    @Test
    void MQTT_3_1_2_3_rejectsReservedConnectFlag() {
        assertRule("MQTT-3.1.2-3", p("10", "00 04 4d 51 54 54 05 03 00 3c 00 00 02 63 31"));
    }

    @Test
    void MQTT_3_1_2_13_14_15_rejectWillQosAndRetainRules() {
        assertRule("MQTT-3.1.2-13", p("10", "00 04 4d 51 54 54 05 0a 00 3c 00 00 02 63 31"));
        assertRule("MQTT-3.1.2-14", p("10", "00 04 4d 51 54 54 05 1c 00 3c 00 00 02 63 31"));
        assertRule("MQTT-3.1.2-15", p("10", "00 04 4d 51 54 54 05 22 00 3c 00 00 02 63 31"));
    }

    @Test
    void aPasswordWithoutUserNameIsLegalIn5() {
        Connect c = (Connect) Wire.decodeOne(hex(p("10", "00 04 4d 51 54 54 05 42 00 3c 00 00 02 63 31 00 01 70")), V5);
        assertEquals(null, c.username());
        assertEquals(ByteBuffer.wrap(new byte[] {0x70}), ByteBuffer.wrap(c.password()));
    }

    @ParameterizedTest(name = "acknowledge flags {0}")
    @ValueSource(strings = {"02", "80", "fe"})
    void MQTT_3_2_2_1_rejectsReservedConnAckFlags(String flags) {
        assertRule("MQTT-3.2.2-1", "20 03 " + flags + " 00 00");
    }

    @Test
    void MQTT_3_2_2_8_namesThe311RefusalOfAServerWithoutMqtt5() {
        String m = assertRule("MQTT-3.2.2-8", "20 02 00 01");
        assertEquals(true, m.contains("does not speak MQTT 5.0"), m);
    }

    @Test
    void MQTT_3_2_2_6_rejectsSessionPresentWithANonZeroReasonCode() {
        assertRule("MQTT-3.2.2-6", "20 03 01 87 00");
    }

    // §3.8–§3.11: SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK

    @ParameterizedTest(name = "options {0}")
    @ValueSource(strings = {"40", "80", "c1"})
    void MQTT_3_8_3_5_rejectsReservedSubscriptionOptionBits(String options) {
        assertRule("MQTT-3.8.3-5", p("82", "00 01 00 00 01 61 " + options));
    }

    @Test
    void MQTT_3_8_3_1_rejectsQos3AndRetainHandling3() {
        assertRule("MQTT-3.8.3.1", p("82", "00 01 00 00 01 61 03"));
        assertRule("MQTT-3.8.3.1", p("82", "00 01 00 00 01 61 30"));
    }

    @Test
    void MQTT_3_8_3_4_rejectsNoLocalOnASharedSubscription() {
        // "$share/g/a" with options 0x04 (No Local)
        assertRule("MQTT-3.8.3-4", p("82", "00 01 00 00 0a 24 73 68 61 72 65 2f 67 2f 61 04"));
    }

    @Test
    void MQTT_4_8_2_1_and_2_rejectBadSharedSubscriptionFilters() {
        assertRule("MQTT-4.8.2-1", p("82", "00 01 00 00 08 24 73 68 61 72 65 2f 2f 00"));  // "$share//" : no ShareName
        assertRule("MQTT-4.8.2-2", p("82", "00 01 00 00 08 24 73 68 61 72 65 2f 67 00"));  // "$share/g" : no filter
    }

    @Test
    void MQTT_4_7_1_1_and_2_rejectMisplacedWildcards() {
        assertRule("MQTT-4.7.1-1", p("82", "00 01 00 00 05 61 2f 23 2f 62 00"));
        assertRule("MQTT-4.7.1-2", p("a2", "00 01 00 00 02 61 2b"));
    }

    @Test
    void MQTT_3_8_3_2_and_3_10_3_2_rejectPacketsWithoutFilters() {
        assertRule("MQTT-3.8.3-2", "82 03 00 01 00");
        assertRule("MQTT-3.10.3-2", "a2 03 00 01 00");
    }

    @Test
    void MQTT_3_9_3_and_3_11_3_rejectAcksWithoutReasonCodes() {
        assertRule("MQTT-3.9.3", "90 03 00 01 00");
        assertRule("MQTT-3.11.3", "b0 03 00 01 00");
    }

    // lengths that disagree with the content

    @Test
    void remainingLength_rejectsPropertiesLongerThanThePacket() {
        assertRule("remaining-length", "30 06 00 01 74 7f 23 00");           // property length 127 in a 6-byte body
        assertRule("remaining-length", "20 08 00 00 05 1f 00 09 6e 6f");     // string running past the property block
        assertRule("remaining-length", "20 07 00 00 04 27 00 00 00 00");     // four-byte value cut by the block
        assertRule("remaining-length", "30 05 00 03 61 2f 62");              // no room for the property length
        // a split PUBLISH whose Property Length is too big is refused before the block is allocated
        MqttDecoder d = new MqttDecoder(1 << 20, V5);
        assertEquals(null, d.decode(ByteBuffer.wrap(hex("30 0a 00 01 74"))));
        MqttCodecException e = assertThrows(MqttCodecException.class, () -> d.decode(ByteBuffer.wrap(hex("ff 7f"))));
        assertEquals("remaining-length", e.rule());
    }

    @Test
    void remainingLength_rejectsPingsWithABody() {
        assertRule("remaining-length", "c0 01 00");
        assertRule("remaining-length", "d0 01 00");
    }

    @Test
    void aPoisonedV5DecoderKeepsThrowingTheSameException() {
        MqttDecoder d = new MqttDecoder(100, V5);
        MqttCodecException first = assertThrows(MqttCodecException.class, () -> d.decode(ByteBuffer.wrap(hex(p("30", "00 00 03 23 00 00 78")))));
        assertSame(first, assertThrows(MqttCodecException.class, () -> d.decode(ByteBuffer.wrap(hex("c0 00")))));
    }

    @Test
    void maxPacketSize_isCheckedBeforeTheBodyIsAllocatedIn5() {
        MqttDecoder d = new MqttDecoder(64 * 1024, V5);
        ByteBuffer in = ByteBuffer.wrap(hex("30 ff ff ff 7f"));
        assertEquals("max-packet-size", assertThrows(MqttCodecException.class, () -> d.decode(in)).rule());
        assertEquals(5, in.position());
    }
}
