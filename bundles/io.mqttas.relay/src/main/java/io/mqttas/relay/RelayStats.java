/* spec/relay.md §7.4 (status request) and §13/§16 (hardening counters). */
package io.mqttas.relay;

/**
 * A snapshot of a gateway: {@code nodes} known, {@code subscriptions} in the topic table,
 * {@code publicationsPending} node publications not yet handed to the broker (queue plus the one
 * in flight), {@code messagesQueued} broker messages waiting in all node queues, whether the
 * broker is {@code connected}, and counters of frames {@code received}, {@code malformed},
 * {@code ignored} (allow-list or node-table limit), node-queue {@code overflows},
 * {@code rejected} publications (BAD) and {@code oversized} outgoing frames dropped.
 */
public record RelayStats(int nodes, int subscriptions, int publicationsPending, int messagesQueued,
        boolean connected, long received, long malformed, long ignored, long overflows, long rejected,
        long oversized) {
}
