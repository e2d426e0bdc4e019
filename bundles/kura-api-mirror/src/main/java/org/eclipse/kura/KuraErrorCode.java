/* Mirror of Eclipse Kura's error codes (package org.eclipse.kura 1.7.0): the few our tests use. */
package org.eclipse.kura;

/** Error codes of {@link KuraException} (a subset of Kura's enum; Kura's real enum has many more). */
public enum KuraErrorCode {
    INTERNAL_ERROR,
    UNAVAILABLE_DEVICE,
    NOT_FOUND,
    CLOSED_DEVICE,
    GPIO_EXCEPTION
}
