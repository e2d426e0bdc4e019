/*
 * Mirror of Eclipse Kura's checked exception (package org.eclipse.kura 1.7.0 in Kura 5.5): Kura's public
 * signatures. Kura formats the message from a resource bundle; the mirror joins the code and arguments,
 * which is all a test or a log line outside Kura needs.
 */
package org.eclipse.kura;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The checked exception of Kura's API, carrying a {@link KuraErrorCode} and message arguments. */
@org.osgi.annotation.versioning.ProviderType
public class KuraException extends Exception {
    private static final long serialVersionUID = 1L;

    private final KuraErrorCode code;
    private final Object[] arguments;

    public KuraException(final KuraErrorCode code) {
        this(code, null, (Object[]) null);
    }

    public KuraException(final KuraErrorCode code, final Object... arguments) {
        this(code, null, arguments);
    }

    public KuraException(final KuraErrorCode code, final Throwable cause, final Object... arguments) {
        super(cause);
        this.code = code;
        this.arguments = arguments;
    }

    public static KuraException internalError(final String message) {
        return new KuraException(KuraErrorCode.INTERNAL_ERROR, null, message);
    }

    public static KuraException internalError(final Throwable cause) {
        return new KuraException(KuraErrorCode.INTERNAL_ERROR, cause, "");
    }

    public static KuraException internalError(final Throwable cause, final String message) {
        return new KuraException(KuraErrorCode.INTERNAL_ERROR, cause, message);
    }

    public KuraErrorCode getCode() {
        return code;
    }

    @Override
    public String getLocalizedMessage() {
        return getMessage();
    }

    @Override
    public String getMessage() {
        String args = arguments == null ? "" : Arrays.stream(arguments).map(String::valueOf).collect(Collectors.joining(" - "));
        return (code == null ? "Unknown" : code.name()) + (args.isEmpty() ? "" : ": " + args);
    }
}
