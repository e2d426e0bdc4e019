/* docs/relay.md "Radio state": one line of text for relay:status and the status request. */
package io.mqttas.relay.internal;

import io.mqttas.relay.RadioState;
import java.time.Instant;

/** Renders a {@link RadioState}. */
public final class RadioStates {
    private RadioStates() {
    }

    /** E.g. "serial /dev/ttyUSB0 ready, modem 1.0.0, channel 6, peers 12/20, last frame 2026-…Z, 0 port errors, …". */
    public static String describe(RadioState r) {
        StringBuilder b = new StringBuilder();
        b.append(r.transport()).append(' ').append(r.port()).append(' ').append(r.state());
        if (!r.firmware().isEmpty()) {
            b.append(", modem ").append(r.firmware());
        }
        b.append(", channel ").append(r.channel());
        if (r.peersCapacity() > 0) {
            b.append(", peers ").append(r.peersUsed()).append('/').append(r.peersCapacity());
        }
        b.append(", last frame ").append(r.lastFrameMillis() == 0 ? "never" : Instant.ofEpochMilli(r.lastFrameMillis()));
        b.append(", ").append(r.portErrors()).append(" port errors, ").append(r.modemResets()).append(" modem resets, ")
                .append(r.dropped()).append(" frames dropped, ").append(r.notAcked()).append(" sends not acknowledged");
        if (!r.lastError().isEmpty()) {
            b.append(", last error: ").append(r.lastError());
        }
        return b.toString();
    }
}
