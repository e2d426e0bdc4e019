/* Mirror of Kura's GPIO trigger (org.eclipse.kura.gpio 1.1.0, Kura 5.5). */
package org.eclipse.kura.gpio;

public enum KuraGPIOTrigger {
    /** @deprecated Kura's misspelling, kept for compatibility; use {@link #RISING_EDGE}. */
    @Deprecated
    RAISING_EDGE,
    RISING_EDGE,
    FALLING_EDGE,
    BOTH_EDGES,
    HIGH_LEVEL,
    LOW_LEVEL,
    BOTH_LEVELS,
    NONE
}
