# org.eclipse.kura.gpio.KuraClosedDeviceException as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public class org.eclipse.kura.gpio.KuraClosedDeviceException extends org.eclipse.kura.KuraException
constructor public KuraClosedDeviceException(java.lang.Object)
constructor public KuraClosedDeviceException(java.lang.Throwable, java.lang.Object)
