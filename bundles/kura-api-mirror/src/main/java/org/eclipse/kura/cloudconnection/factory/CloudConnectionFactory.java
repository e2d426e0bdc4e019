/* Mirror of Eclipse Kura 5.5's CloudConnectionFactory (org.eclipse.kura.cloudconnection.factory 1.0.0). */
package org.eclipse.kura.cloudconnection.factory;

import java.util.List;
import java.util.Set;

import org.eclipse.kura.KuraException;

/**
 * Creates and deletes the component configurations of a cloud connection stack (endpoint, data service,
 * transport); Kura's web UI lists factories under Cloud Connections → New.
 */
@org.osgi.annotation.versioning.ProviderType
public interface CloudConnectionFactory {

    /** Set in the endpoint configuration, naming the factory that created the stack. */
    public static final String KURA_CLOUD_CONNECTION_FACTORY_PID = "kura.cloud.connection.factory.pid";

    public String getFactoryPid();

    public void createConfiguration(String pid) throws KuraException;

    public List<String> getStackComponentsPids(String pid) throws KuraException;

    public void deleteConfiguration(String pid) throws KuraException;

    public Set<String> getManagedCloudConnectionPids() throws KuraException;
}
