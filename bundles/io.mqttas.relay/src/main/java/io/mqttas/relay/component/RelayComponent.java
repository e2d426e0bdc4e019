/*
 * DESIGN.md §4/§5: the relay as a DS component configured by ConfigAdmin (PID io.mqttas.relay,
 * policy REQUIRE). It uses an MqttClient service chosen by the "client.target" filter; it does
 * not own or connect that client. A configuration change restarts the gateway, carrying the node
 * tables and queues over in memory (and through persist_dir when set), so nothing is dropped.
 *
 * Issue 10 item 3: activation never fails. Without an MqttClient matching client.target, with a
 * configuration it rejects, or with a radio transport that cannot be opened, the relay is registered
 * idle and says why (log, relay:nodes shows "gateway idle (…)"); a client appearing later restarts the
 * component (static greedy reference). A rejected update keeps the running gateway.
 */
package io.mqttas.relay.component;

import io.mqttas.relay.Relay;
import io.mqttas.relay.internal.Gateway;
import io.mqttas.relay.internal.ModemTransport;
import io.mqttas.relay.internal.RadioTransport;
import io.mqttas.relay.internal.RelayConfig;
import io.mqttas.relay.internal.SerialModemPort;
import io.mqttas.relay.internal.StateStore;
import io.mqttas.relay.internal.UdpTransport;
import io.mqttas.session.MqttClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
    private static final Duration MODEM_TIMEOUT = Duration.ofMillis(150);

    private final MqttClient client;
    private volatile Gateway gateway;
    private volatile String idleReason;
    private volatile RelayConfig running;   // the configuration of the running gateway

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
            idle(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void idle(String reason) {
        idleReason = reason;
        LOG.warn("relay: idle until configured: {}", reason);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        RelayConfig config;
        try {
            config = RelayConfig.fromMap(properties);
        } catch (RuntimeException e) {
            LOG.error("relay: new configuration rejected, the current one is kept: {}", e.getMessage());
            return;
        }
        if (client == null) {
            return;   // still idle: the client's arrival restarts the component
        }
        Gateway old = gateway;
        StateStore.Snapshot carried = old == null ? null : old.closeAndSnapshot();
        try {
            gateway = start(config, carried);
            running = config;
            idleReason = null;
            LOG.info("relay reconfigured; {} nodes carried over", carried == null ? 0 : carried.nodes().size());
        } catch (IOException | RuntimeException e) {
            gateway = null;
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            RelayConfig previous = running;
            if (previous != null) {
                LOG.error("relay: new configuration cannot start ({}); the previous one is restarted", reason);
                try {
                    gateway = start(previous, carried);
                    return;
                } catch (IOException | RuntimeException again) {
                    reason = reason + "; the previous configuration failed too: " + again.getMessage();
                }
            }
            idle(reason);
        }
    }

    @Deactivate
    void deactivate() {
        Gateway g = gateway;
        if (g != null) {
            g.close();
        }
    }

    private Gateway start(RelayConfig config, StateStore.Snapshot carried) throws IOException {
        RadioTransport radio = transport(config);
        Gateway g = new Gateway(config, client, radio, Clock.systemUTC());
        try {
            g.start(carried);
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    private static RadioTransport transport(RelayConfig c) throws IOException {
        if (c.transport().equals("udp")) {
            return new UdpTransport(c.udpHost(), c.udpPort(), c.udpMac(), c.udpChannel(), c.maxNodes());
        }
        try {
            ModemTransport m = SerialModemPort.open(c.serialPort(), c.serialBaud(), MODEM_TIMEOUT, c.serialChannel());
            return m;
        } catch (NoClassDefFoundError e) {
            throw new IOException("transport=serial needs the jSerialComm bundle (com.fazecast.jSerialComm) installed", e);
        }
    }

    @Override
    public String gatewayId() {
        Gateway g = gateway;
        return g == null ? "idle (" + idleReason + ")" : g.gatewayId();
    }

    @Override
    public List<io.mqttas.relay.NodeInfo> nodes() {
        Gateway g = gateway;
        return g == null ? List.of() : g.nodes();
    }

    @Override
    public Optional<List<String>> queue(String nodeId) {
        Gateway g = gateway;
        return g == null ? Optional.empty() : g.queue(nodeId);
    }

    @Override
    public io.mqttas.relay.RelayStats stats() {
        Gateway g = gateway;
        return g == null ? new io.mqttas.relay.RelayStats(0, 0, 0, 0, false, 0, 0, 0, 0, 0, 0) : g.stats();
    }
}
