/* MQTT 3.1.1: PINGREQ, a packet with no variable header and no payload. */
package io.mqttas.codec;

/** PINGREQ: two bytes on the wire. Use {@link #INSTANCE}. */
public record PingReq() implements MqttPacket {

    public static final PingReq INSTANCE = new PingReq();

    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }
}
