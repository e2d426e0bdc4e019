/* MQTT 3.1.1 §4.3.3, MQTT 5.0 §4.3.3 (method B) and issue 13 item 5: inbound QoS 2, each message handed to the application once. */
package io.mqttas.session.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The packet ids of inbound QoS 2 messages between their PUBLISH and the broker's PUBREL. A PUBLISH
 * whose id is held is a re-send (DUP) of a message the application already has — or is about to get
 * — and is not delivered again. PUBREC goes out once the application has the message (as PUBACK for
 * QoS 1, B15), then again for every re-sent PUBLISH; PUBREL frees the id and is answered with PUBCOMP.
 * The ids belong to the broker's session: kept across reconnections with session present, cleared
 * when a connection has none. At most 65535 ids (the id space), so memory is bounded. Under the
 * session lock.
 */
final class ExactlyOnce {
    private final ClientContext ctx;
    private final Operations ops;
    /** id → PUBREC sent (the application has the message). */
    private final Map<Integer, Boolean> held = new HashMap<>();

    ExactlyOnce(ClientContext ctx, Operations ops) {
        this.ctx = ctx;
        this.ops = ops;
    }

    /** A QoS 2 PUBLISH arrived; true if it is new and must be delivered. */
    boolean arrived(Connection c, int id) {
        Boolean recSent = held.get(id);
        if (recSent == null) {
            held.put(id, false);
            return true;
        }
        if (recSent) {
            send(c, Frames.pubrec(id)); // our PUBREC was lost: say it again, deliver nothing
        }
        return false;
    }

    /** The application has message {@code id}: PUBREC on the current connection (if any; else the broker re-sends). */
    void handedOver(Connection current, int id) {
        if (held.replace(id, true) != null && current != null && current.open()) {
            send(current, Frames.pubrec(id));
        }
    }

    /** PUBREL: the exchange is over; PUBCOMP (MQTT 5.0: 0x92 for an id we do not hold). */
    void released(Connection c, int id) {
        boolean known = held.remove(id) != null;
        send(c, Frames.pubcomp(id, known || !ctx.v5 ? 0 : 0x92));
    }

    void clear() {
        held.clear();
    }

    int size() {
        return held.size();
    }

    private void send(Connection c, byte[] frame) {
        c.writer.control(frame);
        ops.flush(c);
    }
}
