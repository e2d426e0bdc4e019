# org.eclipse.kura.gpio.KuraGPIOTrigger as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public enum org.eclipse.kura.gpio.KuraGPIOTrigger
constant RAISING_EDGE
constant FALLING_EDGE
constant BOTH_EDGES
constant HIGH_LEVEL
constant LOW_LEVEL
constant BOTH_LEVELS
constant NONE
method public static org.eclipse.kura.gpio.KuraGPIOTrigger valueOf(java.lang.String)
method public static org.eclipse.kura.gpio.KuraGPIOTrigger[] values()
