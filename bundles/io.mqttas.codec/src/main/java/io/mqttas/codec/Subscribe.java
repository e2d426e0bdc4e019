/* MQTT 3.1.1 §3.8 and MQTT 5.0 §3.8: SUBSCRIBE with the 5.0 subscription options. */
package io.mqttas.codec;

import java.util.List;

/**
 * SUBSCRIBE (client → server): a packet id, at least one (filter, options) pair [MQTT-3.8.3-3 of
 * 3.1.1, MQTT-3.8.3-2 of 5.0] and, in 5.0, properties (one Subscription Identifier, User Properties).
 */
public record Subscribe(int packetId, List<Subscription> subscriptions, MqttProperties properties) implements MqttPacket {

    /** Retain Handling 0: send retained messages when the subscription is made. */
    public static final int SEND_RETAINED = 0;
    /** Retain Handling 1: send retained messages only if the subscription did not exist. */
    public static final int SEND_RETAINED_IF_NEW = 1;
    /** Retain Handling 2: do not send retained messages when subscribing. */
    public static final int DO_NOT_SEND_RETAINED = 2;

    /**
     * One topic filter with its requested QoS and, in MQTT 5.0, the options No Local, Retain As
     * Published and Retain Handling (0..2) [MQTT 5.0 §3.8.3.1]. A 3.1.1 subscription has them all 0.
     */
    public record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {
        public Subscription {
            Topics.validateFilter(filter);
            if (qos < 0 || qos > 2) {
                throw new MqttCodecException("MQTT-3.8.3-4", "requested QoS must be 0, 1 or 2", qos);
            }
            if (retainHandling < 0 || retainHandling > 2) {
                throw new MqttCodecException("MQTT-3.8.3.1", "Retain Handling must be 0, 1 or 2", retainHandling);
            }
            if (noLocal && Topics.isShared(filter)) {
                throw new MqttCodecException("MQTT-3.8.3-4", "No Local must not be set on a shared subscription", Topics.printable(filter));
            }
        }

        public Subscription(String filter, int qos) {
            this(filter, qos, false, false, 0);
        }

        /** True when any MQTT 5.0 option is set (a 3.1.1 encoder refuses them: they are reserved bits there). */
        boolean hasV5Options() {
            return noLocal || retainAsPublished || retainHandling != 0;
        }

        /** The options byte of MQTT 5.0 §3.8.3.1. */
        int optionsByte() {
            return qos | (noLocal ? 4 : 0) | (retainAsPublished ? 8 : 0) | retainHandling << 4;
        }

        @Override
        public String toString() {
            return "Subscription[filter=" + filter + ", qos=" + qos + (hasV5Options() ? ", noLocal=" + noLocal
                    + ", retainAsPublished=" + retainAsPublished + ", retainHandling=" + retainHandling : "") + "]";
        }
    }

    public Subscribe {
        Checks.packetId(packetId, "SUBSCRIBE");
        subscriptions = List.copyOf(subscriptions);
        if (subscriptions.isEmpty()) {
            throw new MqttCodecException("MQTT-3.8.3-3", "SUBSCRIBE needs at least one topic filter", 0);
        }
        PropertyValues.allowed(properties, MqttProperty.Where.SUBSCRIBE);
    }

    public Subscribe(int packetId, List<Subscription> subscriptions) {
        this(packetId, subscriptions, MqttProperties.EMPTY);
    }

    /** A SUBSCRIBE for one filter. */
    public static Subscribe of(int packetId, String filter, int qos) {
        return new Subscribe(packetId, List.of(new Subscription(filter, qos)));
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }

    @Override
    public String toString() {
        return "Subscribe[packetId=" + packetId + ", subscriptions=" + subscriptions
                + (properties.isEmpty() ? "" : ", properties=" + properties) + "]";
    }
}
