package io.mqttas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * MQTT 5.0 rules enforced when values are built in Java — properties, reason codes, subscription
 * options — and what each encoder refuses, one test per rule, named after it.
 */
class PacketRulesV5Test {
    private static final MqttEncoder V5 = new MqttEncoder(Wire.BIG, MqttVersion.MQTT_5);
    private static final MqttEncoder V311 = new MqttEncoder(Wire.BIG);

    static void assertRule(String rule, Executable build) {
        MqttCodecException e = assertThrows(MqttCodecException.class, build);
        assertEquals(rule, e.rule(), e.getMessage());
    }

    static MqttProperties.Builder props() {
        return MqttProperties.builder();
    }

    // property values

    @Test
    void MQTT_3_3_2_8_rejectsTopicAliasZero() {
        assertRule("MQTT-3.3.2-8", () -> props().topicAlias(0));
    }

    @Test
    void valueRulesOfTheStandardAreCheckedWhenSet() {
        assertRule("MQTT-3.3.2.3.2", () -> props().payloadFormatIndicator(2));
        assertRule("MQTT-3.1.2.11.3", () -> props().receiveMaximum(0));
        assertRule("MQTT-3.1.2.11.4", () -> props().maximumPacketSize(0));
        assertRule("MQTT-3.3.2.3.8", () -> props().subscriptionIdentifier(0));
        assertRule("MQTT-3.2.2.3.4", () -> props().maximumQos(2));
        assertRule("MQTT-3.1.2.11.7", () -> props().requestProblemInformation(3));
        assertRule("MQTT-3.3.2-14", () -> props().responseTopic("replies/+"));
        assertRule("MQTT-4.7.3-1", () -> props().responseTopic(""));
    }

    @Test
    void MQTT_1_5_data_types_rejectValuesOutOfRange() {
        assertRule("MQTT-1.5.1", () -> props().payloadFormatIndicator(256));
        assertRule("MQTT-1.5.2", () -> props().serverKeepAlive(65_536));
        assertRule("MQTT-1.5.3", () -> props().messageExpiryInterval(-1));
        assertRule("MQTT-1.5.3", () -> props().sessionExpiryInterval(0x1_0000_0000L));
        assertRule("MQTT-1.5.5", () -> props().subscriptionIdentifier(268_435_456));
        assertRule("MQTT-1.5.6", () -> props().correlationData(new byte[65_536]));
        assertRule("MQTT-1.5.4", () -> props().contentType("x".repeat(65_536)));
        assertRule("MQTT-1.5.3", () -> props().set(MqttProperty.SESSION_EXPIRY_INTERVAL, "soon"));
        assertRule("MQTT-1.5.4", () -> props().set(MqttProperty.CONTENT_TYPE, 5));
        assertEquals(0xFFFF_FFFFL, props().sessionExpiryInterval(0xFFFF_FFFFL).build().sessionExpiryInterval().getAsLong());
    }

    @Test
    void MQTT_1_5_4_1_and_2_rejectBadStringsInProperties() {
        assertRule("MQTT-1.5.4-2", () -> props().userProperty("k", "a\u0000"));
        assertRule("MQTT-1.5.4-1", () -> props().userProperty("\ud800", "v"));
        assertRule("MQTT-1.5.4-2", () -> props().reasonString("\u0000"));
    }

    @Test
    void MQTT_2_2_2_2_rejectsPropertiesNotAllowedInThePacket() {
        MqttProperties expiry = props().sessionExpiryInterval(60).build();
        assertRule("MQTT-2.2.2.2", () -> new Publish("t", new byte[0], 0, false, false, 0, expiry));
        assertRule("MQTT-2.2.2.2", () -> new PubAck(1, 0, props().topicAlias(1).build()));
        assertRule("MQTT-2.2.2.2", () -> new Connect.Will("t", new byte[0], 0, false, props().receiveMaximum(5).build()));
        assertRule("MQTT-2.2.2.2", () -> new Connect("c", true, 0, null, null, null, props().willDelayInterval(5).build()));
        assertRule("MQTT-2.2.2.2", () -> new Unsubscribe(1, List.of("a"), props().subscriptionIdentifier(3).build()));
        assertRule("MQTT-2.2.2.2", () -> new Auth(0x18, props().sessionExpiryInterval(1).build()));
        assertRule("MQTT-2.2.2.2", () -> new ConnAck(false, 0, props().topicAlias(2).build()));
    }

    @Test
    void MQTT_3_8_2_1_rejectsTwoSubscriptionIdentifiersInASubscribe() {
        MqttProperties two = props().subscriptionIdentifier(1).subscriptionIdentifier(2).build();
        assertRule("MQTT-3.8.2.1", () -> new Subscribe(1, List.of(new Subscribe.Subscription("a", 0)), two));
        assertEquals(List.of(1, 2), new Publish("t", new byte[0], 0, false, false, 0, two).properties().subscriptionIdentifiers());
    }

    // reason codes

    @Test
    void reasonCodesAPacketMayNotCarryAreRefused() {
        assertRule("MQTT-3.4.2-1", () -> new PubAck(1, 0x05, MqttProperties.EMPTY));
        assertRule("MQTT-3.5.2-1", () -> new PubRec(1, 0x92, MqttProperties.EMPTY));
        assertRule("MQTT-3.6.2-1", () -> new PubRel(1, 0x10, MqttProperties.EMPTY));
        assertRule("MQTT-3.7.2-1", () -> new PubComp(1, 0x80, MqttProperties.EMPTY));
        assertRule("MQTT-3.9.3-2", () -> new SubAck(1, List.of(0x03), MqttProperties.EMPTY));
        assertRule("MQTT-3.11.3-2", () -> new UnsubAck(1, List.of(0x01), MqttProperties.EMPTY));
        assertRule("MQTT-3.14.2-1", () -> new Disconnect(0x01, MqttProperties.EMPTY));
        assertRule("MQTT-3.15.2-1", () -> new Auth(0x01, MqttProperties.EMPTY));
        assertRule("MQTT-3.2.2-8", () -> V5.encode(new ConnAck(false, 0x05), ByteBuffer.allocate(16)));
    }

    @Test
    void reasonCodesHaveTheirNamesInContext() {
        assertEquals("Granted QoS 0", ReasonCode.describe(0, PacketType.SUBACK));
        assertEquals("Normal disconnection", ReasonCode.describe(0, PacketType.DISCONNECT));
        assertEquals("Success", ReasonCode.describe(0, PacketType.PUBACK));
        assertEquals("Quota exceeded", ReasonCode.describe(0x97, PacketType.PUBACK));
        assertEquals("reserved reason code 0x05", ReasonCode.describe(5, PacketType.CONNACK));
        assertEquals(ReasonCode.NO_MATCHING_SUBSCRIBERS, new PubAck(1, 0x10, MqttProperties.EMPTY).reason());
        assertEquals(true, ReasonCode.of(0x80).isError());
        assertEquals("not authorized", ConnAck.describe(5, MqttVersion.MQTT_3_1_1));
        assertEquals("Not authorized", ConnAck.describe(0x87, MqttVersion.MQTT_5));
        assertEquals(43, ReasonCode.values().length);
    }

    // subscription options

    @Test
    void MQTT_3_8_3_1_rejectsRetainHandling3() {
        assertRule("MQTT-3.8.3.1", () -> new Subscribe.Subscription("a", 0, false, false, 3));
    }

    @Test
    void MQTT_3_8_3_4_rejectsNoLocalOnASharedSubscription() {
        assertRule("MQTT-3.8.3-4", () -> new Subscribe.Subscription("$share/g/a", 0, true, false, 0));
        assertEquals("$share/g/a", new Subscribe.Subscription("$share/g/a", 0, false, true, 1).filter());
    }

    @Test
    void MQTT_4_7_1_and_4_8_2_filterRulesCarryTheir5Ids() {
        assertRule("MQTT-4.7.1-1", () -> Topics.validateFilter("a/#/b", MqttVersion.MQTT_5));
        assertRule("MQTT-4.7.1-2", () -> Topics.validateFilter("a+", MqttVersion.MQTT_5));
        assertRule("MQTT-4.8.2-1", () -> Topics.validateFilter("$share//a", MqttVersion.MQTT_5));
        assertRule("MQTT-4.8.2-2", () -> Topics.validateFilter("$share/g+/a", MqttVersion.MQTT_5));
        assertRule("MQTT-4.8.2-2", () -> Topics.validateFilter("$share/g", MqttVersion.MQTT_5));
        Topics.validateFilter("$share/g/a/#", MqttVersion.MQTT_5);
        Topics.validateFilter("$share/g", MqttVersion.MQTT_3_1_1); // an ordinary filter in 3.1.1
    }

    // topic alias

    @Test
    void MQTT_4_7_3_1_anEmptyTopicNeedsATopicAlias() {
        assertRule("MQTT-4.7.3-1", () -> new Publish("", new byte[0], 0, false, false, 0, MqttProperties.EMPTY));
        Publish aliased = new Publish("", new byte[0], 0, false, false, 0, props().topicAlias(3).build());
        assertRule("MQTT-4.7.3-1", () -> aliased.withProperties(MqttProperties.EMPTY));
        assertEquals(3, aliased.properties().topicAlias().getAsInt());
    }

    // what a 3.1.1 encoder refuses

    @Test
    void protocolVersion_a311EncoderRefusesWhatOnly5CanCarry() {
        ByteBuffer out = ByteBuffer.allocate(256);
        MqttProperties user = props().userProperty("k", "v").build();
        assertRule("protocol-version", () -> V311.encode(new Publish("t", new byte[0], 0, false, false, 0, user), out));
        assertRule("protocol-version", () -> V311.encode(new PubAck(1, 0x10, MqttProperties.EMPTY), out));
        assertRule("protocol-version", () -> V311.encode(new Disconnect(0x04, MqttProperties.EMPTY), out));
        assertRule("protocol-version", () -> V311.encode(new UnsubAck(1, List.of(0), MqttProperties.EMPTY), out));
        assertRule("protocol-version", () -> V311.encode(new Subscribe(1, List.of(new Subscribe.Subscription("a", 1, true, false, 0))), out));
        assertRule("protocol-version", () -> V311.encode(new Connect("c", true, 0,
                new Connect.Will("w", new byte[0], 0, false, props().willDelayInterval(1).build()), null, null, MqttProperties.EMPTY), out));
        assertRule("MQTT-3.9.3-2", () -> V311.encode(new SubAck(1, List.of(0x97), MqttProperties.EMPTY), out));
        assertRule("MQTT-3.1.2-22", () -> V311.encode(new Connect("c", true, 0, null, null, new byte[] {1}, MqttProperties.EMPTY), out));
        assertRule("MQTT-2.2.1", () -> V311.encode(new Auth(0, MqttProperties.EMPTY), out));
        assertEquals(0, out.position(), "nothing written on refusal");
    }

    @Test
    void MQTT_3_11_3_a5EncoderRefusesAnUnsubAckWithoutReasonCodes() {
        assertRule("MQTT-3.11.3", () -> V5.encode(new UnsubAck(1), ByteBuffer.allocate(16)));
    }

    @Test
    void maxPacketSize_countsThePropertiesToo() {
        Publish p = new Publish("t", new byte[10], 0, false, false, 0, props().contentType("x".repeat(100)).build());
        int n = MqttEncoder.encodedLength(p, MqttVersion.MQTT_5);
        assertRule("max-packet-size", () -> new MqttEncoder(n - 1, MqttVersion.MQTT_5).encode(p, ByteBuffer.allocate(n)));
        assertEquals(n, new MqttEncoder(n, MqttVersion.MQTT_5).encode(p, ByteBuffer.allocate(n)));
    }

    // the properties value

    @Test
    void propertiesAreImmutableValuesWithOrderedUserProperties() {
        byte[] data = {1, 2};
        MqttProperties a = props().correlationData(data).userProperty("k", "1").userProperty("k", "2").messageExpiryInterval(5).build();
        data[0] = 9;
        assertEquals(1, a.correlationData().orElseThrow()[0], "copied in");
        a.correlationData().orElseThrow()[0] = 7;
        assertEquals(1, a.correlationData().orElseThrow()[0], "copied out");
        MqttProperties b = props().messageExpiryInterval(5).userProperty("k", "1").userProperty("k", "2").correlationData(new byte[] {1, 2}).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        MqttProperties swapped = props().messageExpiryInterval(5).userProperty("k", "2").userProperty("k", "1").correlationData(new byte[] {1, 2}).build();
        assertEquals(false, a.equals(swapped), "user property order counts");
        assertEquals(a, a.toBuilder().build());
        assertEquals(MqttProperties.EMPTY, a.toBuilder().remove(MqttProperty.USER_PROPERTY).remove(MqttProperty.MESSAGE_EXPIRY_INTERVAL)
                .remove(MqttProperty.CORRELATION_DATA).build());
        assertEquals(true, a.toString().contains("CORRELATION_DATA=2 bytes"), a.toString());
    }

    @Test
    void propertiesParseByNameOrId() {
        assertEquals(MqttProperty.SESSION_EXPIRY_INTERVAL, MqttProperty.parse("0x11"));
        assertEquals(MqttProperty.SESSION_EXPIRY_INTERVAL, MqttProperty.parse("17"));
        assertEquals(MqttProperty.SESSION_EXPIRY_INTERVAL, MqttProperty.parse("session-expiry-interval"));
        assertEquals(MqttProperty.USER_PROPERTY, MqttProperty.parse("USER_PROPERTY"));
        assertThrows(IllegalArgumentException.class, () -> MqttProperty.parse("0x04"));
        assertEquals(27, MqttProperty.values().length);
    }
}
