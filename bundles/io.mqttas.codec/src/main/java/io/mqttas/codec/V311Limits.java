/* MQTT 3.1.1 §2.2.1, §3.1.2.9, §3.8.3.1, §3.9.3: what a 3.1.1 encoder must refuse from the 5.0 API. */
package io.mqttas.codec;

/**
 * The packet values can carry MQTT 5.0 fields that MQTT 3.1.1 has no room for. A 3.1.1 encoder
 * refuses them (rule {@value MqttEncoder#PROTOCOL_VERSION_RULE}, or the 3.1.1 rule the field would
 * break) rather than dropping them without a word: a caller that built them expects them to arrive.
 */
final class V311Limits {
    private V311Limits() {
    }

    static void check(MqttPacket packet) {
        switch (packet.type()) {
            case CONNECT -> {
                Connect c = (Connect) packet;
                if (c.passwordArray() != null && c.username() == null) {
                    throw new MqttCodecException("MQTT-3.1.2-22", "a 3.1.1 CONNECT password needs a user name", null);
                }
                properties(c.properties(), "CONNECT");
                if (c.will() != null) {
                    properties(c.will().properties(), "will");
                }
            }
            case CONNACK -> properties(((ConnAck) packet).properties(), "CONNACK");
            case PUBLISH -> properties(((Publish) packet).properties(), "PUBLISH");
            case PUBACK -> ack(((PubAck) packet).reasonCode(), ((PubAck) packet).properties(), "PUBACK");
            case PUBREC -> ack(((PubRec) packet).reasonCode(), ((PubRec) packet).properties(), "PUBREC");
            case PUBREL -> ack(((PubRel) packet).reasonCode(), ((PubRel) packet).properties(), "PUBREL");
            case PUBCOMP -> ack(((PubComp) packet).reasonCode(), ((PubComp) packet).properties(), "PUBCOMP");
            case SUBSCRIBE -> {
                Subscribe s = (Subscribe) packet;
                properties(s.properties(), "SUBSCRIBE");
                for (Subscribe.Subscription sub : s.subscriptions()) {
                    if (sub.hasV5Options()) {
                        throw new MqttCodecException(MqttEncoder.PROTOCOL_VERSION_RULE,
                                "No Local, Retain As Published and Retain Handling need MQTT 5.0 (reserved bits in 3.1.1)", sub);
                    }
                }
            }
            case SUBACK -> {
                SubAck s = (SubAck) packet;
                properties(s.properties(), "SUBACK");
                SubAck.checked311(s.returnCodes());
            }
            case UNSUBSCRIBE -> properties(((Unsubscribe) packet).properties(), "UNSUBSCRIBE");
            case UNSUBACK -> {
                UnsubAck u = (UnsubAck) packet;
                properties(u.properties(), "UNSUBACK");
                if (!u.reasonCodes().isEmpty()) {
                    throw new MqttCodecException(MqttEncoder.PROTOCOL_VERSION_RULE, "UNSUBACK reason codes need MQTT 5.0", u.reasonCodes());
                }
            }
            case DISCONNECT -> ack(((Disconnect) packet).reasonCode(), ((Disconnect) packet).properties(), "DISCONNECT");
            case AUTH -> throw new MqttCodecException("MQTT-2.2.1", "AUTH is MQTT 5.0 only (type 15 is reserved in 3.1.1)", packet);
            case PINGREQ, PINGRESP -> {
                // nothing of 5.0 in them
            }
        }
    }

    private static void properties(MqttProperties p, String where) {
        if (!p.isEmpty()) {
            throw new MqttCodecException(MqttEncoder.PROTOCOL_VERSION_RULE, where + " properties need MQTT 5.0", p);
        }
    }

    private static void ack(int reasonCode, MqttProperties p, String packet) {
        properties(p, packet);
        if (reasonCode != 0) {
            throw new MqttCodecException(MqttEncoder.PROTOCOL_VERSION_RULE, packet + " reason codes need MQTT 5.0",
                    String.format("0x%02x", reasonCode));
        }
    }
}
