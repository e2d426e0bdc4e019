/*
 * Mirror of Eclipse Kura's marker interface (package version 1.2.0 in Kura 5.5). A component
 * registered under this interface is shown and configured in the Kura web UI from its metatype.
 */
package org.eclipse.kura.configuration;

/** Marker for components whose configuration Kura's ConfigurationService manages. */
@org.osgi.annotation.versioning.ConsumerType
public interface ConfigurableComponent {
}
