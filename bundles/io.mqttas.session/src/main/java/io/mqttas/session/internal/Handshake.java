/* spec/mqtt_as.md §6.2, §6.3, §8.4: the CONNECT a configuration asks for, and the refusal a CONNACK can carry. */
package io.mqttas.session.internal;

import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Connect;
import io.mqttas.codec.MqttEncoder;
import io.mqttas.codec.MqttPacket;
import io.mqttas.session.MqttConfig;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * CONNECT from the config: user name and password both sent iff {@code user} is non-empty (§6.2),
 * the will with its qos and retain flag, keepalive, the clean flag chosen by {@link CleanInitSequence}.
 * Handshake packets are written straight to the new connection (no other writer can use it yet).
 */
final class Handshake {
    private Handshake() {
    }

    /** The broker refused a CONNECT (return code 1–5 or reserved). */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        final int code;

        Refused(int code, String server) {
            super("broker " + server + " refused the connection: CONNACK return code " + code + " (" + ConnAck.describe(code) + ")");
            this.code = code;
        }
    }

    static Connect connect(MqttConfig config, boolean clean) {
        Connect.Will will = null;
        MqttConfig.Will w = config.will();
        if (w != null) {
            will = new Connect.Will(w.topic(), w.message(), w.qos(), w.retain());
        }
        boolean creds = !config.user().isEmpty();
        return new Connect(config.clientId(), clean, config.keepalive(), will, creds ? config.user() : null,
                creds ? config.password() : null);
    }

    static void write(Connection c, MqttPacket p, int maxPacketSize) throws IOException {
        byte[] buf = new byte[MqttEncoder.encodedLength(p)];
        new MqttEncoder(maxPacketSize).encode(p, ByteBuffer.wrap(buf));
        c.out.write(buf);
        c.out.flush();
    }
}
