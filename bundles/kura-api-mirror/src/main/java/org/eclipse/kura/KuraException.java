/*
 * Mirror of Eclipse Kura's base checked exception (package org.eclipse.kura, version 1.7.0 in
 * Kura 5.5): the constructor and accessor signatures our bundles meet, no Kura behaviour.
 */
package org.eclipse.kura;

/** Kura's checked exception: an error code plus arguments. */
public class KuraException extends Exception {

    private static final long serialVersionUID = 1L;

    private final KuraErrorCode code;

    public KuraException(KuraErrorCode code) {
        this(code, null, (Object[]) null);
    }

    public KuraException(KuraErrorCode code, Throwable cause, Object... arguments) {
        super(code + (arguments == null ? "" : " " + java.util.Arrays.toString(arguments)), cause);
        this.code = code;
    }

    public KuraErrorCode getCode() {
        return code;
    }
}
