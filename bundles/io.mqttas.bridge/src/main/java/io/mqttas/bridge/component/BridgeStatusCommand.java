/* Issue 5 item 6: the Gogo command bridge:status (a plain service; no Gogo compile dependency). */
package io.mqttas.bridge.component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.mqttas.bridge.Bridge;
import io.mqttas.bridge.BridgeStatus;

/** {@code bridge:status} lists every bridge; {@code bridge:status NAME} shows one. */
@Component(service = BridgeStatusCommand.class,
        property = {"osgi.command.scope=bridge", "osgi.command.function=status"})
public final class BridgeStatusCommand {
    private final List<Bridge> bridges = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBridge(Bridge bridge) {
        bridges.add(bridge);
    }

    void removeBridge(Bridge bridge) {
        bridges.remove(bridge);
    }

    public String status() {
        if (bridges.isEmpty()) {
            return "no bridge configured (factory PID io.mqttas.bridge)";
        }
        StringBuilder b = new StringBuilder();
        for (Bridge bridge : bridges) {
            b.append(format(bridge.status())).append('\n');
        }
        return b.toString();
    }

    public String status(String name) {
        for (Bridge bridge : bridges) {
            if (bridge.name().equals(name)) {
                return format(bridge.status());
            }
        }
        return "no bridge named " + name;
    }

    static String format(BridgeStatus s) {
        return String.format("%s: %s link=%s session=%s broker=%s restarts=%d sessions=%d%n"
                + "  chars in/out %d/%d, records in/out %d/%d, dropped %d, rejected %d%s", s.name(), s.transport(),
                s.linkState(), s.sessionState(), s.brokerUp() ? "up" : "down", s.linkRestarts(), s.sessions(),
                s.charsIn(), s.charsOut(), s.recordsIn(), s.recordsOut(), s.recordsDropped(), s.rejected(),
                s.lastError().isEmpty() ? "" : "\n  last error: " + s.lastError());
    }
}
