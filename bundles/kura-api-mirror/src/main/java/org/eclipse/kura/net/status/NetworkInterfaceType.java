/* Mirror of Eclipse Kura 5.5's interface types (org.eclipse.kura.net.status 1.1.0; NetworkManager's device types). */
package org.eclipse.kura.net.status;

/** The kind of a network interface (same constants, same order as Kura's enum). */
public enum NetworkInterfaceType {
    UNKNOWN, ETHERNET, WIFI, UNUSED1, UNUSED2, BT, OLPC_MESH, WIMAX, MODEM, INFINIBAND, BOND, VLAN, ADSL,
    BRIDGE, GENERIC, TEAM, TUN, TUNNEL, MACVLAN, VXLAN, VETH, MACSEC, DUMMY, PPP, OVS_INTERFACE, OVS_PORT,
    OVS_BRIDGE, WPAN, SIXLOWPAN, WIREGUARD, WIFI_P2P, VRF, LOOPBACK
}
