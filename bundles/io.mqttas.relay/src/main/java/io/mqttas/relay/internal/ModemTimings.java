/* docs/relay-modem.md "What the host does": the modem life cycle's clock, fixed in production, short in tests. */
package io.mqttas.relay.internal;

/**
 * {@code infoEvery}: how often INFO is asked while waiting for a HELLO; {@code silentReport} /
 * {@code silentReopen}: after how long without a HELLO the silence is reported / the port is
 * reopened; {@code heartbeat}: how long a ready modem may be quiet before it is asked INFO;
 * {@code misses}: unanswered heartbeats in a row before the port is reopened. {@code backoffMin}
 * / {@code backoffMax}: pause before reopening a port, doubling from min to max. All milliseconds.
 */
public record ModemTimings(long infoEvery, long silentReport, long silentReopen, long heartbeat, int misses,
        long backoffMin, long backoffMax) {

    public static final ModemTimings DEFAULT = new ModemTimings(500, 5_000, 20_000, 5_000, 3, 500, 10_000);
}
