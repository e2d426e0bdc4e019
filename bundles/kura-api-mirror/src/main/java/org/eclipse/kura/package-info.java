/** Mirror of Kura 5.5's {@code org.eclipse.kura} package (export version 1.7.0): only the types our bundles use. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.7.0")
package org.eclipse.kura;
