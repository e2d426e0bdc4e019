/* Mirror of Kura's GPIO pin (org.eclipse.kura.gpio 1.1.0, Kura 5.5): signatures only. */
package org.eclipse.kura.gpio;

import java.io.IOException;

/** A GPIO pin acquired from {@link GPIOService}; open it before use, close it after. */
@org.osgi.annotation.versioning.ProviderType
public interface KuraGPIOPin {

    void setValue(boolean active) throws KuraUnavailableDeviceException, KuraClosedDeviceException, IOException;

    boolean getValue() throws KuraUnavailableDeviceException, KuraClosedDeviceException, IOException;

    void addPinStatusListener(PinStatusListener listener) throws KuraClosedDeviceException, IOException;

    void removePinStatusListener(PinStatusListener listener) throws KuraClosedDeviceException, IOException;

    void open() throws KuraGPIODeviceException, KuraUnavailableDeviceException, IOException;

    void close() throws IOException;

    KuraGPIODirection getDirection();

    KuraGPIOMode getMode();

    KuraGPIOTrigger getTrigger();

    String getName();

    int getIndex();

    boolean isOpen();
}
