/** Mirror of Kura 5.5's {@code org.eclipse.kura.data} package (export version 1.1.2): the transport SPI under Kura's DataService. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.2")
package org.eclipse.kura.data;
