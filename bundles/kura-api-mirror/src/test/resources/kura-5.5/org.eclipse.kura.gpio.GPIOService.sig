# org.eclipse.kura.gpio.GPIOService as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.gpio.GPIOService
method public abstract java.util.Map<java.lang.Integer, java.lang.String> getAvailablePins()
method public abstract org.eclipse.kura.gpio.KuraGPIOPin getPinByName(java.lang.String)
method public abstract org.eclipse.kura.gpio.KuraGPIOPin getPinByName(java.lang.String, org.eclipse.kura.gpio.KuraGPIODirection, org.eclipse.kura.gpio.KuraGPIOMode, org.eclipse.kura.gpio.KuraGPIOTrigger)
method public abstract org.eclipse.kura.gpio.KuraGPIOPin getPinByTerminal(int)
method public abstract org.eclipse.kura.gpio.KuraGPIOPin getPinByTerminal(int, org.eclipse.kura.gpio.KuraGPIODirection, org.eclipse.kura.gpio.KuraGPIOMode, org.eclipse.kura.gpio.KuraGPIOTrigger)
