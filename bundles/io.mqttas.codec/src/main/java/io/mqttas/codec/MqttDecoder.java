/* MQTT 3.1.1 §2–§3 and MQTT 5.0 §2–§3: incremental packet decoding with bounded memory. */
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
 *
 * <p>One decoder speaks one protocol version (MQTT 3.1.1 unless told otherwise). In MQTT 5.0 a split
 * PUBLISH also collects its property block before the payload, after checking the Property Length
 * against the remaining length; type 15 is AUTH, and only type 0 is unknown.
 */
public final class MqttDecoder {
    private enum State { FIXED_HEADER, BODY, SKIP, PUBLISH_TOPIC_LENGTH, PUBLISH_HEAD, PUBLISH_PROPERTY_LENGTH, PUBLISH_PROPERTIES,
        PUBLISH_PAYLOAD }

    private final int maxPacketSize;
    private final MqttVersion version;
    private final boolean v5;
    private final BodyReader reader;
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
    private int used; // bytes of a split v5 PUBLISH body before its payload: head, Property Length, properties
    private int vbiBytes;
    private int propertyLength;
    private MqttProperties properties = MqttProperties.EMPTY;

    /** An MQTT 3.1.1 decoder that refuses packets longer than {@code maxPacketSize} bytes in total. */
    public MqttDecoder(int maxPacketSize) {
        this(maxPacketSize, MqttVersion.MQTT_3_1_1);
    }

    /** A decoder for {@code version} that refuses packets longer than {@code maxPacketSize} bytes in total. */
    public MqttDecoder(int maxPacketSize, MqttVersion version) {
        if (maxPacketSize < 2 || maxPacketSize > MqttEncoder.MAX_PACKET_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxPacketSize must be 2.." + MqttEncoder.MAX_PACKET_SIZE_LIMIT + ": " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
        this.version = java.util.Objects.requireNonNull(version, "version");
        this.v5 = version == MqttVersion.MQTT_5;
        this.reader = new BodyReader(version);
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    public MqttVersion version() {
        return version;
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
            properties = MqttProperties.EMPTY;
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
                    PacketType type = PacketType.ofCode(firstByte >>> 4, version);
                    reader.reset(ByteBuffer.wrap(body), 0, body.length, type.name());
                    return done(body(type, reader));
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
                case PUBLISH_PROPERTY_LENGTH -> {
                    if (!readPropertyLength(in)) {
                        return null;
                    }
                }
                case PUBLISH_PROPERTIES -> {
                    if (!fill(in)) {
                        return null;
                    }
                    reader.reset(ByteBuffer.wrap(body), 0, body.length, "PUBLISH");
                    properties = PropertyValues.readBlock(reader, body.length, MqttProperty.Where.PUBLISH);
                    startPayload();
                }
                case PUBLISH_PAYLOAD -> {
                    if (!fill(in)) {
                        return null;
                    }
                    int qos = firstByte >> 1 & 3;
                    return done(Publish.decoded(topic, topicLength, body, qos, (firstByte & 1) != 0, (firstByte & 8) != 0, packetId,
                            properties));
                }
            }
        }
    }

    /** Reads byte 1 and the remaining length (1–4 bytes, low 7-bit group first) [MQTT §2.2]. */
    private boolean readFixedHeader(ByteBuffer in) {
        while (in.hasRemaining()) {
            int b = in.get() & 0xFF;
            if (headerBytes == 0) {
                FixedHeader.checkFlags(b, version);
                firstByte = b;
                remainingLength = 0;
                headerBytes = 1;
                continue;
            }
            remainingLength |= (b & 0x7F) << 7 * (headerBytes - 1);
            headerBytes++;
            if ((b & 0x80) == 0) {
                if (v5 && b == 0 && headerBytes > 2) {
                    throw new MqttCodecException("MQTT-1.5.5-1", "remaining length is not in its shortest form",
                            (headerBytes - 1) + " bytes for " + remainingLength);
                }
                return true;
            }
            if (headerBytes == 5) {
                throw new MqttCodecException(v5 ? "MQTT-2.1.4" : "MQTT-2.2.3", "remaining length uses more than 4 bytes",
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
        PacketType type = PacketType.ofCode(firstByte >>> 4, version);
        if (type == null) {
            toSkip = remainingLength;
            state = State.SKIP;
            return null;
        }
        FixedHeader.checkRemainingLength(type, remainingLength, version);
        if (in.remaining() >= remainingLength) {
            int start = in.position();
            int end = start + remainingLength;
            reader.reset(in, start, end, type.name());
            MqttPacket p = body(type, reader);
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

    private MqttPacket body(PacketType type, BodyReader r) {
        if (type == PacketType.PUBLISH) { // the hot packet: a path small enough for the JIT to inline (reads to the end)
            return v5 ? V5Bodies.publish(firstByte & 0x0F, r) : PacketBodies.publish(firstByte & 0x0F, r);
        }
        return v5 ? V5Bodies.decode(type, firstByte & 0x0F, r) : PacketBodies.decode(type, firstByte & 0x0F, r);
    }

    /** A split PUBLISH: the topic length is known, so collect topic and packet id next. */
    private void startPublishHead() {
        int topicBytes = (body[0] & 0xFF) << 8 | body[1] & 0xFF;
        int headLength = 2 + topicBytes + ((firstByte & 0x06) != 0 ? 2 : 0);
        if (headLength + (v5 ? 1 : 0) > remainingLength) {
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
        topic = v5 ? reader.topicNameOrEmpty("topic name") : reader.topicName("topic name");
        topicLength = reader.lastStringLength();
        packetId = (firstByte & 0x06) != 0 ? reader.u16("packet identifier") : 0;
        if (packetId == 0 && (firstByte & 0x06) != 0) {
            throw new MqttCodecException(v5 ? "MQTT-2.2.1-3" : "MQTT-2.3.1-1", "PUBLISH with QoS " + (firstByte >> 1 & 3)
                    + " needs a packet identifier in 1..65535", 0);
        }
        used = body.length;
        properties = MqttProperties.EMPTY;
        if (v5) {
            vbiBytes = 0;
            propertyLength = 0;
            body = null;
            state = State.PUBLISH_PROPERTY_LENGTH;
            return;
        }
        startPayload();
    }

    /**
     * A split v5 PUBLISH: the Property Length, one byte at a time (at most 4, shortest form), checked
     * against what is left of the packet before the property block is allocated. True when done.
     */
    private boolean readPropertyLength(ByteBuffer in) {
        while (in.hasRemaining()) {
            int b = in.get() & 0xFF;
            propertyLength |= (b & 0x7F) << 7 * vbiBytes;
            vbiBytes++;
            if ((b & 0x80) != 0) {
                if (vbiBytes == 4) {
                    throw new MqttCodecException("MQTT-1.5.5", "PUBLISH property length uses more than 4 bytes", "0x" + Integer.toHexString(b));
                }
                continue;
            }
            if (b == 0 && vbiBytes > 1) {
                throw new MqttCodecException("MQTT-1.5.5-1", "PUBLISH property length is not in its shortest form", vbiBytes + " bytes");
            }
            used += vbiBytes;
            if (propertyLength > remainingLength - used) {
                throw new MqttCodecException(BodyReader.LENGTH_RULE, "PUBLISH property length " + propertyLength
                        + " exceeds the " + (remainingLength - used) + " bytes left in the packet", propertyLength);
            }
            if (propertyLength == 0) {
                startPayload();
            } else {
                used += propertyLength;
                body = new byte[propertyLength];
                filled = 0;
                state = State.PUBLISH_PROPERTIES;
            }
            return true;
        }
        return false;
    }

    /** A split PUBLISH: everything before the payload is in; the rest goes straight into the payload array. */
    private void startPayload() {
        if (v5) {
            V5Bodies.checkAlias(topicLength, properties);
        }
        body = new byte[remainingLength - used];
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
        properties = MqttProperties.EMPTY;
        return p;
    }
}
