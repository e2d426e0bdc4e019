/** Mirror of Kura 5.5's {@code org.eclipse.kura.cloudconnection.factory} package (export version 1.0.0). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.eclipse.kura.cloudconnection.factory;
