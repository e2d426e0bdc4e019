/* MQTT 3.1.1 §3.10 and MQTT 5.0 §3.10: UNSUBSCRIBE. */
package io.mqttas.codec;

import java.util.List;

/** UNSUBSCRIBE (client → server): a packet id, at least one topic filter [MQTT-3.10.3-2] and, in 5.0, User Properties. */
public record Unsubscribe(int packetId, List<String> filters, MqttProperties properties) implements MqttPacket {

    public Unsubscribe {
        Checks.packetId(packetId, "UNSUBSCRIBE");
        filters = List.copyOf(filters);
        if (filters.isEmpty()) {
            throw new MqttCodecException("MQTT-3.10.3-2", "UNSUBSCRIBE needs at least one topic filter", 0);
        }
        for (String f : filters) {
            Topics.validateFilter(f);
        }
        PropertyValues.allowed(properties, MqttProperty.Where.UNSUBSCRIBE);
    }

    public Unsubscribe(int packetId, List<String> filters) {
        this(packetId, filters, MqttProperties.EMPTY);
    }

    /** An UNSUBSCRIBE for one filter. */
    public static Unsubscribe of(int packetId, String filter) {
        return new Unsubscribe(packetId, List.of(filter));
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }

    @Override
    public String toString() {
        return "Unsubscribe[packetId=" + packetId + ", filters=" + filters + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
    }
}
