/* spec/mqtt_as.md §11.4, B6, B13 and DESIGN.md §6: packet ids awaiting acknowledgement, per connection generation. */
package io.mqttas.session.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations sent on one connection and awaiting PUBACK/SUBACK/UNSUBACK, keyed by packet id.
 * Packet ids run 1..65535 and wrap, skipping ids still in use (one generator for all kinds, as the
 * original). An acknowledgement for an unknown id returns {@code null} and is ignored by the caller
 * (B6: a late PUBACK after a DUP re-send is harmless). On teardown the operations are handed back
 * in submission order to be sent again on the next connection — never silently completed (B13).
 * Guarded by the session's lock.
 */
final class PendingAcks {
    private final Map<Integer, Operation> byId = new LinkedHashMap<>();
    private int nextId = 1;
    private int publishes;
    private long generation;

    long generation() {
        return generation;
    }

    /** Starts a new connection generation (must be empty). */
    void startGeneration(long gen) {
        if (!byId.isEmpty()) {
            throw new IllegalStateException("pending acks left over from generation " + generation);
        }
        generation = gen;
    }

    /** Assigns a free packet id to {@code op} and records it. */
    int add(Operation op) {
        if (byId.size() >= 65_535) {
            throw new IllegalStateException("all 65535 packet ids in use");
        }
        int id;
        do {
            id = nextId;
            nextId = nextId == 65_535 ? 1 : nextId + 1;
        } while (byId.containsKey(id));
        op.packetId = id;
        op.generation = generation;
        byId.put(id, op);
        if (op.isQos1Publish()) {
            publishes++;
        }
        return id;
    }

    /** The operation acknowledged by {@code id}, removed; {@code null} if unknown. */
    Operation remove(int id) {
        Operation op = byId.remove(id);
        if (op != null && op.isQos1Publish()) {
            publishes--;
        }
        return op;
    }

    /** Removes {@code op} if it is pending (e.g. its deadline passed). */
    boolean remove(Operation op) {
        if (op.packetId != 0 && byId.get(op.packetId) == op) {
            remove(op.packetId);
            return true;
        }
        return false;
    }

    Operation get(int id) {
        return byId.get(id);
    }

    /** QoS 1 publications in flight (the window that {@code max_inflight} bounds). */
    int publishesInFlight() {
        return publishes;
    }

    int size() {
        return byId.size();
    }

    /** Empties the set, returning its operations in submission order with their ids cleared. */
    List<Operation> drain() {
        List<Operation> ops = new ArrayList<>(byId.values());
        byId.clear();
        publishes = 0;
        ops.sort(Comparator.comparingLong(o -> o.seq));
        for (Operation op : ops) {
            op.packetId = 0;
            op.dups = 0;
            op.cancelTimers();
        }
        return ops;
    }
}
