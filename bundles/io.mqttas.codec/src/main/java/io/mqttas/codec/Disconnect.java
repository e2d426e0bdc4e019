/* MQTT 3.1.1: DISCONNECT, a packet with no variable header and no payload. */
package io.mqttas.codec;

/** DISCONNECT: two bytes on the wire. Use {@link #INSTANCE}. */
public record Disconnect() implements MqttPacket {

    public static final Disconnect INSTANCE = new Disconnect();

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
