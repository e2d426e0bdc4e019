# org.eclipse.kura.KuraNotConnectedException as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public class org.eclipse.kura.KuraNotConnectedException extends org.eclipse.kura.KuraException
constructor public KuraNotConnectedException(java.lang.Object)
constructor public KuraNotConnectedException(java.lang.Throwable, java.lang.Object)
