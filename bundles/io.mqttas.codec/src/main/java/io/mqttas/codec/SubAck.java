/* MQTT 3.1.1 §3.9: SUBACK. */
package io.mqttas.codec;

import java.util.List;

/** SUBACK (server → client): one return code per filter: granted QoS 0..2 or {@link #FAILURE} 0x80. */
public record SubAck(int packetId, List<Integer> returnCodes) implements MqttPacket {

    public static final int FAILURE = 0x80;

    public SubAck {
        Checks.packetId(packetId, "SUBACK");
        returnCodes = List.copyOf(returnCodes);
        if (returnCodes.isEmpty()) {
            throw new MqttCodecException("MQTT-3.9.3", "SUBACK needs at least one return code", 0);
        }
        for (int code : returnCodes) {
            if (code != 0 && code != 1 && code != 2 && code != FAILURE) {
                throw new MqttCodecException("MQTT-3.9.3-2", "SUBACK return codes other than 0x00, 0x01, 0x02, 0x80 are reserved",
                        String.format("0x%02x", code));
            }
        }
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
