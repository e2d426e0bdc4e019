/* MQTT 3.1.1: PINGRESP, a packet with no variable header and no payload. */
package io.mqttas.codec;

/** PINGRESP: two bytes on the wire. Use {@link #INSTANCE}. */
public record PingResp() implements MqttPacket {

    public static final PingResp INSTANCE = new PingResp();

    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }
}
