/** Mirror of Kura 5.5's {@code org.eclipse.kura.net.status} package (export version 1.1.0): interface status. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.eclipse.kura.net.status;
