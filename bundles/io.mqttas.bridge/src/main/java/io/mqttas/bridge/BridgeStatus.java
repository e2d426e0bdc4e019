/* Gogo bridge:status and logs: what a user asks of a running bridge. */
package io.mqttas.bridge;

/**
 * A snapshot of one bridge.
 *
 * @param name           the bridge's name (thread names, logs)
 * @param transport      {@code syncom} or {@code stream}, with the device where known
 * @param linkState      the link's state, e.g. {@code RESET}, {@code SYNCING}, {@code SYNCED}, {@code OPEN}
 * @param sessionState   the application session's state, e.g. {@code AWAIT_CONFIG}, {@code CONNECTING}, {@code RUNNING}
 * @param brokerUp       whether the MQTT client reports a usable broker session
 * @param linkRestarts   link (re)starts: reset pulses, stall timeouts, stream re-opens, silent hosts
 * @param sessions       application sessions started (INIT records accepted)
 * @param charsIn        characters (or bytes) received from the host, terminators included
 * @param charsOut       characters (or bytes) sent to the host, terminators (and stream heartbeats) included
 * @param recordsIn      records received from the host
 * @param recordsOut     records sent to the host
 * @param recordsDropped records dropped: overlong, queue full, or not representable on the link
 * @param rejected       host records refused: answered with UNKNOWN or BROKER_FAIL, or ignored as a repeat (since 1.1)
 * @param lastError      the last error worth a user's attention, or empty
 */
public record BridgeStatus(String name, String transport, String linkState, String sessionState, boolean brokerUp,
        long linkRestarts, long sessions, long charsIn, long charsOut, long recordsIn, long recordsOut,
        long recordsDropped, long rejected, String lastError) {

    /** The 1.0 form, without {@code rejected}. */
    public BridgeStatus(String name, String transport, String linkState, String sessionState, boolean brokerUp,
            long linkRestarts, long sessions, long charsIn, long charsOut, long recordsIn, long recordsOut,
            long recordsDropped, String lastError) {
        this(name, transport, linkState, sessionState, brokerUp, linkRestarts, sessions, charsIn, charsOut, recordsIn,
                recordsOut, recordsDropped, 0, lastError);
    }
}
