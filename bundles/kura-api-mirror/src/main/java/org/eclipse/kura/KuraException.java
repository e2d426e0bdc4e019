/*
 * Mirror of Eclipse Kura's checked exception (package org.eclipse.kura 1.7.0 in Kura 5.5). Our
 * bundles only catch it (NetworkStatusService declares it); the error code mirrors Kura's shape.
 */
package org.eclipse.kura;

/** The checked exception of Kura's API, carrying a {@link KuraErrorCode}. */
public class KuraException extends Exception {
    private static final long serialVersionUID = 1L;

    private final KuraErrorCode code;

    public KuraException(KuraErrorCode code) {
        super(String.valueOf(code));
        this.code = code;
    }

    public KuraException(KuraErrorCode code, Throwable cause, Object... arguments) {
        super(String.valueOf(code), cause);
        this.code = code;
    }

    public KuraErrorCode getCode() {
        return code;
    }
}
