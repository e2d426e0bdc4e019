/* spec/relay.md §5: the raw replies the gateway sends to nodes. */
package io.mqttas.relay.internal;

import java.nio.charset.StandardCharsets;

/** Raw ASCII replies, compared byte-for-byte by the nodes. */
public enum Reply {
    ACK, NAK, BAD, UP, DOWN;

    private final byte[] bytes = name().getBytes(StandardCharsets.US_ASCII);

    public byte[] bytes() {
        return bytes.clone();
    }
}
