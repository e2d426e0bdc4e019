/*
 * DESIGN.md §4/§5: the relay as a DS component configured by ConfigAdmin (PID io.mqttas.relay,
 * policy REQUIRE). It uses an MqttClient service chosen by the "client.target" filter; it does
 * not own or connect that client. A configuration change restarts the gateway, carrying the node
 * tables and queues over in memory (and through persist_dir when set), so nothing is dropped.
 *
 * Activation never fails (issue 10 item 3): without an MqttClient matching client.target, or with
 * a configuration it rejects, the relay is registered idle and says why (log, gatewayId "idle (…)",
 * relay:status); a client appearing later restarts the component (static greedy reference). A
 * modem that is not there is not a reason to be idle: the transport keeps trying (issue 11 item 3).
 * A rejected update keeps the running gateway; an update that cannot start (e.g. its UDP port is
 * taken, issue 11 item 8) restarts the previous configuration with the state carried over, and if
 * even that fails the state is kept for the next configuration that starts.
 */
package io.mqttas.relay.component;

import io.mqttas.relay.NodeInfo;
import io.mqttas.relay.RadioState;
import io.mqttas.relay.Relay;
import io.mqttas.relay.RelayStats;
import io.mqttas.relay.internal.Gateway;
import io.mqttas.relay.internal.Radios;
import io.mqttas.relay.internal.RelayConfig;
import io.mqttas.relay.internal.StateStore;
import io.mqttas.session.MqttClient;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Component(name = RelayComponent.PID, configurationPid = RelayComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Relay.class, ConfigurableComponent.class})
@Designate(ocd = RelayConfiguration.class)
public final class RelayComponent implements Relay, ConfigurableComponent {
    public static final String PID = RelayConfig.PID;
    private static final Logger LOG = LoggerFactory.getLogger(RelayComponent.class);

    private final MqttClient client;
    private volatile Gateway gateway;
    private volatile String idleReason;
    /** The configuration of the running gateway. */
    private volatile RelayConfig running;
    /** State of a gateway that could not be replaced by a running one; handed to the next that starts. */
    private StateStore.Snapshot parked;

    @Activate
    public RelayComponent(@Reference(name = "client", cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) MqttClient client, Map<String, Object> properties) {
        this.client = client;
        if (client == null) {
            idle("no MqttClient service matches client.target " + properties.get("client.target"));
            return;
        }
        try {
            RelayConfig config = RelayConfig.fromMap(properties);
            this.gateway = start(config, null);
            this.running = config;
        } catch (IOException | RuntimeException e) {
            idle(reason(e));
        }
    }

    private void idle(String reason) {
        idleReason = reason;
        LOG.warn("relay: idle until configured: {}", reason);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        RelayConfig config;
        try {
            config = RelayConfig.fromMap(properties);
        } catch (RuntimeException e) {
            LOG.error("relay: new configuration rejected, the current one is kept: {}", e.getMessage());
            return;
        }
        if (client == null) {
            return; // still idle: the client's arrival restarts the component
        }
        Gateway old = gateway;
        StateStore.Snapshot carried = old != null ? old.closeAndSnapshot() : parked;
        gateway = null;
        try {
            gateway = start(config, carried);
            running = config;
            parked = null;
            idleReason = null;
            LOG.info("relay reconfigured; {} nodes carried over", carried == null ? 0 : carried.nodes().size());
        } catch (IOException | RuntimeException e) {
            String reason = reason(e);
            RelayConfig previous = running;
            if (previous != null) {
                LOG.error("relay: the new configuration cannot start ({}); the previous one is restarted", reason);
                try {
                    gateway = start(previous, carried);
                    parked = null;
                    return;
                } catch (IOException | RuntimeException again) {
                    reason = reason + "; the previous configuration failed too: " + reason(again);
                }
            }
            parked = carried;
            idle(reason + " (" + (carried == null ? 0 : carried.nodes().size()) + " nodes kept for the next"
                    + " configuration)");
        }
    }

    @Deactivate
    synchronized void deactivate() {
        Gateway g = gateway;
        if (g != null) {
            g.close();
        }
        gateway = null;
    }

    private Gateway start(RelayConfig config, StateStore.Snapshot carried) throws IOException {
        Gateway g = new Gateway(config, client, Radios.create(config), Clock.systemUTC());
        try {
            g.start(carried);
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    @Override
    public String gatewayId() {
        Gateway g = gateway;
        return g == null ? "idle (" + idleReason + ")" : g.gatewayId();
    }

    @Override
    public List<NodeInfo> nodes() {
        Gateway g = gateway;
        return g == null ? List.of() : g.nodes();
    }

    @Override
    public Optional<List<String>> queue(String nodeId) {
        Gateway g = gateway;
        return g == null ? Optional.empty() : g.queue(nodeId);
    }

    @Override
    public RelayStats stats() {
        Gateway g = gateway;
        if (g == null) {
            RelayConfig c = running;
            RadioState none = new RadioState(c == null ? "" : c.transport(), "", "idle", "", 0, 0, 0, 0, 0, 0, 0, 0,
                    String.valueOf(idleReason));
            return new RelayStats(0, 0, 0, 0, client != null && client.isConnected(), 0, 0, 0, 0, 0, 0, 0, 0, 0, none);
        }
        return g.stats();
    }
}
