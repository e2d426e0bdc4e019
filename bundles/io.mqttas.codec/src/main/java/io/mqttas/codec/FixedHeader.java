/* MQTT 3.1.1 §2.2 and MQTT 5.0 §2.1: the fixed header — type, flags, remaining length — and what it alone can refuse. */
package io.mqttas.codec;

/**
 * Checks on the fixed header, done as soon as each part is read so hostile input is refused before
 * any body byte is buffered: the flag bits of byte 1 [MQTT-2.2.2-2], and the remaining length of the
 * packets whose length is fixed by the standard.
 */
final class FixedHeader {
    private FixedHeader() {
    }

    /** Largest remaining length a 4-byte variable byte integer can carry [MQTT §2.2.3]. */
    static final int MAX_REMAINING_LENGTH = 268_435_455;

    /** Checks the flag bits of the first byte; reserved types (0 and 15) are let through as unknown (B7). */
    static void checkFlags(int firstByte) {
        checkFlags(firstByte, MqttVersion.MQTT_3_1_1);
    }

    /** As {@link #checkFlags(int)}, with the rules of {@code version} (5.0: MQTT-2.1.3-1, DISCONNECT and AUTH their own). */
    static void checkFlags(int firstByte, MqttVersion version) {
        int flags = firstByte & 0x0F;
        PacketType type = PacketType.ofCode(firstByte >>> 4, version);
        if (type == null) {
            return;
        }
        boolean v5 = version == MqttVersion.MQTT_5;
        switch (type) {
            case PUBLISH -> {
                int qos = flags >> 1 & 3;
                if (qos == 3) {
                    throw new MqttCodecException("MQTT-3.3.1-4", "PUBLISH QoS bits must not both be 1", String.format("0x%02x", firstByte));
                }
                if (qos == 0 && (flags & 8) != 0) {
                    throw new MqttCodecException("MQTT-3.3.1-2", "DUP must be 0 for a QoS 0 PUBLISH", String.format("0x%02x", firstByte));
                }
            }
            case PUBREL -> expectFlags(firstByte, 2, "MQTT-3.6.1-1");
            case SUBSCRIBE -> expectFlags(firstByte, 2, "MQTT-3.8.1-1");
            case UNSUBSCRIBE -> expectFlags(firstByte, 2, "MQTT-3.10.1-1");
            case DISCONNECT -> expectFlags(firstByte, 0, v5 ? "MQTT-3.14.1-1" : "MQTT-2.2.2-2");
            case AUTH -> expectFlags(firstByte, 0, "MQTT-3.15.1-1");
            default -> expectFlags(firstByte, 0, v5 ? "MQTT-2.1.3-1" : "MQTT-2.2.2-2");
        }
    }

    private static void expectFlags(int firstByte, int expected, String rule) {
        if ((firstByte & 0x0F) != expected) {
            throw new MqttCodecException(rule, PacketType.ofCode(firstByte >>> 4, MqttVersion.MQTT_5) + " fixed header flags must be "
                    + String.format("0x%x", expected), String.format("0x%02x", firstByte));
        }
    }

    /** MQTT 5.0: only PINGREQ and PINGRESP have a fixed length; the rest is checked field by field. */
    static void checkRemainingLength(PacketType type, int remainingLength, MqttVersion version) {
        if (version == MqttVersion.MQTT_3_1_1) {
            checkRemainingLength(type, remainingLength);
            return;
        }
        if ((type == PacketType.PINGREQ || type == PacketType.PINGRESP) && remainingLength != 0) {
            throw new MqttCodecException(BodyReader.LENGTH_RULE, type + " remaining length must be 0", remainingLength);
        }
        if (type == PacketType.PUBLISH && remainingLength < 3) {
            throw new MqttCodecException(BodyReader.LENGTH_RULE, "PUBLISH remaining length is too short for a topic name and properties",
                    remainingLength);
        }
    }

    /** Refuses a remaining length that cannot fit the packet type before its body is read. */
    static void checkRemainingLength(PacketType type, int remainingLength) {
        int expected = switch (type) {
            case CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK -> 2;
            case PINGREQ, PINGRESP, DISCONNECT -> 0;
            default -> -1; // AUTH never gets here: type 15 is unknown in 3.1.1
        };
        if (expected >= 0 && remainingLength != expected) {
            throw new MqttCodecException(BodyReader.LENGTH_RULE, type + " remaining length must be " + expected, remainingLength);
        }
        if (type == PacketType.PUBLISH && remainingLength < 2) {
            throw new MqttCodecException(BodyReader.LENGTH_RULE, "PUBLISH remaining length is too short for a topic name length",
                    remainingLength);
        }
    }
}
