/**
 * Mirror of Kura 5.5's {@code org.eclipse.kura.gpio} package (export version 1.1.0): the GPIO
 * service and pin types the bridge's {@code KuraGpioPins} uses. Kura's HEAD moved to 1.2.0 in 2026
 * (pin descriptions); the bridge imports {@code [1.0,2)} because it uses only 1.0 members.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.eclipse.kura.gpio;
