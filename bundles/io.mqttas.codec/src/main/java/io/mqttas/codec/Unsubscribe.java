/* MQTT 3.1.1 §3.10: UNSUBSCRIBE. */
package io.mqttas.codec;

import java.util.List;

/** UNSUBSCRIBE (client → server): a packet id and at least one topic filter [MQTT-3.10.3-2]. */
public record Unsubscribe(int packetId, List<String> filters) implements MqttPacket {

    public Unsubscribe {
        Checks.packetId(packetId, "UNSUBSCRIBE");
        filters = List.copyOf(filters);
        if (filters.isEmpty()) {
            throw new MqttCodecException("MQTT-3.10.3-2", "UNSUBSCRIBE needs at least one topic filter", 0);
        }
        for (String f : filters) {
            Topics.validateFilter(f);
        }
    }

    /** An UNSUBSCRIBE for one filter. */
    public static Unsubscribe of(int packetId, String filter) {
        return new Unsubscribe(packetId, List.of(filter));
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
