/* MQTT 3.1.1 §2 and MQTT 5.0 §2: a control packet. */
package io.mqttas.codec;

/** An MQTT control packet (3.1.1 or 5.0): an immutable value. */
public sealed interface MqttPacket
        permits Connect, ConnAck, Publish, PubAck, PubRec, PubRel, PubComp, Subscribe, SubAck,
        Unsubscribe, UnsubAck, PingReq, PingResp, Disconnect, Auth, UnknownPacket {

    /** The packet's type, or {@code null} for an {@link UnknownPacket}. */
    PacketType type();
}
