# org.eclipse.kura.configuration.ConfigurationService as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.configuration.ConfigurationService
field public static final java.lang.String KURA_SERVICE_PID = "kura.service.pid"
method public abstract java.util.List<org.eclipse.kura.configuration.ComponentConfiguration> getComponentConfigurations() throws org.eclipse.kura.KuraException
method public abstract java.util.List<org.eclipse.kura.configuration.ComponentConfiguration> getComponentConfigurations(org.osgi.framework.Filter) throws org.eclipse.kura.KuraException
method public abstract java.util.List<org.eclipse.kura.configuration.ComponentConfiguration> getSnapshot(long) throws org.eclipse.kura.KuraException
method public abstract java.util.Set<java.lang.Long> getSnapshots() throws org.eclipse.kura.KuraException
method public abstract java.util.Set<java.lang.String> getConfigurableComponentPids()
method public abstract java.util.Set<java.lang.String> getFactoryComponentPids()
method public abstract long rollback() throws org.eclipse.kura.KuraException
method public abstract long snapshot() throws org.eclipse.kura.KuraException
method public abstract org.eclipse.kura.configuration.ComponentConfiguration getComponentConfiguration(java.lang.String) throws org.eclipse.kura.KuraException
method public abstract org.eclipse.kura.configuration.ComponentConfiguration getDefaultComponentConfiguration(java.lang.String) throws org.eclipse.kura.KuraException
method public abstract void createFactoryConfiguration(java.lang.String, java.lang.String, java.util.Map<java.lang.String, java.lang.Object>, boolean) throws org.eclipse.kura.KuraException
method public abstract void deleteFactoryConfiguration(java.lang.String, boolean) throws org.eclipse.kura.KuraException
method public abstract void rollback(long) throws org.eclipse.kura.KuraException
method public abstract void updateConfiguration(java.lang.String, java.util.Map<java.lang.String, java.lang.Object>) throws org.eclipse.kura.KuraException
method public abstract void updateConfiguration(java.lang.String, java.util.Map<java.lang.String, java.lang.Object>, boolean) throws org.eclipse.kura.KuraException
method public abstract void updateConfigurations(java.util.List<org.eclipse.kura.configuration.ComponentConfiguration>) throws org.eclipse.kura.KuraException
method public abstract void updateConfigurations(java.util.List<org.eclipse.kura.configuration.ComponentConfiguration>, boolean) throws org.eclipse.kura.KuraException
