package io.mqttas.codec;

import java.util.ArrayList;
import java.util.List;

/** One packet of each type that may carry a given property, carrying it (MQTT 5.0 Table 2-4). */
final class PropertyPlaces {
    private PropertyPlaces() {
    }

    static List<MqttPacket> carrying(MqttProperties props, MqttProperty p) {
        List<MqttPacket> out = new ArrayList<>();
        if (p.allowedIn(PacketType.CONNECT)) {
            out.add(new Connect("c", true, 60, null, null, null, props));
        }
        if (p.allowedInWill()) {
            out.add(new Connect("c", true, 60, new Connect.Will("w", new byte[] {1}, 1, false, props), null, null, MqttProperties.EMPTY));
        }
        if (p.allowedIn(PacketType.CONNACK)) {
            out.add(new ConnAck(false, 0, props));
        }
        if (p.allowedIn(PacketType.PUBLISH)) {
            out.add(new Publish("t", new byte[] {2}, 1, false, false, 7, props));
        }
        if (p.allowedIn(PacketType.PUBACK)) {
            out.add(new PubAck(1, 0x10, props));
            out.add(new PubRec(2, 0, props));
            out.add(new PubRel(3, 0x92, props));
            out.add(new PubComp(4, 0, props));
        }
        if (p.allowedIn(PacketType.SUBSCRIBE)) {
            out.add(new Subscribe(5, List.of(new Subscribe.Subscription("a/+", 1)), props));
        }
        if (p.allowedIn(PacketType.SUBACK)) {
            out.add(new SubAck(5, List.of(1), props));
        }
        if (p.allowedIn(PacketType.UNSUBSCRIBE)) {
            out.add(new Unsubscribe(6, List.of("a/+"), props));
        }
        if (p.allowedIn(PacketType.UNSUBACK)) {
            out.add(new UnsubAck(6, List.of(0x11), props));
        }
        if (p.allowedIn(PacketType.DISCONNECT)) {
            out.add(new Disconnect(0x04, props));
        }
        if (p.allowedIn(PacketType.AUTH)) {
            out.add(new Auth(0x18, props));
        }
        if (out.isEmpty()) {
            throw new AssertionError(p + " is allowed nowhere");
        }
        return out;
    }
}
