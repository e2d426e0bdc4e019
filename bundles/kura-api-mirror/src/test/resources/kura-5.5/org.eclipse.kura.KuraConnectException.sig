# org.eclipse.kura.KuraConnectException as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public class org.eclipse.kura.KuraConnectException extends org.eclipse.kura.KuraException
constructor public KuraConnectException(java.lang.Object)
constructor public KuraConnectException(java.lang.Throwable, java.lang.Object)
