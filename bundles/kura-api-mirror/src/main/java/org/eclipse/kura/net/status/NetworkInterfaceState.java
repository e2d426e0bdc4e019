/* Mirror of Eclipse Kura 5.5's interface states (org.eclipse.kura.net.status 1.1.0; NetworkManager's device states). */
package org.eclipse.kura.net.status;

/** The state of a network interface; {@link #ACTIVATED} is the only state in which it carries traffic. */
public enum NetworkInterfaceState {
    UNKNOWN,
    UNMANAGED,
    UNAVAILABLE,
    DISCONNECTED,
    PREPARE,
    CONFIG,
    NEED_AUTH,
    IP_CONFIG,
    IP_CHECK,
    SECONDARIES,
    ACTIVATED,
    DEACTIVATING,
    FAILED
}
