/*
 * Mirror of Eclipse Kura 5.5's network status service (org.eclipse.kura.net.status 1.1.0): every member.
 * Kura's network manager provides it; the watchdog bundle consumes it when present.
 */
package org.eclipse.kura.net.status;

import java.util.List;
import java.util.Optional;

import org.eclipse.kura.KuraException;

/** The status of the gateway's network interfaces, by interface id. */
@org.osgi.annotation.versioning.ProviderType
public interface NetworkStatusService {

    /** The status of one interface, empty if it does not exist. */
    public Optional<NetworkInterfaceStatus> getNetworkStatus(String interfaceId) throws KuraException;

    /** As {@link #getNetworkStatus(String)}; {@code recompute} asks Kura to refresh values it caches (e.g. modem signal). */
    public Optional<NetworkInterfaceStatus> getNetworkStatus(String interfaceId, boolean recompute) throws KuraException;

    /** The ids of the interfaces the system has. */
    public List<String> getInterfaceIds() throws KuraException;
}
