# org.eclipse.kura.gpio.KuraGPIOPin as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.gpio.KuraGPIOPin
method public abstract boolean getValue() throws java.io.IOException, org.eclipse.kura.gpio.KuraClosedDeviceException, org.eclipse.kura.gpio.KuraUnavailableDeviceException
method public abstract boolean isOpen()
method public abstract int getIndex()
method public abstract java.lang.String getName()
method public abstract org.eclipse.kura.gpio.KuraGPIODirection getDirection()
method public abstract org.eclipse.kura.gpio.KuraGPIOMode getMode()
method public abstract org.eclipse.kura.gpio.KuraGPIOTrigger getTrigger()
method public abstract void addPinStatusListener(org.eclipse.kura.gpio.PinStatusListener) throws java.io.IOException, org.eclipse.kura.gpio.KuraClosedDeviceException
method public abstract void close() throws java.io.IOException
method public abstract void open() throws java.io.IOException, org.eclipse.kura.gpio.KuraGPIODeviceException, org.eclipse.kura.gpio.KuraUnavailableDeviceException
method public abstract void removePinStatusListener(org.eclipse.kura.gpio.PinStatusListener) throws java.io.IOException, org.eclipse.kura.gpio.KuraClosedDeviceException
method public abstract void setValue(boolean) throws java.io.IOException, org.eclipse.kura.gpio.KuraClosedDeviceException, org.eclipse.kura.gpio.KuraUnavailableDeviceException
