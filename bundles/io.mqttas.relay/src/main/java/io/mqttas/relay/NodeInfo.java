/* spec/relay.md §3 and §6.1: one entry of the node table. */
package io.mqttas.relay;

import java.util.List;

/**
 * A node as the gateway knows it: its id (12 lowercase hex digits of its MAC), how many messages
 * wait for it, the topics it subscribed to, and when it was last heard (epoch milliseconds).
 */
public record NodeInfo(String id, int queued, List<String> topics, long lastSeenMillis) {
    public NodeInfo {
        topics = List.copyOf(topics);
    }
}
