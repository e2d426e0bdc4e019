/*
 * DESIGN.md §4/§5: the relay as a DS component configured by ConfigAdmin (PID io.mqttas.relay,
 * policy REQUIRE). It uses an MqttClient service chosen by the "client.target" filter; it does
 * not own or connect that client. A configuration change restarts the gateway, carrying the node
 * tables and queues over in memory (and through persist_dir when set), so nothing is dropped.
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

    @Activate
    public RelayComponent(@Reference(name = "client") MqttClient client, Map<String, Object> properties)
            throws IOException {
        this.client = client;
        this.gateway = start(RelayConfig.fromMap(properties), null);
    }

    @Modified
    void modified(Map<String, Object> properties) throws IOException {
        RelayConfig config = RelayConfig.fromMap(properties);
        Gateway old = gateway;
        StateStore.Snapshot carried = old.closeAndSnapshot();
        gateway = start(config, carried);
        LOG.info("relay reconfigured; {} nodes carried over", carried.nodes().size());
    }

    @Deactivate
    void deactivate() {
        gateway.close();
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
        return gateway.gatewayId();
    }

    @Override
    public List<io.mqttas.relay.NodeInfo> nodes() {
        return gateway.nodes();
    }

    @Override
    public Optional<List<String>> queue(String nodeId) {
        return gateway.queue(nodeId);
    }

    @Override
    public io.mqttas.relay.RelayStats stats() {
        return gateway.stats();
    }
}
