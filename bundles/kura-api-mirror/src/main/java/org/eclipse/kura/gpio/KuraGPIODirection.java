/* Mirror of Kura's GPIO pin direction (org.eclipse.kura.gpio 1.1.0, Kura 5.5). */
package org.eclipse.kura.gpio;

public enum KuraGPIODirection {
    INPUT,
    OUTPUT
}
