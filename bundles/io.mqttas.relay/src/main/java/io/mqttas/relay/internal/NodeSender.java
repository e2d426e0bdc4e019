/*
 * spec/relay.md §5, §13: every frame to a node goes out here. Oversized frames are reported and
 * dropped (the original blocks a node's queue head with them forever); radio exceptions are
 * reported as the original's "ESPNow send to MAC raised E" and count as a failed send.
 */
package io.mqttas.relay.internal;

import java.io.IOException;

/** Sends one frame to one node through the radio. Thread-safe. */
final class NodeSender {
    private final RadioTransport radio;
    private final Reports reports;
    private final Counters counters;
    private final int maxFrame;

    NodeSender(RadioTransport radio, Reports reports, Counters counters, int maxFrame) {
        this.radio = radio;
        this.reports = reports;
        this.counters = counters;
        this.maxFrame = maxFrame;
    }

    /** True if sent (or dropped as oversized: that is final, the caller moves on); false if the node did not get it. */
    boolean send(NodeId to, byte[] frame) {
        if (frame.length > maxFrame) {
            counters.oversized.incrementAndGet();
            reports.error("Frame of " + frame.length + " bytes to node " + to + " exceeds " + maxFrame
                    + " bytes: dropped");
            return true;
        }
        try {
            return radio.send(to, frame);
        } catch (IOException | RuntimeException e) {
            reports.error("ESPNow send to " + to + " raised " + e.getMessage());
            return false;
        }
    }
}
