/* spec/relay.md §2 and §16: the radio seen by the gateway — frames in, frames out, peers, channel. */
package io.mqttas.relay.internal;

import io.mqttas.relay.RadioState;
import java.io.IOException;

/**
 * A radio that carries node frames: UDP datagrams ({@link UdpTransport}) or an ESP-NOW modem on a
 * serial port ({@link ModemTransport}). Implementations deliver received frames on one thread of
 * their own, in arrival order, and never block a sender for more than a short bounded time.
 */
public interface RadioTransport extends AutoCloseable {

    /** Receives frames from nodes and the radio's own news. Called on the transport's thread; must not block long. */
    interface FrameSink {
        void onFrame(NodeId from, byte[] frame);

        /** Something users should see on the status topic (e.g. "ESP-NOW modem ready …"). */
        default void radioStatus(String text) {
        }

        /** Something that went wrong with the radio, for the error topic. */
        default void radioError(String text) {
        }
    }

    /** Starts receiving. A radio that is not there yet (modem unplugged) keeps trying in the background. */
    void start(FrameSink sink) throws IOException;

    /**
     * Sends {@code frame} to {@code node}; true if the radio reports delivery. With
     * {@link #acknowledgesDelivery()} that is the node radio's acknowledgement (ESP-NOW MAC-level
     * ack); without it, only that the frame left. Throws if the radio failed.
     */
    boolean send(NodeId node, byte[] frame) throws IOException;

    /**
     * A new node was heard: register it as a peer if the radio has room (ESP-NOW needs this before
     * unicasting; a radio with a small peer table may defer it to the first send).
     */
    void addPeer(NodeId node) throws IOException;

    /** Whether {@link #send} reports the receiving radio's acknowledgement (spec §5), not just that it left. */
    boolean acknowledgesDelivery();

    /** The radio channel, the answer to a node's {@code ["chan"]}; follows channel changes. */
    int channel();

    /** The gateway's own MAC, the identity nodes are configured with; null while the radio has not said. */
    NodeId gatewayId();

    /** What the gateway shows of its radio (relay:status, the status request). */
    RadioState state();

    @Override
    void close();
}
