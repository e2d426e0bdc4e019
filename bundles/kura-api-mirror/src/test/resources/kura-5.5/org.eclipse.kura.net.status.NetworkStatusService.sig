# org.eclipse.kura.net.status.NetworkStatusService as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public interface org.eclipse.kura.net.status.NetworkStatusService
method public abstract java.util.List<java.lang.String> getInterfaceIds() throws org.eclipse.kura.KuraException
method public abstract java.util.Optional<org.eclipse.kura.net.status.NetworkInterfaceStatus> getNetworkStatus(java.lang.String) throws org.eclipse.kura.KuraException
method public abstract java.util.Optional<org.eclipse.kura.net.status.NetworkInterfaceStatus> getNetworkStatus(java.lang.String, boolean) throws org.eclipse.kura.KuraException
