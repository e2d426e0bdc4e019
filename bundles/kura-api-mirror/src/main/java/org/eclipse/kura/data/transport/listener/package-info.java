/** Mirror of Kura 5.5's {@code org.eclipse.kura.data.transport.listener} package (export version 1.0.1). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.1")
package org.eclipse.kura.data.transport.listener;
