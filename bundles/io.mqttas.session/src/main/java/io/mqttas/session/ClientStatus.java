/* Gogo mqtt:status and logs: what a user asks of a running client. */
package io.mqttas.session;

/**
 * A snapshot of a client. {@code state} is the connection state machine's state name;
 * {@code generation} counts connections made; {@code inFlight} QoS 1 publications awaiting PUBACK;
 * {@code queueDepth} messages waiting in the event queue; {@code reconnects} successful reconnections.
 */
public record ClientStatus(String clientId, String state, String server, long generation, int inFlight,
        int queueDepth, long reconnects, boolean sessionPresent) {
}
