/* Mirror of Kura's GPIO trigger (org.eclipse.kura.gpio 1.1.0, Kura 5.5): Kura's constants, misspelling included. */
package org.eclipse.kura.gpio;

/** When a pin's listeners are told of a change. Kura 5.5 spells the rising edge RAISING_EDGE (there is no RISING_EDGE). */
public enum KuraGPIOTrigger {
    RAISING_EDGE,
    FALLING_EDGE,
    BOTH_EDGES,
    HIGH_LEVEL,
    LOW_LEVEL,
    BOTH_LEVELS,
    NONE
}
