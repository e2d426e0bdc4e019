/* spec/relay.md §7.4 (status request) and §13/§16 (hardening counters). */
package io.mqttas.relay;

/**
 * A snapshot of a gateway: {@code nodes} known, {@code subscriptions} in the topic table,
 * {@code publicationsPending} node publications not yet handed to the broker (queue plus the one
 * in flight), {@code messagesQueued} broker messages waiting in all node queues, whether the
 * broker is {@code connected}, and counters of frames {@code received}, {@code malformed},
 * {@code ignored} (allow-list or node-table limit), node-queue {@code overflows},
 * {@code rejected} publications (BAD), {@code oversized} outgoing frames dropped,
 * {@code rateLimited} frames over a node's rate, {@code topicsRefused} subscriptions refused by the
 * topic-table bound, {@code pushes} made (lpmode=false), and the {@code radio}'s state.
 */
public record RelayStats(int nodes, int subscriptions, int publicationsPending, int messagesQueued,
        boolean connected, long received, long malformed, long ignored, long overflows, long rejected,
        long oversized, long rateLimited, long topicsRefused, long pushes, RadioState radio) {
}
