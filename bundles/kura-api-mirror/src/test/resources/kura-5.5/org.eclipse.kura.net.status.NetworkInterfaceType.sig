# org.eclipse.kura.net.status.NetworkInterfaceType as declared by Eclipse Kura 5.5 (tag KURA_5.5.0_RELEASE, org.eclipse.kura.api)
type public enum org.eclipse.kura.net.status.NetworkInterfaceType
constant UNKNOWN
constant ETHERNET
constant WIFI
constant UNUSED1
constant UNUSED2
constant BT
constant OLPC_MESH
constant WIMAX
constant MODEM
constant INFINIBAND
constant BOND
constant VLAN
constant ADSL
constant BRIDGE
constant GENERIC
constant TEAM
constant TUN
constant TUNNEL
constant MACVLAN
constant VXLAN
constant VETH
constant MACSEC
constant DUMMY
constant PPP
constant OVS_INTERFACE
constant OVS_PORT
constant OVS_BRIDGE
constant WPAN
constant SIXLOWPAN
constant WIREGUARD
constant WIFI_P2P
constant VRF
constant LOOPBACK
method public static org.eclipse.kura.net.status.NetworkInterfaceType valueOf(java.lang.String)
method public static org.eclipse.kura.net.status.NetworkInterfaceType[] values()
