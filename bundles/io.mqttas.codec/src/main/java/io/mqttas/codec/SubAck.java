/* MQTT 3.1.1 §3.9 and MQTT 5.0 §3.9: SUBACK. */
package io.mqttas.codec;

import java.util.List;

/**
 * SUBACK (server → client): one return code per filter — in 3.1.1 granted QoS 0..2 or {@link #FAILURE}
 * 0x80, in 5.0 any Subscribe Reason Code [MQTT-3.9.3-2] — and, in 5.0, properties (Reason String, User
 * Properties).
 */
public record SubAck(int packetId, List<Integer> returnCodes, MqttProperties properties) implements MqttPacket {

    public static final int FAILURE = 0x80;

    public SubAck {
        Checks.packetId(packetId, "SUBACK");
        returnCodes = List.copyOf(returnCodes);
        if (returnCodes.isEmpty()) {
            throw new MqttCodecException("MQTT-3.9.3", "SUBACK needs at least one return code", 0);
        }
        for (int code : returnCodes) {
            ReasonCode.check(code, PacketType.SUBACK);
        }
        PropertyValues.allowed(properties, MqttProperty.Where.SUBACK);
    }

    /** A 3.1.1 SUBACK: return codes 0x00, 0x01, 0x02 or 0x80 only, no properties. */
    public SubAck(int packetId, List<Integer> returnCodes) {
        this(packetId, checked311(returnCodes), MqttProperties.EMPTY);
    }

    static List<Integer> checked311(List<Integer> returnCodes) {
        for (int code : returnCodes) {
            if (!is311(code)) {
                throw new MqttCodecException("MQTT-3.9.3-2", "SUBACK return codes other than 0x00, 0x01, 0x02, 0x80 are reserved",
                        String.format("0x%02x", code));
            }
        }
        return returnCodes;
    }

    static boolean is311(int code) {
        return code == 0 || code == 1 || code == 2 || code == FAILURE;
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }

    @Override
    public String toString() {
        return "SubAck[packetId=" + packetId + ", returnCodes=" + returnCodes + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
    }
}
