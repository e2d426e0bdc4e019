/** Mirror of Kura 5.5's {@code org.eclipse.kura.crypto} package (export version 1.3.0): decrypting stored secrets. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.eclipse.kura.crypto;
