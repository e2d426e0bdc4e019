/* spec/mqtt_as.md §11.4, B6, B13: packet ids per connection generation. */
package io.mqttas.session.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PendingAcksTest {
    private static Operation pub(long seq) {
        return new Operation(Operation.Kind.PUBLISH, "t", new byte[0], false, 1, seq);
    }

    @Test
    void idsRunFromOneAndWrapSkippingIdsInUse() {
        PendingAcks p = new PendingAcks();
        Operation first = pub(0);
        assertEquals(1, p.add(first));
        for (int i = 2; i <= 65_535; i++) {
            Operation op = pub(i);
            p.add(op);
            p.remove(op.packetId);
        }
        assertEquals(2, p.add(pub(70_000)), "wraps to 1, which is in use, so 2");
    }

    @Test
    void unknownIdIsNullNotAnError() {
        PendingAcks p = new PendingAcks();
        Operation op = pub(0);
        int id = p.add(op);
        assertSame(op, p.remove(id));
        assertNull(p.remove(id), "B6: the second PUBACK of a DUP re-send finds nothing");
        assertEquals(0, p.publishesInFlight());
    }

    @Test
    void drainHandsBackInSubmissionOrderWithIdsCleared() {
        PendingAcks p = new PendingAcks();
        Operation a = pub(5);
        Operation b = pub(1);
        Operation sub = new Operation(Operation.Kind.SUBSCRIBE, "f", null, false, 1, 3);
        p.add(a);
        p.add(b);
        p.add(sub);
        assertEquals(2, p.publishesInFlight());
        List<Operation> ops = p.drain();
        assertEquals(List.of(b, sub, a), ops);
        assertEquals(0, a.packetId);
        assertEquals(0, p.size());
        p.startGeneration(2);
        assertEquals(2, p.generation());
    }

    @Test
    void newGenerationMustStartEmpty() {
        PendingAcks p = new PendingAcks();
        p.add(pub(0));
        assertThrows(IllegalStateException.class, () -> p.startGeneration(3));
    }
}
