/* spec/relay.md §2 and §16: the radio seen by the gateway — frames in, frames out, peers, channel. */
package io.mqttas.relay.internal;

import java.io.IOException;

/**
 * A radio that carries node frames: UDP datagrams ({@link UdpTransport}) or an ESP-NOW modem on a
 * serial port ({@link ModemTransport}). Implementations deliver received frames on one thread of
 * their own, in arrival order, and never block a sender for more than a short bounded time.
 */
public interface RadioTransport extends AutoCloseable {

    /** Receives frames from nodes. Called on the transport's receive thread; must not block long. */
    @FunctionalInterface
    interface FrameSink {
        void onFrame(NodeId from, byte[] frame);
    }

    /** Starts receiving. */
    void start(FrameSink sink) throws IOException;

    /**
     * Sends {@code frame} to {@code node}; true if the radio reports delivery (ESP-NOW: MAC-level
     * acknowledgement; UDP: datagram sent to the node's last address). Throws if the radio failed.
     */
    boolean send(NodeId node, byte[] frame) throws IOException;

    /** Registers {@code node} as a peer (ESP-NOW needs this before unicasting to it). */
    void addPeer(NodeId node) throws IOException;

    /** The radio channel, the answer to a node's {@code ["chan"]}. */
    int channel();

    /** The gateway's own MAC, the identity nodes are configured with. */
    NodeId gatewayId();

    @Override
    void close();
}
