/*
 * Mirror of Eclipse Kura's error codes (package org.eclipse.kura, version 1.7.0 in Kura 5.5).
 * Only the codes that the mirrored GPIO exceptions use are declared here.
 */
package org.eclipse.kura;

/** Error codes carried by {@link KuraException}. Subset of Kura's enum. */
public enum KuraErrorCode {
    CLOSED_DEVICE,
    GPIO_EXCEPTION,
    UNAVAILABLE_DEVICE
}
