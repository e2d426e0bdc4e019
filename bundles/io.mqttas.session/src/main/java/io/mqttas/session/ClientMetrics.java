/* Issue 9 item 14: counters and gauges of one client, for mqtt:status and monitoring. */
package io.mqttas.session;

/**
 * A snapshot of a client's counters and gauges.
 *
 * @param queuedMessages operations held by the client and not yet acknowledged (waiting or in flight)
 * @param queuedBytes bytes of packets those operations hold
 * @param inFlight QoS 1 publications sent and awaiting PUBACK
 * @param reconnects successful reconnections since the first connect
 * @param lastRttMillis round trip of the last answered PINGREQ, or -1
 * @param oversizeInbound received messages larger than max_packet_size, skipped and acknowledged (the only ones the client drops)
 * @param oldestUnackedMillis age of the oldest operation not yet acknowledged, or 0
 * @param inboundBacklog received messages waiting for the application
 * @param readsPaused whether reading from the broker is paused because the application is behind
 * @param dupResends DUP re-sends of QoS 1 publications (the original's REPUB_COUNT)
 * @param givenUp operations failed after {@code max_attempts} lost connections
 */
public record ClientMetrics(int queuedMessages, long queuedBytes, int inFlight, long reconnects, long lastRttMillis,
        long oversizeInbound, long oldestUnackedMillis, int inboundBacklog, boolean readsPaused,
        long dupResends, long givenUp) {

    /** All zero (a client that has not started, or a test double). */
    public static final ClientMetrics NONE = new ClientMetrics(0, 0, 0, 0, -1, 0, 0, 0, false, 0, 0);
}
