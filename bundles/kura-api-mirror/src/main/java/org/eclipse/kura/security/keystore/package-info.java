/** Mirror of Kura 5.5's {@code org.eclipse.kura.security.keystore} package (export version 1.1.0). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.eclipse.kura.security.keystore;
