/* Mirror of Kura's pin change callback (org.eclipse.kura.gpio 1.1.0, Kura 5.5). */
package org.eclipse.kura.gpio;

/** Told the new value of a pin when its trigger fires. */
@org.osgi.annotation.versioning.ConsumerType
public interface PinStatusListener {

    void pinStatusChange(boolean value);
}
