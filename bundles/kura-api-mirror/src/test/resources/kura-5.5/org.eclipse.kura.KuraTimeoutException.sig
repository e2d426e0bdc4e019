# org.eclipse.kura.KuraTimeoutException as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public class org.eclipse.kura.KuraTimeoutException extends org.eclipse.kura.KuraException
constructor public KuraTimeoutException(java.lang.String)
constructor public KuraTimeoutException(java.lang.String, java.lang.Throwable)
