# org.eclipse.kura.cloudconnection.factory.CloudConnectionFactory as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.cloudconnection.factory.CloudConnectionFactory
field public static final java.lang.String KURA_CLOUD_CONNECTION_FACTORY_PID = "kura.cloud.connection.factory.pid"
method public abstract java.lang.String getFactoryPid()
method public abstract java.util.List<java.lang.String> getStackComponentsPids(java.lang.String) throws org.eclipse.kura.KuraException
method public abstract java.util.Set<java.lang.String> getManagedCloudConnectionPids() throws org.eclipse.kura.KuraException
method public abstract void createConfiguration(java.lang.String) throws org.eclipse.kura.KuraException
method public abstract void deleteConfiguration(java.lang.String) throws org.eclipse.kura.KuraException
