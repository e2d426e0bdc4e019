/* docs/relay-modem.md: a modem frame whose payload breaks the protocol; the frame is dropped, the link stays. */
package io.mqttas.relay.internal;

/** Names what is wrong with a modem frame's payload. */
public final class MalformedModemFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedModemFrameException(String message) {
        super(message);
    }
}
