/* spec/mqtt_as.md §11.4, B6, B13 and issue 9 item 11: packet identifiers shared by every kind, kept while the broker's session may hold them. */
package io.mqttas.session.internal;

/**
 * The packet ids in use, 1..65535, one space for PUBLISH, SUBSCRIBE and UNSUBSCRIBE (as the
 * original). Ids are handed out cyclically, skipping those in use, so an id freed by a timeout is
 * reused only after the other 65534 — a late acknowledgement for it finds nothing (B6). When all
 * 65535 are in use {@link #allocate} returns 0 and the operation waits (never an error). Ids belong
 * to operations, not to connections: on a resumed session they are re-sent with the same id (MQTT
 * 3.1.1 §4.4).
 *
 * <p>An open-addressing table sized to the ids in use (16 slots for an idle client, growing by
 * doubling): no boxing, no allocation per operation. Guarded by the session lock.
 */
final class PacketIds {
    static final int MAX = 65_535;
    private static final int MIN_CAPACITY = 16;
    private static final int SHRINK_ABOVE = 1024;

    private int[] keys = new int[MIN_CAPACITY];
    private Operation[] values = new Operation[MIN_CAPACITY];
    private int next = 1;
    private int used;

    /** Gives {@code op} a free id; 0 if none is free. */
    int allocate(Operation op) {
        if (used == MAX) {
            return 0;
        }
        while (get(next) != null) {
            next = next == MAX ? 1 : next + 1;
        }
        int id = next;
        next = next == MAX ? 1 : next + 1;
        put(id, op);
        op.packetId = id;
        return id;
    }

    /** Gives {@code op} the id {@code id} (a recovered QoS 2 exchange); false if it is held. */
    boolean claim(Operation op, int id) {
        if (id < 1 || id > MAX || get(id) != null) {
            return false;
        }
        put(id, op);
        op.packetId = id;
        return true;
    }

    /** The operation holding {@code id}, or null (B6: an acknowledgement for an unknown id is ignored). */
    Operation get(int id) {
        int mask = keys.length - 1;
        for (int i = mix(id) & mask; keys[i] != 0; i = i + 1 & mask) {
            if (keys[i] == id) {
                return values[i];
            }
        }
        return null;
    }

    /** Frees {@code op}'s id if it holds one. */
    void release(Operation op) {
        int id = op.packetId;
        op.packetId = 0;
        if (id == 0 || get(id) != op) {
            return;
        }
        int mask = keys.length - 1;
        int i = mix(id) & mask;
        while (keys[i] != id) {
            i = i + 1 & mask;
        }
        // Backward-shift deletion keeps every probe chain unbroken.
        int gap = i;
        for (int j = gap + 1 & mask; keys[j] != 0; j = j + 1 & mask) {
            int home = mix(keys[j]) & mask;
            if ((j > gap && (home <= gap || home > j)) || (j < gap && home <= gap && home > j)) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        values[gap] = null;
        used--;
        if (keys.length > SHRINK_ABOVE && used * 8 < keys.length) {
            resize(keys.length / 2); // only large tables shrink: a busy window does not resize back and forth
        }
    }

    int used() {
        return used;
    }

    private void put(int id, Operation op) {
        if ((used + 1) * 2 > keys.length) {
            resize(keys.length * 2);
        }
        int mask = keys.length - 1;
        int i = mix(id) & mask;
        while (keys[i] != 0) {
            i = i + 1 & mask;
        }
        keys[i] = id;
        values[i] = op;
        used++;
    }

    private void resize(int capacity) {
        int[] oldKeys = keys;
        Operation[] oldValues = values;
        keys = new int[capacity];
        values = new Operation[capacity];
        used = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int id) {
        return id * 0x9E3779B1 >>> 16 ^ id;
    }
}
