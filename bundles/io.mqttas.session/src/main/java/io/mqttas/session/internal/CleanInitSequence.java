/* spec/mqtt_as.md §8.3 (issue #40, H7): which clean-session flags a connection attempt uses. */
package io.mqttas.session.internal;

import java.util.List;

/**
 * The clean_init rule. On the first connection after power-up with {@code clean_init=true} and
 * {@code clean=false} the original performs a "dance": connect with clean=1 (the broker discards
 * any stale session), DISCONNECT, pause 2 s, connect again with clean=0 (a persistent session
 * from now on). Otherwise a single connect: first connection with clean=0 only when both flags
 * are false, every later connection with {@code clean}.
 */
final class CleanInitSequence {
    /** The pause between the dance's DISCONNECT and its second CONNECT. */
    static final long DANCE_PAUSE_MILLIS = 2000;

    private CleanInitSequence() {
    }

    /** The clean flags of the CONNECTs of one attempt, in order (one or two). */
    static List<Boolean> flags(boolean first, boolean cleanInit, boolean clean) {
        if (clean) {
            return List.of(true);
        }
        if (first && cleanInit) {
            return List.of(true, false);
        }
        return List.of(false);
    }
}
