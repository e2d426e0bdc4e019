# org.eclipse.kura.gpio.KuraGPIODirection as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public enum org.eclipse.kura.gpio.KuraGPIODirection
constant INPUT
constant OUTPUT
method public static org.eclipse.kura.gpio.KuraGPIODirection valueOf(java.lang.String)
method public static org.eclipse.kura.gpio.KuraGPIODirection[] values()
