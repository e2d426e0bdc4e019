/* spec/mqtt_as.md §8.3: the clean_init matrix. */
package io.mqttas.session.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CleanInitSequenceTest {
    @Test
    void matrixOfSection83() {
        assertEquals(List.of(true, false), CleanInitSequence.flags(true, true, false), "power-up dance");
        assertEquals(List.of(false), CleanInitSequence.flags(true, false, false));
        assertEquals(List.of(true), CleanInitSequence.flags(true, true, true));
        assertEquals(List.of(true), CleanInitSequence.flags(true, false, true));
        assertEquals(List.of(false), CleanInitSequence.flags(false, true, false));
        assertEquals(List.of(false), CleanInitSequence.flags(false, false, false));
        assertEquals(List.of(true), CleanInitSequence.flags(false, true, true));
        assertEquals(List.of(true), CleanInitSequence.flags(false, false, true));
    }
}
