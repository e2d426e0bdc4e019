/* Mirror of Eclipse Kura's KuraConnectException (package org.eclipse.kura 1.7.0, Kura 5.5). */
package org.eclipse.kura;

/** Thrown when the connection to the remote server failed; the caller may retry. */
@org.osgi.annotation.versioning.ProviderType
public class KuraConnectException extends KuraException {
    private static final long serialVersionUID = 1L;

    public KuraConnectException(Object argument) {
        super(KuraErrorCode.CONNECTION_FAILED, null, argument);
    }

    public KuraConnectException(Throwable cause, Object argument) {
        super(KuraErrorCode.CONNECTION_FAILED, cause, argument);
    }
}
