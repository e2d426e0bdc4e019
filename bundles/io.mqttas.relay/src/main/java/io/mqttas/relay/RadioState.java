/* docs/relay.md "Radio state" and docs/relay-modem.md: what the gateway knows of its radio right now. */
package io.mqttas.relay;

/**
 * A snapshot of the radio: {@code transport} ("udp" or "serial"); {@code port} (the serial device or
 * the UDP listen address); {@code state} ("ready", "opening", "waiting for HELLO", "configuring",
 * "port lost", "closed"); the modem's {@code firmware} version and {@code channel}; the ESP-NOW peer
 * table ({@code peersUsed} of {@code peersCapacity}, 0 of 0 for UDP); when the last frame arrived
 * from the radio ({@code lastFrameMillis}, epoch ms, 0 = never); {@code portErrors} (I/O errors and
 * failed openings of the port), {@code modemResets} (modem boots noticed after the first), frames
 * {@code dropped} because a queue was full (the gateway's and the modem's), sends the node's radio
 * did not acknowledge ({@code notAcked}) and the {@code lastError} seen ("" = none).
 */
public record RadioState(String transport, String port, String state, String firmware, int channel,
        int peersUsed, int peersCapacity, long lastFrameMillis, long portErrors, long modemResets, long dropped,
        long notAcked, String lastError) {
}
