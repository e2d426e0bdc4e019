/* Mirror of Kura's GPIO exception (org.eclipse.kura.gpio 1.1.0, Kura 5.5). */
package org.eclipse.kura.gpio;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;

@org.osgi.annotation.versioning.ProviderType
public class KuraUnavailableDeviceException extends KuraException {

    private static final long serialVersionUID = 1L;

    public KuraUnavailableDeviceException(Object argument) {
        super(KuraErrorCode.UNAVAILABLE_DEVICE, null, argument);
    }

    public KuraUnavailableDeviceException(Throwable cause, Object argument) {
        super(KuraErrorCode.UNAVAILABLE_DEVICE, cause, argument);
    }
}
