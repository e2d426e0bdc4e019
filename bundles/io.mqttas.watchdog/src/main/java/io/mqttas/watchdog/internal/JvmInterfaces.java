/* spec/mqtt_as.md §18.1: the default source, java.net.NetworkInterface. */
package io.mqttas.watchdog.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Interfaces as the JVM sees them. "Up" means the OS reports the interface up and it has at least
 * one address that is neither loopback nor link-local (a link-local IPv6 address exists even on a
 * link without a network). WLAN interfaces are recognised by the Linux naming convention ({@code wl*}).
 */
public final class JvmInterfaces implements InterfaceSource {

    @Override
    public List<InterfaceState> interfaces() throws SocketException {
        List<InterfaceState> result = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isLoopback()) {
                continue;
            }
            result.add(new InterfaceState(nif.getName(), nif.isUp() && hasRoutableAddress(nif), isWireless(nif.getName())));
        }
        return result;
    }

    static boolean isWireless(String name) {
        return name.startsWith("wl");
    }

    private static boolean hasRoutableAddress(NetworkInterface nif) {
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "jvm";
    }
}
