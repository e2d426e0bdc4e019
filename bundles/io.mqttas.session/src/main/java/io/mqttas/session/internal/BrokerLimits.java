/* MQTT 5.0 §3.2.2.3 and §3.3.2.3.3 and issue 13 item 4: what the broker's CONNACK forbids the client to send, and expired messages. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttRejectedException;
import io.mqttas.session.MqttTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checks an MQTT 5.0 operation passes just before it is written, for {@link Operations}. Under the session lock. */
final class BrokerLimits {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLimits.class);

    private BrokerLimits() {
    }

    /**
     * MQTT 5.0: whether {@code op} may go to this broker. It may not when its Message Expiry Interval
     * has passed while it waited (it fails with {@link MqttTimeoutException}: the broker would discard
     * it), or when the CONNACK said the broker cannot take it — a packet over its Maximum Packet Size
     * (0x95), QoS above its Maximum QoS (0x9B), retain without Retain Available (0x9A): it fails with
     * {@link MqttRejectedException} instead of costing the connection [MQTT-3.1.2-24, -3.2.2-11, -3.2.2-14].
     */
    static boolean allowed(Operations ops, Connection c, Operation op) {
        ClientContext ctx = ops.ctx;
        String why = null;
        int code = 0;
        if (op.expiresAt != 0 && !op.released && ctx.clock.nowMillis() >= op.expiresAt) {
            if (ops.outbox != null) {
                ops.outbox.abandoned(op);
            }
            ops.finish(op, null, new MqttTimeoutException(op + " expired before it could be sent (Message Expiry Interval)"));
            return false;
        }
        if (op.frame.length > c.v5.maximumPacketSize) {
            code = 0x95;
            why = op.frame.length + " bytes is more than the broker's Maximum Packet Size " + c.v5.maximumPacketSize;
        } else if (op.kind == Operation.Kind.PUBLISH && op.qos > c.v5.maximumQos) {
            code = 0x9B;
            why = "QoS " + op.qos + " is above the broker's Maximum QoS " + c.v5.maximumQos;
        } else if (op.kind == Operation.Kind.PUBLISH && !c.v5.retainAvailable && (op.frame[0] & 0x01) != 0) {
            code = 0x9A;
            why = "the broker does not support retained messages (Retain Available 0)";
        }
        if (why == null) {
            return true;
        }
        if (ops.outbox != null) {
            ops.outbox.abandoned(op);
        }
        LOG.warn("{}: not sending {}: {}", ctx.name, op, why);
        ops.finish(op, null, new MqttRejectedException(code, "not sent: " + why));
        return false;
    }
}
