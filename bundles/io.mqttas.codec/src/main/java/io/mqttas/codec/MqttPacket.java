/* MQTT 3.1.1 §2: a control packet. */
package io.mqttas.codec;

/** An MQTT 3.1.1 control packet: an immutable value. */
public sealed interface MqttPacket
        permits Connect, ConnAck, Publish, PubAck, PubRec, PubRel, PubComp, Subscribe, SubAck,
        Unsubscribe, UnsubAck, PingReq, PingResp, Disconnect, UnknownPacket {

    /** The packet's type, or {@code null} for an {@link UnknownPacket}. */
    PacketType type();
}
