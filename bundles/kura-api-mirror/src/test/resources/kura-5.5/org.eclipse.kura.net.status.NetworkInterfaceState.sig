# org.eclipse.kura.net.status.NetworkInterfaceState as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public enum org.eclipse.kura.net.status.NetworkInterfaceState
constant UNKNOWN
constant UNMANAGED
constant UNAVAILABLE
constant DISCONNECTED
constant PREPARE
constant CONFIG
constant NEED_AUTH
constant IP_CONFIG
constant IP_CHECK
constant SECONDARIES
constant ACTIVATED
constant DEACTIVATING
constant FAILED
method public static org.eclipse.kura.net.status.NetworkInterfaceState valueOf(java.lang.String)
method public static org.eclipse.kura.net.status.NetworkInterfaceState[] values()
