/* MQTT 3.1.1 §2.2 and issue 9 items 5, 6: packet boundaries of the inbound stream, oversize PUBLISHes skipped by length. */
package io.mqttas.session.internal;

import io.mqttas.codec.MqttCodecException;
import io.mqttas.codec.MqttDecoder;
import io.mqttas.codec.MqttPacket;
import io.mqttas.codec.PingResp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits one connection's inbound bytes into packets. It reads each fixed header itself, so it
 * knows where every packet ends and how long it is:
 * <ul>
 * <li>packets within {@code max_packet_size} go to the codec's incremental {@link MqttDecoder};</li>
 * <li>a PUBLISH larger than {@code max_packet_size} is skipped by its length without being buffered:
 * only its topic (for the log, at most {@value #TOPIC_KEPT} bytes) and packet id are read, so a
 * persistent session can acknowledge it and is not sent the same message on every reconnect
 * (item 6); any other oversize packet is a protocol violation;</li>
 * <li>{@link Liveness} learns when a packet starts and ends (the trickle rule, item 5).</li>
 * </ul>
 * Not thread-safe: the session's loop feeds it under the session lock.
 */
final class InboundFramer {
    static final int TOPIC_KEPT = 128;

    /** Where packets go. */
    interface Sink {
        void packet(MqttPacket p);

        /** An oversize PUBLISH was skipped; {@code packetId} is 0 for QoS 0. */
        void oversize(int qos, int packetId, String topic, long totalBytes);
    }

    private enum State { HEADER, BODY, SKIP }

    private final MqttDecoder decoder;
    private final int maxPacketSize;
    private final Liveness liveness;
    private final Scheduler clock;
    private State state = State.HEADER;
    private final byte[] header = new byte[5];
    private final ByteBuffer headerView = ByteBuffer.wrap(header);
    private int headerLength;
    /** Bytes of the current packet's body not yet seen. */
    private long bodyLeft;
    // Skipping an oversize PUBLISH: its variable header is read field by field.
    private int skipQos;
    private long skipTotal;
    private int field; // 0 topic length, 1 topic, 2 packet id, 3 the rest
    private int fieldLeft;
    private int fieldValue;
    private final byte[] topic = new byte[TOPIC_KEPT];
    private int topicKept;
    private int packetId;

    InboundFramer(int maxPacketSize, Liveness liveness, Scheduler clock) {
        this(maxPacketSize, liveness, clock, io.mqttas.codec.MqttVersion.MQTT_3_1_1);
    }

    InboundFramer(int maxPacketSize, Liveness liveness, Scheduler clock, io.mqttas.codec.MqttVersion version) {
        this.decoder = new MqttDecoder(maxPacketSize, version);
        this.maxPacketSize = maxPacketSize;
        this.liveness = liveness;
        this.clock = clock;
    }

    /** Consumes all of {@code in}; throws {@link MqttCodecException} on a protocol violation. */
    void feed(ByteBuffer in, Sink sink) {
        while (in.hasRemaining()) {
            switch (state) {
                case HEADER -> readHeader(in, sink);
                case BODY -> decodeBody(in, sink);
                case SKIP -> skip(in, sink);
            }
        }
    }

    /** Whether a packet is partly received. */
    boolean inPacket() {
        return state != State.HEADER || headerLength > 0;
    }

    private void readHeader(ByteBuffer in, Sink sink) {
        if (headerLength == 0) {
            liveness.packetStarted(clock.nowMillis(), 0);
            if (peekHeader(in, sink)) {
                return;
            }
        }
        // The fixed header is split across reads: collect it (rare).
        while (in.hasRemaining()) {
            byte b = in.get();
            header[headerLength++] = b;
            if (headerLength > 1 && (b & 0x80) == 0) {
                startBody(sink, remainingLength(header, headerLength), false, in);
                return;
            }
            if (headerLength == 5) {
                throw tooLong(b);
            }
        }
    }

    /**
     * The common case: the whole fixed header is in {@code in}. It is read without consuming it, so a
     * packet wholly in the buffer goes to the decoder in one piece and is decoded in place.
     */
    private boolean peekHeader(ByteBuffer in, Sink sink) {
        int p = in.position();
        int avail = in.remaining();
        for (int n = 2; n <= 5 && n <= avail; n++) {
            byte b = in.get(p + n - 1);
            if ((b & 0x80) == 0) {
                in.get(p, header, 0, n);
                headerLength = n;
                startBody(sink, remainingLength(header, n), true, in);
                return true;
            }
            if (n == 5) {
                throw tooLong(b);
            }
        }
        return false;
    }

    private static MqttCodecException tooLong(byte b) {
        return new MqttCodecException("MQTT-2.2.3", "remaining length uses more than 4 bytes", "0x" + Integer.toHexString(b & 0xFF));
    }

    private static long remainingLength(byte[] h, int length) {
        long remaining = 0;
        for (int i = 1; i < length; i++) {
            remaining |= (long) (h[i] & 0x7F) << 7 * (i - 1);
        }
        return remaining;
    }

    /**
     * The fixed header is known: the body goes to the decoder, or is skipped if too large.
     * {@code peeked}: the header bytes are still in {@code in} (they go to the decoder with the body).
     */
    private void startBody(Sink sink, long remaining, boolean peeked, ByteBuffer in) {
        long total = headerLength + remaining;
        // A packet skipped for its size gets no more time than the largest allowed one would.
        liveness.packetStarted(clock.nowMillis(), (int) Math.min(remaining, maxPacketSize));
        if (total <= maxPacketSize) {
            state = State.BODY;
            if (peeked) {
                bodyLeft = total;
                return;
            }
            bodyLeft = remaining;
            headerView.clear().limit(headerLength);
            MqttPacket p = decoder.decode(headerView);
            if (p != null) {
                finished(sink, p); // a packet without a body (PINGRESP)
            }
            return;
        }
        if (peeked) {
            in.position(in.position() + headerLength);
        }
        bodyLeft = remaining;
        int type = (header[0] & 0xFF) >>> 4;
        int qos = header[0] >> 1 & 3;
        if (type != 3) {
            throw new MqttCodecException("max-packet-size", "packet of type " + type + " and " + total
                    + " bytes is longer than the maximum of " + maxPacketSize, total);
        }
        if (qos > 1 || (qos == 0 && (header[0] & 8) != 0)) {
            throw new MqttCodecException("MQTT-3.3.1-4", "an oversize PUBLISH with invalid flags", String.format("0x%02x", header[0]));
        }
        state = State.SKIP;
        skipQos = qos;
        skipTotal = total;
        field = 0;
        fieldLeft = 2;
        fieldValue = 0;
        topicKept = 0;
        packetId = 0;
    }

    private void decodeBody(ByteBuffer in, Sink sink) {
        int before = in.position();
        int limit = in.limit();
        in.limit(before + (int) Math.min(bodyLeft, in.remaining())); // this packet's bytes only
        MqttPacket p;
        try {
            p = decoder.decode(in);
        } finally {
            bodyLeft -= in.position() - before;
            in.limit(limit);
        }
        if (p != null) {
            finished(sink, p);
        }
    }

    private void finished(Sink sink, MqttPacket p) {
        state = State.HEADER;
        headerLength = 0;
        liveness.packetCompleted(clock.nowMillis(), p instanceof PingResp);
        sink.packet(p);
    }

    private void skip(ByteBuffer in, Sink sink) {
        while (in.hasRemaining() && bodyLeft > 0) {
            if (field == 3) {
                int n = (int) Math.min(bodyLeft, in.remaining());
                in.position(in.position() + n);
                bodyLeft -= n;
                break;
            }
            byte b = in.get();
            bodyLeft--;
            if (field == 1 && topicKept < TOPIC_KEPT) {
                topic[topicKept++] = b;
            }
            fieldValue = fieldValue << 8 | b & 0xFF;
            if (--fieldLeft == 0) {
                nextField();
            }
        }
        if (bodyLeft > 0) {
            return;
        }
        if (field < 3) {
            throw new MqttCodecException("MQTT-3.3.2", "an oversize PUBLISH ends inside its variable header", skipTotal);
        }
        state = State.HEADER;
        headerLength = 0;
        liveness.packetCompleted(clock.nowMillis(), false);
        sink.oversize(skipQos, packetId, new String(topic, 0, topicKept, StandardCharsets.UTF_8), skipTotal);
    }

    private void nextField() {
        switch (field) {
            case 0 -> {
                int topicLength = fieldValue & 0xFFFF;
                if (2L + topicLength + (skipQos > 0 ? 2 : 0) > skipTotal - headerLength) {
                    throw new MqttCodecException("MQTT-3.3.2", "topic length " + topicLength + " exceeds the PUBLISH", topicLength);
                }
                field = topicLength > 0 ? 1 : skipQos > 0 ? 2 : 3;
                fieldLeft = topicLength > 0 ? topicLength : 2;
            }
            case 1 -> {
                field = skipQos > 0 ? 2 : 3;
                fieldLeft = 2;
            }
            case 2 -> {
                packetId = fieldValue & 0xFFFF;
                if (packetId == 0) {
                    throw new MqttCodecException("MQTT-2.3.1-1", "a QoS 1 PUBLISH needs a packet identifier in 1..65535", 0);
                }
                field = 3;
            }
            default -> { }
        }
        fieldValue = 0;
    }
}
