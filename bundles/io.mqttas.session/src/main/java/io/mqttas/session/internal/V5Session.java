/* MQTT 5.0 §3.1.2.11, §3.2.2.3, §3.3.2.3.4, §3.14 and issue 13 items 4, 5: what MQTT 5.0 adds to one connection. */
package io.mqttas.session.internal;

import io.mqttas.codec.Disconnect;
import io.mqttas.codec.MqttCodecException;
import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.PacketType;
import io.mqttas.codec.Publish;
import io.mqttas.codec.ReasonCode;
import io.mqttas.session.MqttConfig;

/**
 * The MQTT 5.0 side of a connection: the CONNECT properties the client sends, the limits the broker
 * announced in its CONNACK (Receive Maximum, Maximum Packet Size, Topic Alias Maximum, Maximum QoS,
 * Retain Available), and the broker's topic aliases of this connection. Nothing here exists in a
 * 3.1.1 client ({@link Connection#v5} is null there).
 */
final class V5Session {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(V5Session.class);

    private V5Session() {
    }

    /**
     * The CONNECT properties: {@code mqttv5_con_props}, plus a Maximum Packet Size of
     * {@code max_packet_size} when the user gave none, so the broker does not send what the client
     * would drop (MQTT 5.0 §3.1.2.11.4: it discards it instead).
     */
    static MqttProperties connectProperties(MqttConfig config) {
        MqttProperties p = config.mqttv5ConProps();
        if (p.maximumPacketSize().isPresent()) {
            return p;
        }
        return p.toBuilder().maximumPacketSize(config.maxPacketSize()).build();
    }

    /** What the broker's CONNACK allows on this connection, and the topic aliases it set. */
    static final class Limits {
        /** Receive Maximum: QoS 1 and 2 publications unacknowledged at once (65535 if absent). */
        final int receiveMaximum;
        /** Maximum Packet Size the broker accepts (Integer.MAX_VALUE if absent). */
        final long maximumPacketSize;
        /** Topic Alias Maximum the broker accepts from us (0: none). */
        final int topicAliasMaximum;
        /** Maximum QoS (2 if absent). */
        final int maximumQos;
        /** Retain Available. */
        final boolean retainAvailable;
        /** Inbound topic aliases (index = alias), sized to the Topic Alias Maximum we sent. */
        private final String[] aliases;

        Limits(MqttProperties connAck, MqttProperties connect) {
            receiveMaximum = connAck.receiveMaximum().orElse(65_535);
            maximumPacketSize = connAck.maximumPacketSize().orElse(Integer.MAX_VALUE);
            topicAliasMaximum = connAck.topicAliasMaximum().orElse(0);
            maximumQos = connAck.maximumQos().orElse(2);
            retainAvailable = connAck.retainAvailable().orElse(1) == 1;
            aliases = new String[connect.topicAliasMaximum().orElse(0) + 1];
        }

        /**
         * The topic of an inbound PUBLISH, its Topic Alias resolved (MQTT 5.0 §3.3.2.3.4): an alias
         * with a topic sets it for this connection; an alias alone uses it. An alias of 0 or above
         * the maximum we announced, or unknown, is a protocol error (0x94, 0x82): one reconnect.
         */
        String topic(Publish p) {
            var alias = p.properties().topicAlias();
            if (alias.isEmpty()) {
                return p.topic();
            }
            int a = alias.getAsInt();
            if (a <= 0 || a >= aliases.length) {
                throw new MqttCodecException("MQTT-3.3.2-9", "Topic Alias " + a + " above the Topic Alias Maximum "
                        + (aliases.length - 1) + " the client sent (0x94 Topic Alias invalid)", a);
            }
            if (!p.topic().isEmpty()) {
                aliases[a] = p.topic();
                return p.topic();
            }
            String t = aliases[a];
            if (t == null) {
                throw new MqttCodecException("MQTT-3.3.4", "Topic Alias " + a + " used before it was set on this connection (0x82 Protocol Error)", a);
            }
            return t;
        }
    }

    /**
     * What the CONNACK sets for the client: the Server Keep Alive replaces {@code keepalive} in the
     * ping interval (§3.2.2.3.14; {@code ping_interval} still applies if shorter), and an Assigned
     * Client Identifier (when {@code client_id} is empty) is used for every later CONNECT so the
     * session can be resumed (§3.2.2.3.7). Both are logged.
     */
    static void applyConnAck(ClientContext ctx, Connection c, MqttProperties p) {
        p.serverKeepAlive().ifPresent(ska -> {
            long derived = ska == 0 ? 20_000L : ska * 1000L / 4;
            long custom = Math.round(ctx.config.pingInterval() * 1000);
            long interval = custom != 0 && custom < derived ? custom : derived;
            if (ska != ctx.config.keepalive()) {
                LOG.info("{}: the broker sets Server Keep Alive {} s (keepalive {}): ping interval {} ms", ctx.name, ska,
                        ctx.config.keepalive(), interval);
            }
            c.liveness.pingInterval(interval);
        });
        p.assignedClientIdentifier().ifPresent(id -> {
            if (!id.equals(ctx.assignedClientId)) {
                LOG.info("{}: the broker assigned client identifier {}", ctx.name, id);
                ctx.assignedClientId = id;
            }
        });
    }

    /** The broker's DISCONNECT as a log line: reason code, its meaning, Reason String, Server Reference. */
    static String describe(Disconnect d) {
        MqttProperties p = d.properties();
        return "broker sent DISCONNECT 0x" + String.format("%02x", d.reasonCode()) + " (" + ReasonCode.describe(d.reasonCode(), PacketType.DISCONNECT) + ")"
                + p.reasonString().map(r -> ": " + r).orElse("") + p.serverReference().map(r -> "; server reference " + r).orElse("");
    }
}
