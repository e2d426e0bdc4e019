/* MQTT 3.1.1 §3.8: SUBSCRIBE. */
package io.mqttas.codec;

import java.util.List;

/** SUBSCRIBE (client → server): a packet id and at least one (filter, requested QoS) pair [MQTT-3.8.3-3]. */
public record Subscribe(int packetId, List<Subscription> subscriptions) implements MqttPacket {

    /** One topic filter with its requested QoS. */
    public record Subscription(String filter, int qos) {
        public Subscription {
            Topics.validateFilter(filter);
            if (qos < 0 || qos > 2) {
                throw new MqttCodecException("MQTT-3.8.3-4", "requested QoS must be 0, 1 or 2", qos);
            }
        }
    }

    public Subscribe {
        Checks.packetId(packetId, "SUBSCRIBE");
        subscriptions = List.copyOf(subscriptions);
        if (subscriptions.isEmpty()) {
            throw new MqttCodecException("MQTT-3.8.3-3", "SUBSCRIBE needs at least one topic filter", 0);
        }
    }

    /** A SUBSCRIBE for one filter. */
    public static Subscribe of(int packetId, String filter, int qos) {
        return new Subscribe(packetId, List.of(new Subscription(filter, qos)));
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
