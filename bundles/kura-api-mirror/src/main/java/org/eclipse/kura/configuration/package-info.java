/** Mirror of Kura 5.5's {@code org.eclipse.kura.configuration} package (export version 1.2.0). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.eclipse.kura.configuration;
