/** Mirror of Kura 5.5's {@code org.eclipse.kura.status} package (export version 1.0.2): the cloud connection status LED. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.2")
package org.eclipse.kura.status;
