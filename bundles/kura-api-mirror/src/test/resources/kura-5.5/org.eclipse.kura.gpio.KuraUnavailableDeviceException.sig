# org.eclipse.kura.gpio.KuraUnavailableDeviceException as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public class org.eclipse.kura.gpio.KuraUnavailableDeviceException extends org.eclipse.kura.KuraException
constructor public KuraUnavailableDeviceException(java.lang.Object)
constructor public KuraUnavailableDeviceException(java.lang.Throwable, java.lang.Object)
