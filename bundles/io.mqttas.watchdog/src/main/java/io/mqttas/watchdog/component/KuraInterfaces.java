/*
 * spec/mqtt_as.md §18.1: on Kura, interface states come from Kura's NetworkStatusService (NetworkManager's
 * view, which knows WiFi from Ethernet). A separate component so that the class, which needs Kura's
 * optional packages, is only loaded when Kura's service exists.
 */
package io.mqttas.watchdog.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.net.status.NetworkInterfaceState;
import org.eclipse.kura.net.status.NetworkInterfaceStatus;
import org.eclipse.kura.net.status.NetworkInterfaceType;
import org.eclipse.kura.net.status.NetworkStatusService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.mqttas.watchdog.internal.InterfaceSource;
import io.mqttas.watchdog.internal.InterfaceState;

/** Kura's interfaces as {@link InterfaceState}s: up = ACTIVATED; loopback left out; WIFI = wireless. */
@Component(name = "io.mqttas.watchdog.kura", service = InterfaceSource.class)
public final class KuraInterfaces implements InterfaceSource {
    private final NetworkStatusService status;

    @Activate
    public KuraInterfaces(@Reference NetworkStatusService status) {
        this.status = status;
    }

    @Override
    public List<InterfaceState> interfaces() throws KuraException {
        List<InterfaceState> result = new ArrayList<>();
        for (String id : status.getInterfaceIds()) {
            Optional<NetworkInterfaceStatus> s = status.getNetworkStatus(id);
            if (s.isEmpty() || s.get().getType() == NetworkInterfaceType.LOOPBACK) {
                continue;
            }
            NetworkInterfaceStatus st = s.get();
            String name = st.getInterfaceName() == null || "N/A".equals(st.getInterfaceName()) ? id : st.getInterfaceName();
            result.add(new InterfaceState(name, st.getState() == NetworkInterfaceState.ACTIVATED,
                    st.getType() == NetworkInterfaceType.WIFI));
        }
        return result;
    }

    @Override
    public String name() {
        return "kura";
    }
}
