/* Mirror of Kura's GPIO service (org.eclipse.kura.gpio 1.1.0, Kura 5.5): signatures only. */
package org.eclipse.kura.gpio;

import java.util.Map;

/** Gives access to the system's GPIO pins by name or terminal index. */
@org.osgi.annotation.versioning.ProviderType
public interface GPIOService {

    KuraGPIOPin getPinByName(String pinName);

    KuraGPIOPin getPinByName(String pinName, KuraGPIODirection direction, KuraGPIOMode mode, KuraGPIOTrigger trigger);

    KuraGPIOPin getPinByTerminal(int terminal);

    KuraGPIOPin getPinByTerminal(int terminal, KuraGPIODirection direction, KuraGPIOMode mode, KuraGPIOTrigger trigger);

    Map<Integer, String> getAvailablePins();
}
