/* spec/relay.md §6.1: the state a running gateway exposes (Gogo relay:nodes, relay:queue). */
package io.mqttas.relay;

import java.util.List;
import java.util.Optional;

/** A running relay gateway, registered as an OSGi service by the relay component. */
public interface Relay {

    /** The gateway's identity: 12 lowercase hex digits of its radio MAC. */
    String gatewayId();

    /** Every known node, in the order they first contacted the gateway. */
    List<NodeInfo> nodes();

    /**
     * The frames queued for {@code nodeId} (12 hex digits, any case), oldest first, as the JSON
     * text that will be sent; empty if the node is unknown.
     */
    Optional<List<String>> queue(String nodeId);

    /** Counters and depths for status displays and the status-request topic. */
    RelayStats stats();
}
