# org.eclipse.kura.gpio.KuraGPIOMode as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public enum org.eclipse.kura.gpio.KuraGPIOMode
constant OUTPUT_OPEN_DRAIN
constant OUTPUT_PUSH_PULL
constant INPUT_PULL_UP
constant INPUT_PULL_DOWN
method public static org.eclipse.kura.gpio.KuraGPIOMode valueOf(java.lang.String)
method public static org.eclipse.kura.gpio.KuraGPIOMode[] values()
