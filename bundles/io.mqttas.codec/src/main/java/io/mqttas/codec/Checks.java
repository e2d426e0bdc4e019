/* MQTT 3.1.1 §1.5.3, §2.3.1, §3.3.2, §4.7 (MQTT 5.0 §1.5.4, §2.2.1): value rules shared by the packet constructors. */
package io.mqttas.codec;

/** Validation of values held by packets; every failure names its rule. */
final class Checks {
    private Checks() {
    }

    static final int MAX_STRING_BYTES = 65_535;

    static int packetId(int id, String packet) {
        if (id < 1 || id > 65_535) {
            throw new MqttCodecException("MQTT-2.3.1-1", packet + " needs a packet identifier in 1..65535", id);
        }
        return id;
    }

    static int qos(int qos, String what) {
        if (qos < 0 || qos > 2) {
            throw new MqttCodecException("MQTT-3.3.1-4", what + " QoS must be 0, 1 or 2", qos);
        }
        return qos;
    }

    /**
     * A string that goes on the wire as UTF-8: no U+0000, no unpaired surrogate (a Java string can
     * hold one; it has no UTF-8 form), at most 65535 bytes once encoded. Returns the UTF-8 length.
     */
    static int utf8(String s, String what) {
        return utf8(s, what, MqttVersion.MQTT_3_1_1);
    }

    /** As {@link #utf8(String, String)}, naming the rules of {@code version} (MQTT 5.0 moved them to §1.5.4). */
    static int utf8(String s, String what, MqttVersion version) {
        boolean v5 = version == MqttVersion.MQTT_5;
        if (s == null) {
            throw new MqttCodecException(v5 ? "MQTT-1.5.4" : "MQTT-1.5.3", what + " must not be null", null);
        }
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new MqttCodecException(v5 ? "MQTT-1.5.4-2" : "MQTT-1.5.3-2", what + " contains U+0000", Topics.printable(s));
            }
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 4;
                    i++;
                } else {
                    throw new MqttCodecException(v5 ? "MQTT-1.5.4-1" : "MQTT-1.5.3-1", what + " contains an unpaired surrogate", Topics.printable(s));
                }
            } else if (Character.isLowSurrogate(c)) {
                throw new MqttCodecException(v5 ? "MQTT-1.5.4-1" : "MQTT-1.5.3-1", what + " contains an unpaired surrogate", Topics.printable(s));
            } else {
                bytes += 3;
            }
        }
        if (bytes > MAX_STRING_BYTES) {
            throw new MqttCodecException(v5 ? "MQTT-1.5.4" : "MQTT-1.5.3", what + " is longer than 65535 UTF-8 bytes", bytes);
        }
        return bytes;
    }

    static int binary(byte[] b, String what) {
        return binary(b, what, MqttVersion.MQTT_3_1_1);
    }

    static int binary(byte[] b, String what, MqttVersion version) {
        if (b == null) {
            throw new MqttCodecException("MQTT-1.5.6", what + " must not be null", null);
        }
        if (b.length > MAX_STRING_BYTES) {
            throw new MqttCodecException("MQTT-1.5.6", what + " is longer than 65535 bytes", b.length);
        }
        return b.length;
    }
}
