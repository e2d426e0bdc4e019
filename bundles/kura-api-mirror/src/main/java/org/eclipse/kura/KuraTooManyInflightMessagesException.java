/* Mirror of Eclipse Kura's KuraTooManyInflightMessagesException (package org.eclipse.kura 1.7.0, Kura 5.5). */
package org.eclipse.kura;

/** Thrown when the transport cannot take more unacknowledged messages now. */
@org.osgi.annotation.versioning.ProviderType
public class KuraTooManyInflightMessagesException extends KuraException {
    private static final long serialVersionUID = 1L;

    public KuraTooManyInflightMessagesException(Object argument) {
        super(KuraErrorCode.TOO_MANY_INFLIGHT_MESSAGES, null, argument);
    }

    public KuraTooManyInflightMessagesException(Throwable cause, Object argument) {
        super(KuraErrorCode.TOO_MANY_INFLIGHT_MESSAGES, cause, argument);
    }
}
