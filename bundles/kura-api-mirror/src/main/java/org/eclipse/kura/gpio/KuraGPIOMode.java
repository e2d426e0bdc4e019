/* Mirror of Kura's GPIO pin mode (org.eclipse.kura.gpio 1.1.0, Kura 5.5). */
package org.eclipse.kura.gpio;

public enum KuraGPIOMode {
    OUTPUT_OPEN_DRAIN,
    OUTPUT_PUSH_PULL,
    INPUT_PULL_UP,
    INPUT_PULL_DOWN
}
