# org.eclipse.kura.gpio.KuraGPIODeviceException as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public class org.eclipse.kura.gpio.KuraGPIODeviceException extends org.eclipse.kura.KuraException
constructor public KuraGPIODeviceException(java.lang.Object)
constructor public KuraGPIODeviceException(java.lang.Throwable, java.lang.Object)
