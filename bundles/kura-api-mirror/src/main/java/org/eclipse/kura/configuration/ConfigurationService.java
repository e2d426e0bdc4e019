/*
 * Mirror of Eclipse Kura 5.5's ConfigurationService (org.eclipse.kura.configuration 1.2.0), reduced to the
 * members our bundles call: the constant naming a component's Kura PID and the factory-configuration
 * operations a CloudConnectionFactory uses (see subset.txt of the mirror's signature test).
 */
package org.eclipse.kura.configuration;

import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraException;

/** Kura's configuration manager: snapshots, factory configurations, metatype defaults. */
@org.osgi.annotation.versioning.ProviderType
public interface ConfigurationService {

    /** The property holding a component's Kura persistent identifier. */
    public static final String KURA_SERVICE_PID = "kura.service.pid";

    /** The factory PIDs whose metatype Kura knows. */
    public Set<String> getFactoryComponentPids();

    /**
     * Creates a configuration of {@code factoryPid} whose {@code kura.service.pid} is {@code pid}, merged
     * with the metatype defaults, and optionally takes a snapshot.
     */
    public void createFactoryConfiguration(String factoryPid, String pid, Map<String, Object> properties,
            boolean takeSnapshot) throws KuraException;

    /** Deletes the factory configuration whose {@code kura.service.pid} is {@code pid}. */
    public void deleteFactoryConfiguration(String pid, boolean takeSnapshot) throws KuraException;

    /** The Kura PIDs of the registered configurable components. */
    public Set<String> getConfigurableComponentPids();
}
