/* Mirror of Eclipse Kura's KuraNotConnectedException (package org.eclipse.kura 1.7.0, Kura 5.5). */
package org.eclipse.kura;

/** Thrown when an operation needed a connection that is not there. */
@org.osgi.annotation.versioning.ProviderType
public class KuraNotConnectedException extends KuraException {
    private static final long serialVersionUID = 1L;

    public KuraNotConnectedException(Object argument) {
        super(KuraErrorCode.NOT_CONNECTED, null, argument);
    }

    public KuraNotConnectedException(Throwable cause, Object argument) {
        super(KuraErrorCode.NOT_CONNECTED, cause, argument);
    }
}
