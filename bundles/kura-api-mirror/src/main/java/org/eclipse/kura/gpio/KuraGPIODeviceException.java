/* Mirror of Kura's GPIO exception (org.eclipse.kura.gpio 1.1.0, Kura 5.5). */
package org.eclipse.kura.gpio;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;

@org.osgi.annotation.versioning.ProviderType
public class KuraGPIODeviceException extends KuraException {

    private static final long serialVersionUID = 1L;

    public KuraGPIODeviceException(Object argument) {
        super(KuraErrorCode.GPIO_EXCEPTION, null, argument);
    }

    public KuraGPIODeviceException(Throwable cause, Object argument) {
        super(KuraErrorCode.GPIO_EXCEPTION, cause, argument);
    }
}
