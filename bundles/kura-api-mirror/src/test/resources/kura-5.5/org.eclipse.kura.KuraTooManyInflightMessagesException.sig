# org.eclipse.kura.KuraTooManyInflightMessagesException as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public class org.eclipse.kura.KuraTooManyInflightMessagesException extends org.eclipse.kura.KuraException
constructor public KuraTooManyInflightMessagesException(java.lang.Object)
constructor public KuraTooManyInflightMessagesException(java.lang.Throwable, java.lang.Object)
