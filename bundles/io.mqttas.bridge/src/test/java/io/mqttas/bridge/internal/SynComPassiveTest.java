/* spec/bridge.md §3.3–§3.4: the passive end's bits, checked against the spec's table. */
package io.mqttas.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SynComPassiveTest {

    /** Bits LSB first: SYN then 7-bit characters. */
    private static List<Integer> bits(int value, int count) {
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            b.add((value >> i) & 1);
        }
        return b;
    }

    private static final class Port implements SynComPassive.CharPort {
        final ArrayDeque<Integer> toSend = new ArrayDeque<>();
        final List<Integer> received = new ArrayList<>();

        @Override
        public int nextCharToSend() {
            Integer c = toSend.pollFirst();
            return c == null ? 0 : c;
        }

        @Override
        public void charReceived(int c) {
            received.add(c);
        }
    }

    @Test
    void followsTheSpecTableBitForBit() {
        // I[0..7] = SYN, I[8] = padding 0, I[9..15] = 'A', I[16..22] = 'b', then zeros.
        List<Integer> initiator = new ArrayList<>(bits(0x9D, 8));
        initiator.add(0);
        initiator.addAll(bits('A', 7));
        initiator.addAll(bits('b', 7));
        initiator.addAll(bits(0, 7 * 3));
        Port port = new Port();
        port.toSend.add((int) 'x');
        port.toSend.add((int) 'y');
        SynComPassive p = new SynComPassive(port);

        // Passive step n (n >= 1) samples I[n-1] and drives P[n-1]; it may step when ckin != phase.
        List<Integer> passive = new ArrayList<>();
        boolean hostClock = true; // initiator's step 0 raised its clock
        for (int n = 1; n <= initiator.size(); n++) {
            assertTrue(p.mayStep(hostClock), "step " + n);
            passive.add(p.step(initiator.get(n - 1) == 1) ? 1 : 0);
            assertEquals(hostClock, p.phase(), "clock follows the host after step " + n);
            assertFalse(p.mayStep(hostClock), "one step per host edge");
            hostClock = !hostClock;
            if (n == 7) {
                assertFalse(p.synced(), "not synchronised before the 8th bit");
            }
            if (n == 8) {
                assertTrue(p.synced(), "synchronised after step 8");
            }
        }
        // P[0..7] = SYN, P[8..14] = 'x', P[15..21] = 'y', then zeros.
        List<Integer> expected = new ArrayList<>(bits(0x9D, 8));
        expected.addAll(bits('x', 7));
        expected.addAll(bits('y', 7));
        while (expected.size() < passive.size()) {
            expected.add(0);
        }
        assertEquals(expected, passive);
        // the first completed slot (padding + zeros) is discarded; then 'A', 'b', zeros
        assertEquals(List.of((int) 'A', (int) 'b', 0, 0), port.received.subList(0, 4));
    }

    @Test
    void synchronisesLateWhenTheHostStartsMidStream() {
        Port port = new Port();
        SynComPassive p = new SynComPassive(port);
        List<Integer> initiator = new ArrayList<>(bits(0, 5)); // noise before the host's SYN
        initiator.addAll(bits(0x9D, 8));
        initiator.add(0);
        initiator.addAll(bits('Z', 7));
        initiator.addAll(bits(0, 7));
        for (int bit : initiator) {
            p.step(bit == 1);
        }
        assertTrue(p.synced());
        assertEquals((int) 'Z', port.received.get(0));
    }

    @Test
    void restartForgetsEverything() {
        Port port = new Port();
        SynComPassive p = new SynComPassive(port);
        for (int bit : bits(0x9D, 8)) {
            p.step(bit == 1);
        }
        assertTrue(p.synced());
        p.restart();
        assertFalse(p.synced());
        assertFalse(p.phase());
        assertEquals(0, p.steps());
        // SYN is sent again from its first bit
        assertTrue(p.step(false));
    }
}
