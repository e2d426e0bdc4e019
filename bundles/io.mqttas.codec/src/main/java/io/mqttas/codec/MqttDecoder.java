/* MQTT 3.1.1 §2–§3: incremental packet decoding with bounded memory. */
package io.mqttas.codec;

import java.nio.ByteBuffer;

/**
 * An incremental decoder for one byte stream. Feed it input in fragments of any size; each call
 * consumes what it can and returns the next complete packet or {@code null} when more input is
 * needed. The maximum packet size is checked from the fixed header <em>before</em> any body buffer
 * is allocated. After an {@link MqttCodecException} the decoder is poisoned: every later call
 * throws the same exception (the stream can no longer be trusted). Not thread-safe: one per
 * connection.
 *
 * <p>How input is held: a body that is wholly inside the caller's buffer is decoded in place (no
 * copy besides the packet's own fields). A body split across calls is collected into one array of
 * exactly its length; a split PUBLISH is collected as its variable header and then straight into
 * the payload array the packet will own, so no packet costs more than its own size in memory.
 * A packet of a reserved type (0 or 15) is skipped by its remaining length without buffering and
 * reported as an {@link UnknownPacket} (mqtt_as bug B7).
 */
public final class MqttDecoder {
    private enum State { FIXED_HEADER, BODY, SKIP, PUBLISH_TOPIC_LENGTH, PUBLISH_HEAD, PUBLISH_PAYLOAD }

    private final int maxPacketSize;
    private final BodyReader reader = new BodyReader();
    private MqttCodecException failure;

    private State state = State.FIXED_HEADER;
    private int headerBytes; // bytes of the fixed header read so far; 0 = between packets
    private int firstByte;
    private int remainingLength;

    private byte[] body; // the array being filled in BODY, PUBLISH_TOPIC_LENGTH/HEAD and PUBLISH_PAYLOAD
    private int filled;
    private int toSkip;
    private String topic;
    private int topicLength;
    private int packetId;

    /** A decoder that refuses packets longer than {@code maxPacketSize} bytes in total. */
    public MqttDecoder(int maxPacketSize) {
        if (maxPacketSize < 2 || maxPacketSize > MqttEncoder.MAX_PACKET_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxPacketSize must be 2.." + MqttEncoder.MAX_PACKET_SIZE_LIMIT + ": " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    /**
     * Consumes bytes from {@code in} (advancing its position) up to the end of the next complete
     * packet and returns it, or returns {@code null} once {@code in} is exhausted with a packet
     * still incomplete (its bytes are kept). Call again with the same buffer to get further packets.
     */
    public MqttPacket decode(ByteBuffer in) {
        if (failure != null) {
            throw failure;
        }
        try {
            return next(in);
        } catch (MqttCodecException e) {
            failure = e;
            body = null;
            topic = null;
            throw e;
        } finally {
            reader.clear();
        }
    }

    /** True when no partial packet is buffered. */
    public boolean isIdle() {
        return state == State.FIXED_HEADER && headerBytes == 0;
    }

    private MqttPacket next(ByteBuffer in) {
        while (true) {
            switch (state) {
                case FIXED_HEADER -> {
                    if (!readFixedHeader(in)) {
                        return null;
                    }
                    MqttPacket p = startBody(in);
                    if (p != null) {
                        return p;
                    }
                }
                case BODY -> {
                    if (!fill(in)) {
                        return null;
                    }
                    PacketType type = PacketType.ofCode(firstByte >>> 4);
                    reader.reset(ByteBuffer.wrap(body), 0, body.length, type.name());
                    return done(PacketBodies.decode(type, firstByte & 0x0F, reader));
                }
                case SKIP -> {
                    int n = Math.min(toSkip, in.remaining());
                    in.position(in.position() + n);
                    toSkip -= n;
                    if (toSkip > 0) {
                        return null;
                    }
                    return done(new UnknownPacket(firstByte >>> 4, firstByte & 0x0F, remainingLength));
                }
                case PUBLISH_TOPIC_LENGTH -> {
                    if (!fill(in)) {
                        return null;
                    }
                    startPublishHead();
                }
                case PUBLISH_HEAD -> {
                    if (!fill(in)) {
                        return null;
                    }
                    startPublishPayload();
                }
                case PUBLISH_PAYLOAD -> {
                    if (!fill(in)) {
                        return null;
                    }
                    int qos = firstByte >> 1 & 3;
                    return done(Publish.decoded(topic, topicLength, body, qos, (firstByte & 1) != 0, (firstByte & 8) != 0, packetId));
                }
            }
        }
    }

    /** Reads byte 1 and the remaining length (1–4 bytes, low 7-bit group first) [MQTT §2.2]. */
    private boolean readFixedHeader(ByteBuffer in) {
        while (in.hasRemaining()) {
            int b = in.get() & 0xFF;
            if (headerBytes == 0) {
                FixedHeader.checkFlags(b);
                firstByte = b;
                remainingLength = 0;
                headerBytes = 1;
                continue;
            }
            remainingLength |= (b & 0x7F) << 7 * (headerBytes - 1);
            headerBytes++;
            if ((b & 0x80) == 0) {
                return true;
            }
            if (headerBytes == 5) {
                throw new MqttCodecException("MQTT-2.2.3", "remaining length uses more than 4 bytes",
                        "4th length byte 0x" + Integer.toHexString(b) + " has the continuation bit set");
            }
        }
        return false;
    }

    /**
     * The fixed header is complete: check the size against the maximum before anything is allocated,
     * then decode in place, or set up the state that collects the body. Returns the packet when it is
     * already complete, else {@code null} to go on in the new state.
     */
    private MqttPacket startBody(ByteBuffer in) {
        int total = headerBytes + remainingLength;
        if (total > maxPacketSize) {
            throw new MqttCodecException("max-packet-size", "packet of " + total + " bytes is longer than the maximum of "
                    + maxPacketSize, total);
        }
        PacketType type = PacketType.ofCode(firstByte >>> 4);
        if (type == null) {
            toSkip = remainingLength;
            state = State.SKIP;
            return null;
        }
        FixedHeader.checkRemainingLength(type, remainingLength);
        if (in.remaining() >= remainingLength) {
            int start = in.position();
            int end = start + remainingLength;
            reader.reset(in, start, end, type.name());
            MqttPacket p = PacketBodies.decode(type, firstByte & 0x0F, reader);
            in.position(end);
            return done(p);
        }
        if (type == PacketType.PUBLISH) {
            body = new byte[2];
            state = State.PUBLISH_TOPIC_LENGTH;
        } else {
            body = new byte[remainingLength];
            state = State.BODY;
        }
        filled = 0;
        return null;
    }

    /** A split PUBLISH: the topic length is known, so collect topic and packet id next. */
    private void startPublishHead() {
        int topicBytes = (body[0] & 0xFF) << 8 | body[1] & 0xFF;
        int headLength = 2 + topicBytes + ((firstByte & 0x06) != 0 ? 2 : 0);
        if (headLength > remainingLength) {
            throw new MqttCodecException(BodyReader.LENGTH_RULE, "PUBLISH topic name length " + topicBytes
                    + " (plus packet identifier) exceeds the remaining length " + remainingLength, topicBytes);
        }
        byte[] head = new byte[headLength];
        head[0] = body[0];
        head[1] = body[1];
        body = head;
        state = State.PUBLISH_HEAD;
    }

    /** A split PUBLISH: topic and packet id are in; the rest goes straight into the payload array. */
    private void startPublishPayload() {
        reader.reset(ByteBuffer.wrap(body), 0, body.length, "PUBLISH");
        topic = reader.topicName("topic name");
        topicLength = reader.lastStringLength();
        packetId = (firstByte & 0x06) != 0 ? reader.u16("packet identifier") : 0;
        if (packetId == 0 && (firstByte & 0x06) != 0) {
            throw new MqttCodecException("MQTT-2.3.1-1", "PUBLISH with QoS " + (firstByte >> 1 & 3)
                    + " needs a packet identifier in 1..65535", 0);
        }
        body = new byte[remainingLength - body.length];
        filled = 0;
        state = State.PUBLISH_PAYLOAD;
    }

    /** Copies from {@code in} into {@code body}; true when it is full. */
    private boolean fill(ByteBuffer in) {
        int n = Math.min(body.length - filled, in.remaining());
        in.get(body, filled, n);
        filled += n;
        return filled == body.length;
    }

    private MqttPacket done(MqttPacket p) {
        state = State.FIXED_HEADER;
        headerBytes = 0;
        body = null;
        topic = null;
        return p;
    }
}
