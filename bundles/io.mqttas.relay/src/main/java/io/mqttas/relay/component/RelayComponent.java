/*
 * DESIGN.md §4/§5: the relay as a DS component configured by ConfigAdmin (PID io.mqttas.relay,
 * policy REQUIRE). It uses an MqttClient service chosen by the "client.target" filter; it does
 * not own or connect that client. A configuration change restarts the gateway, carrying the node
 * tables and queues over in memory (and through persist_dir when set), so nothing is dropped. If
 * the new configuration cannot start (issue 11 item 8: e.g. its UDP port is taken), the previous
 * configuration is started again with the carried state; if even that fails, the state is kept
 * for the next configuration that starts.
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
    private volatile RelayConfig running;
    /** State of a gateway that could not be replaced by a running one; handed to the next that starts. */
    private StateStore.Snapshot parked;

    @Activate
    public RelayComponent(@Reference(name = "client") MqttClient client, Map<String, Object> properties)
            throws IOException {
        this.client = client;
        RelayConfig config = RelayConfig.fromMap(properties);
        this.gateway = start(config, null);
        this.running = config;
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) throws IOException {
        RelayConfig config = RelayConfig.fromMap(properties); // a bad value fails here; the old gateway runs on
        Gateway old = gateway;
        StateStore.Snapshot carried = old != null ? old.closeAndSnapshot() : parked;
        gateway = null;
        try {
            gateway = start(config, carried);
            running = config;
            parked = null;
            LOG.info("relay reconfigured; {} nodes carried over", carried == null ? 0 : carried.nodes().size());
        } catch (IOException | RuntimeException e) {
            LOG.error("relay: the new configuration did not start ({}); starting the previous one again", e.toString());
            try {
                gateway = start(running, carried);
                parked = null;
            } catch (IOException | RuntimeException again) {
                parked = carried;
                LOG.error("relay: the previous configuration did not start either ({}); {} nodes kept for the next"
                        + " configuration", again.toString(), carried == null ? 0 : carried.nodes().size());
            }
            throw e;
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
        return g == null ? "" : g.gatewayId();
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
            RadioState none = new RadioState(running == null ? "" : running.transport(), "", "not running", "", 0, 0,
                    0, 0, 0, 0, 0, 0, "the relay's configuration did not start");
            return new RelayStats(0, 0, 0, 0, client.isConnected(), 0, 0, 0, 0, 0, 0, 0, 0, 0, none);
        }
        return g.stats();
    }
}
