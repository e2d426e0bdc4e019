/* spec/mqtt_as.md §6, §11.3, B3, B5, B7, B15 and issue 9 items 1, 5, 6: what arrives on a connection, and where it goes. */
package io.mqttas.session.internal;

import io.mqttas.codec.Auth;
import io.mqttas.codec.ConnAck;
import io.mqttas.codec.Disconnect;
import io.mqttas.codec.MqttProperties;
import io.mqttas.codec.MqttProperty;
import io.mqttas.codec.MqttCodecException;
import io.mqttas.codec.MqttPacket;
import io.mqttas.codec.PingResp;
import io.mqttas.codec.PubAck;
import io.mqttas.codec.PubComp;
import io.mqttas.codec.PubRec;
import io.mqttas.codec.PubRel;
import io.mqttas.codec.Publish;
import io.mqttas.codec.SubAck;
import io.mqttas.codec.UnknownPacket;
import io.mqttas.codec.UnsubAck;
import io.mqttas.session.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The events of every connection of one client, under the session lock: bytes (through the
 * connection's {@link InboundFramer}) become packets, and each packet goes to its owner —
 * CONNACK to the attempt in progress, acknowledgements to {@link Operations}, PINGRESP to
 * {@link BrokerProbe}, PUBLISH to the {@link InboundQueue} and on to the application through the
 * ordered executor. The PUBACK of a QoS 1 message goes out only after the application has it (B15).
 * A protocol violation costs one reconnect (B5): a malformed packet, a second CONNACK, QoS 2, and
 * MQTT 3.1.1's forbidden packet types 0 and 15 (item 5); a valid type we do not handle (PUBREC,
 * PUBREL, PUBCOMP, SUBSCRIBE…) is skipped by its length (B7). Nothing here blocks or runs
 * application code.
 */
final class InboundDispatcher implements Connection.Events, InboundFramer.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    private final ClientContext ctx;
    private final Operations ops;
    private final InboundQueue inbound;
    private final ApplicationInterface app;
    private final BrokerProbe probe;
    private final RateLimitedLog dropLog = new RateLimitedLog(LOG, 10_000);
    private final RateLimitedLog pauseLog = new RateLimitedLog(LOG, 10_000);
    private Supervisor supervisor;
    private Shutdown shutdown;
    private LivenessTimer liveness;
    private Connection feeding;
    private boolean deliveryQueued; // a delivery task is queued on the executor (under lock)
    private final ExactlyOnce exactlyOnce;

    InboundDispatcher(ClientContext ctx, Operations ops, InboundQueue inbound, ApplicationInterface app, BrokerProbe probe) {
        this.ctx = ctx;
        this.ops = ops;
        this.inbound = inbound;
        this.app = app;
        this.probe = probe;
        this.exactlyOnce = new ExactlyOnce(ctx, ops);
    }

    /** The broker's session is gone (connection without session present). */
    void sessionLost() {
        exactlyOnce.clear();
    }

    void wire(Supervisor s, Shutdown sd, LivenessTimer lt) {
        this.supervisor = s;
        this.shutdown = sd;
        this.liveness = lt;
    }

    @Override
    public void data(Connection c, ByteBuffer data) {
        synchronized (ctx.lock) {
            if (c.lost) {
                return;
            }
            feeding = c;
            c.feeding = true;
            try {
                c.framer.feed(data, this);
                if (c.framer.inPacket() || c.readsPaused) {
                    liveness.poke(c);
                }
            } catch (MqttCodecException e) {
                supervisor.lost(c, "protocol violation by the broker: " + e.getMessage());
            } catch (Throwable t) {
                LOG.error("{}: internal error on {} (the connection is dropped, the client carries on)", ctx.name, c, t);
                supervisor.lost(c, "internal error: " + t);
            } finally {
                feeding = null;
                c.feeding = false;
            }
            if (c.writeOwed) {
                // what the packets of this read asked to send (acknowledgements, PUBRELs, freed window slots) goes in one write
                c.writeOwed = false;
                if (!c.lost) {
                    ops.flush(c);
                    ops.pump();
                }
            }
        }
    }

    @Override
    public void packet(MqttPacket p) {
        Connection c = feeding;
        if (c.lost) {
            return;
        }
        if (c.phase == Connection.Phase.HANDSHAKE) {
            Connector.Attempt a = supervisor.attempt();
            if (!(p instanceof ConnAck ack) || a == null || !a.owns(c)) {
                throw new MqttCodecException("MQTT-3.2.0-1", "expected CONNACK, got " + p, p);
            }
            a.connack(ack);
            return;
        }
        if (p instanceof Publish pub) {
            incoming(c, pub);
        } else if (p instanceof PubAck ack) {
            ops.acknowledged(4, ack.packetId(), ack.reasonCode(), ack.properties());
        } else if (p instanceof SubAck ack) {
            ops.acknowledged(9, ack.packetId(), ack.returnCodes().get(0), ack.properties());
        } else if (p instanceof UnsubAck ack) {
            ops.acknowledged(11, ack.packetId(), ack.reasonCodes().isEmpty() ? 0 : ack.reasonCodes().get(0), ack.properties());
        } else if (p instanceof PubRec r) {
            ops.qos2.pubrec(c, r.packetId(), r.reasonCode(), r.properties());
        } else if (p instanceof PubRel r) {
            exactlyOnce.released(c, r.packetId());
        } else if (p instanceof PubComp r) {
            ops.qos2.pubcomp(r.packetId(), r.reasonCode(), r.properties());
        } else if (ctx.v5 && p instanceof Disconnect d) {
            disconnectReceived(c, d);
        } else if (ctx.v5 && p instanceof Auth) {
            throw new MqttCodecException("MQTT-4.12.0-6", "AUTH although the client sent no Authentication Method", p);
        } else if (p instanceof PingResp) {
            long rtt = c.liveness.lastRttMillis();
            ctx.metrics.lastRtt.set(rtt);
            if (rtt >= 0) {
                ctx.events.emit(l -> l.pingRtt(Duration.ofMillis(rtt)));
            }
            probe.pingResp(c);
        } else if (p instanceof ConnAck) {
            throw new MqttCodecException("MQTT-3.2.0-1", "a second CONNACK on one connection", p);
        } else if (p instanceof UnknownPacket u) {
            throw new MqttCodecException("MQTT-2.2.1", "packet type " + u.typeCode() + " is forbidden in MQTT 3.1.1", u);
        } else {
            // B7: the framer consumed the body by its length, so the stream is still in step.
            LOG.warn("{}: ignoring unexpected packet from the broker: {}", ctx.name, p);
        }
    }

    /**
     * MQTT 5.0 §3.14: the broker closes the session's connection with a reason. Logged with its Reason
     * String; the listeners are told; the connection is lost (the supervisor picks the back-off and
     * the server from the reason: {@link Supervisor#lost}).
     */
    private void disconnectReceived(Connection c, Disconnect d) {
        String why = V5Session.describe(d);
        LOG.warn("{}: {} on {}", ctx.name, why, c);
        ctx.events.emit(l -> l.disconnectReceived(c.server, d.reasonCode(), d.properties()));
        c.disconnectReason = d;
        supervisor.lost(c, why);
    }

    private void incoming(Connection c, Publish pub) {
        if (pub.qos() == 2 && !exactlyOnce.arrived(c, pub.packetId())) {
            return; // a re-sent QoS 2 message the application already has or is about to get
        }
        byte[] payload = pub.payloadArray(); // the decoder's copy, handed on as it is (copied once on the way in)
        Message m;
        if (ctx.v5) {
            String topic = c.v5.topic(pub);
            MqttProperties props = pub.properties();
            if (props.contains(MqttProperty.TOPIC_ALIAS)) {
                props = props.toBuilder().remove(MqttProperty.TOPIC_ALIAS).build();
            }
            m = Message.wrapping(topic, payload, pub.retain(), pub.qos(), props);
        } else {
            m = Message.wrapping(pub.topic(), payload, pub.retain(), pub.qos());
        }
        InboundQueue.Item item = new InboundQueue.Item(m, payload, c, pub.packetId());
        if (inbound.offer(item)) {
            pause(c);
        }
        scheduleDelivery();
    }

    /**
     * On the executor: hands waiting messages to the application, acknowledging each QoS 1 message
     * once the application has it (B15). Before each listener call a successor task is queued while
     * messages remain: if the listener blocks, the executor detaches this task and the successor
     * goes on delivering — the queue always drains, so reading always resumes (item 1). A batch at
     * most, then other callbacks of the client get their turn.
     */
    private void deliver() {
        synchronized (ctx.lock) {
            deliveryQueued = false;
        }
        for (int n = 0; n < InboundQueue.BATCH; n++) {
            InboundQueue.Item it = inbound.next();
            if (it == null) {
                return;
            }
            if (inbound.size() > 0) {
                scheduleDelivery();
            }
            try {
                app.deliver(it.message(), it.payload());
            } finally {
                handedOver(it);
            }
            if (OrderedExecutor.currentTaskDetached()) {
                return; // it blocked: the successor has taken over the queue
            }
        }
        if (inbound.size() > 0) {
            scheduleDelivery();
        }
    }

    private void scheduleDelivery() {
        synchronized (ctx.lock) {
            if (!deliveryQueued) {
                deliveryQueued = true;
                ctx.executor.execute(this::deliver);
            }
        }
    }

    private void handedOver(InboundQueue.Item it) {
        boolean lowWater = inbound.handedOver(it);
        synchronized (ctx.lock) {
            Connection c = it.conn();
            if (it.message().qos() == 1 && c.open()) {
                c.writer.control(Frames.puback(it.packetId()));
                ops.flush(c);
            } else if (it.message().qos() == 2) {
                exactlyOnce.handedOver(supervisor.current(), it.packetId());
            }
            Connection now = supervisor.current();
            if (lowWater && now != null && now.readsPaused && now.open()) {
                resume(now);
            }
        }
    }

    /** The application is behind: stop reading until half the queue is taken (item 1). */
    private void pause(Connection c) {
        if (c.readsPaused) {
            return;
        }
        c.readsPaused = true;
        c.liveness.readsPaused(ctx.clock.nowMillis(), true);
        c.transport.pauseReading();
        liveness.poke(c);
        pauseLog.warn("{}: the application is behind ({} messages wait): reading from {} paused until half are taken",
                ctx.name, inbound.size(), c.server);
    }

    private void resume(Connection c) {
        c.readsPaused = false;
        c.liveness.readsPaused(ctx.clock.nowMillis(), false);
        c.transport.resumeReading();
        LOG.debug("{}: reading from {} resumed", ctx.name, c.server);
    }

    @Override
    public void oversize(int qos, int packetId, String topic, long totalBytes) {
        Connection c = feeding;
        ctx.metrics.oversizeInbound.incrementAndGet();
        dropLog.warn("{}: skipped a PUBLISH of {} bytes on {} (max_packet_size {}){}", ctx.name, totalBytes, topic,
                ctx.config.maxPacketSize(), qos == 1 ? "; acknowledged so the broker does not send it again" : "");
        ctx.events.emit(l -> l.messageDropped(topic, "larger than max_packet_size"));
        if (qos == 1) {
            c.writer.control(Frames.puback(packetId));
            ops.flush(c);
        } else if (qos == 2) {
            c.writer.control(Frames.pubrec(packetId)); // skipped, but the exchange must end: PUBREL is answered with PUBCOMP
            ops.flush(c);
        }
    }

    @Override
    public void writable(Connection c) {
        synchronized (ctx.lock) {
            if (c.lost) {
                return;
            }
            try {
                c.writer.onWritable();
            } catch (Throwable t) {
                supervisor.lost(c, "write failed: " + t);
                return;
            }
            ops.pump();
        }
    }

    @Override
    public void closed(Connection c, Throwable cause) {
        synchronized (ctx.lock) {
            supervisor.lost(c, cause instanceof EOFException ? "connection closed by the broker" : cause.toString());
        }
    }

    @Override
    public void written(Connection c, Operation op, long now) {
        ops.written(c, op, now);
    }

    @Override
    public void controlWritten(Connection c, byte[] frame, long now) {
        if (frame == Frames.PINGREQ) {
            c.liveness.pingWritten(now);
        } else if (frame == Frames.DISCONNECT && c.open()) {
            shutdown.disconnectWritten(c);
        }
    }
}
