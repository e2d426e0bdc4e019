/* spec/mqtt_as.md §11.4, B6 and issue 9 item 11: one id space, cyclic, never exhausted with an error. */
package io.mqttas.session.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketIdsTest {
    private static Operation pub() {
        return new Operation(Operation.Kind.PUBLISH, "t", 1, new byte[0], 0);
    }

    @Test
    void idsRunFromOneAndWrapSkippingIdsInUse() {
        PacketIds p = new PacketIds();
        Operation first = pub();
        assertEquals(1, p.allocate(first));
        for (int i = 2; i <= PacketIds.MAX; i++) {
            Operation op = pub();
            p.allocate(op);
            p.release(op);
        }
        assertEquals(2, p.allocate(pub()), "wraps to 1, which is in use, so 2");
    }

    @Test
    void unknownIdIsNullNotAnError() {
        PacketIds p = new PacketIds();
        Operation op = pub();
        int id = p.allocate(op);
        assertSame(op, p.get(id));
        p.release(op);
        assertNull(p.get(id), "B6: the second PUBACK of a DUP re-send finds nothing");
        assertEquals(0, p.used());
    }

    @Test
    void aFullIdSpaceAnswersZeroNeverThrows() {
        PacketIds p = new PacketIds();
        List<Operation> all = new ArrayList<>();
        for (int i = 0; i < PacketIds.MAX; i++) {
            Operation op = pub();
            assertTrue(p.allocate(op) > 0);
            all.add(op);
        }
        assertEquals(0, p.allocate(pub()), "all 65535 in use: the caller waits");
        p.release(all.get(100));
        assertEquals(101, p.allocate(pub()));
    }

    @Test
    void theTableStaysConsistentUnderRandomUse() {
        PacketIds p = new PacketIds();
        Random r = new Random(9);
        List<Operation> held = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (int step = 0; step < 200_000; step++) {
            if (held.isEmpty() || (r.nextInt(3) > 0 && held.size() < 5000)) {
                Operation op = pub();
                int id = p.allocate(op);
                assertTrue(ids.add(id), "id " + id + " handed out twice");
                held.add(op);
            } else {
                Operation op = held.remove(r.nextInt(held.size()));
                int id = op.packetId;
                p.release(op);
                ids.remove(id);
                assertNull(p.get(id));
            }
            if (step % 1000 == 0) {
                for (Operation op : held) {
                    assertSame(op, p.get(op.packetId));
                }
                assertEquals(held.size(), p.used());
            }
        }
    }
}
