/* Mirror of Eclipse Kura's KuraTimeoutException (package org.eclipse.kura 1.7.0, Kura 5.5). */
package org.eclipse.kura;

/** Thrown when an operation did not complete within its time limit. */
@org.osgi.annotation.versioning.ProviderType
public class KuraTimeoutException extends KuraException {
    private static final long serialVersionUID = 1L;

    public KuraTimeoutException(String message) {
        super(KuraErrorCode.TIMED_OUT, null, message);
    }

    public KuraTimeoutException(String message, Throwable cause) {
        super(KuraErrorCode.TIMED_OUT, cause, message);
    }
}
