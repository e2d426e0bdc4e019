/* MQTT 3.1.1 §3.11 and MQTT 5.0 §3.11: UNSUBACK (unsubscribe acknowledgement). */
package io.mqttas.codec;

import java.util.List;

/**
 * UNSUBACK: a packet identifier in 1..65535; in MQTT 5.0 also one Unsubscribe Reason Code per filter
 * [MQTT-3.11.3-2] and properties. A 3.1.1 UNSUBACK has no reason codes ({@link #UnsubAck(int)}).
 */
public record UnsubAck(int packetId, List<Integer> reasonCodes, MqttProperties properties) implements MqttPacket {

    public UnsubAck {
        Checks.packetId(packetId, "UNSUBACK");
        reasonCodes = List.copyOf(reasonCodes);
        for (int code : reasonCodes) {
            ReasonCode.check(code, PacketType.UNSUBACK);
        }
        PropertyValues.allowed(properties, MqttProperty.Where.UNSUBACK);
    }

    /** A 3.1.1 UNSUBACK: the packet identifier only. */
    public UnsubAck(int packetId) {
        this(packetId, List.of(), MqttProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }

    @Override
    public String toString() {
        return "UnsubAck[packetId=" + packetId + (reasonCodes.isEmpty() && properties.isEmpty() ? ""
                : ", reasonCodes=" + reasonCodes + ", properties=" + properties) + "]";
    }
}
