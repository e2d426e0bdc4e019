/* DESIGN.md §2.4 (OSGi at the edge) and issue 5 item 6: one bridge per configuration of io.mqttas.bridge. */
package io.mqttas.bridge.component;

import java.io.IOException;
import java.util.Map;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
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

import io.mqttas.bridge.Bridge;
import io.mqttas.bridge.BridgeStatus;
import io.mqttas.bridge.Pins;
import io.mqttas.bridge.internal.BridgeProtocol;
import io.mqttas.bridge.internal.BridgeRuntime;
import io.mqttas.bridge.internal.ClientProvider;
import io.mqttas.bridge.internal.Link;
import io.mqttas.session.MqttClient;

/**
 * Factory PID {@code io.mqttas.bridge}: each configuration runs one bridge and registers it as a
 * {@link Bridge} service (and as Kura's {@code ConfigurableComponent}). A configuration change
 * restarts the bridge: the host sees a stalled link and resets, as after an ESP8266 reboot.
 * Issue 10 item 3: activation never fails (Kura's web UI waits for the component it created): a bridge
 * that cannot start (no GPIOService, a pin or serial port that cannot be opened) is registered IDLE
 * with the reason in bridge:status and the log, and starts with the next configuration that works.
 */
@Component(name = BridgeComponent.PID, configurationPid = BridgeComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Bridge.class, ConfigurableComponent.class})
@Designate(ocd = BridgeConfig.class, factory = true)
public final class BridgeComponent implements Bridge, ConfigurableComponent {
    public static final String PID = "io.mqttas.bridge";
    private static final Logger LOG = LoggerFactory.getLogger(BridgeComponent.class);
    private static final String GPIO_SERVICE = "org.eclipse.kura.gpio.GPIOService";

    @Reference(name = "client", cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY)
    private MqttClient sharedClient; // static: a new shared client restarts the bridge

    private BundleContext context;
    private ServiceReference<?> gpioReference;
    private volatile BridgeRuntime runtime;
    private volatile String name = "bridge";
    private volatile String idleReason = "";
    private volatile BridgeConfig running;   // the configuration of the running bridge

    @Activate
    void activate(BridgeConfig config, BundleContext context) {
        this.context = context;
        startOrIdle(config);
    }

    @Modified
    void modified(BridgeConfig config) {
        LOG.info("bridge {}: configuration changed; restarting", name);
        BridgeConfig previous = running;
        stop();
        if (!startOrIdle(config) && previous != null) {
            LOG.error("bridge {}: the new configuration cannot start ({}); the previous one is restarted", name, idleReason);
            startOrIdle(previous);
        }
    }

    /** Starts, or stays idle with the reason (logged, in bridge:status); true if started. */
    private boolean startOrIdle(BridgeConfig config) {
        try {
            start(config);
            idleReason = "";
            running = config;
            return true;
        } catch (IOException | RuntimeException e) {
            releaseGpio();
            idleReason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("bridge {}: idle until configured: {}", name, idleReason);
            return false;
        }
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BridgeStatus status() {
        BridgeRuntime r = runtime;
        return r == null ? new BridgeStatus(name, "-", idleReason.isEmpty() ? "STOPPED" : "IDLE", "-", false, 0, 0, 0, 0, 0, 0,
                0, 0, idleReason) : r.status();
    }

    private void start(BridgeConfig c) throws IOException {
        name = sanitize(c.name());
        Link link = BridgeSetup.link(c, name, () -> gpioPins(c));
        ClientProvider clients = clients(c);
        String clientId = c.client__id() == null || c.client__id().isBlank() ? "mqttas-bridge-" + name : c.client__id();
        BridgeProtocol.Options options;
        try {
            options = BridgeSetup.options(c, name, clientId);
        } catch (RuntimeException e) {
            link.close();
            releaseGpio();
            throw e;
        }
        BridgeRuntime r = new BridgeRuntime(name, link, clients, options);
        try {
            runtime = r.start();
        } catch (RuntimeException e) {
            r.close();   // a half-started bridge must not keep threads or pins
            throw e;
        }
        LOG.info("bridge {}: started on {} with {} MQTT client", name, link.describe(),
                clients.shared() ? "a shared" : "its own");
    }

    private ClientProvider clients(BridgeConfig c) {
        if (!"shared".equals(c.client__mode())) {
            return ClientProvider.own();
        }
        MqttClient shared = sharedClient;
        if (shared != null) {
            return ClientProvider.shared(shared);
        }
        LOG.warn("bridge {}: client_mode=shared but no MqttClient matches client.target {}; hosts get BROKER_FAIL",
                name, c.client_target());
        return new ClientProvider() {
            @Override
            public MqttClient acquire(Map<String, Object> config) {
                throw new IllegalStateException("no MqttClient service matches client.target " + c.client_target());
            }

            @Override
            public void release(MqttClient client) {
            }

            @Override
            public boolean shared() {
                return true;
            }
        };
    }

    /** Kura's GPIOService by name, so the bundle needs org.eclipse.kura.gpio only when GPIO is used. */
    private Pins gpioPins(BridgeConfig c) throws IOException {
        ServiceReference<?> ref = context.getServiceReference(GPIO_SERVICE);
        Object gpio = ref == null ? null : context.getService(ref);
        if (gpio == null) {
            throw new IOException("transport=gpio needs Kura's " + GPIO_SERVICE + " service; none is registered");
        }
        gpioReference = ref;
        try {
            return io.mqttas.bridge.internal.KuraGpioPins.open(gpio, c.pin__clock__in(), c.pin__data__in(),
                    c.pin__clock__out(), c.pin__data__out(), c.pin__reset__in(), c.pin__reset__out());
        } catch (IOException | RuntimeException e) {
            releaseGpio();
            throw e;
        }
    }

    private void stop() {
        BridgeRuntime r = runtime;
        runtime = null;
        if (r != null) {
            r.close();
            LOG.info("bridge {}: stopped", name);
        }
        releaseGpio();
    }

    private void releaseGpio() {
        ServiceReference<?> ref = gpioReference;
        gpioReference = null;
        if (ref != null) {
            try {
                context.ungetService(ref);
            } catch (IllegalStateException e) {
                // bundle stopping
            }
        }
    }

    private static String sanitize(String s) {
        String n = s == null ? "" : s.replaceAll("[^A-Za-z0-9._-]", "_");
        return n.isEmpty() ? "bridge" : n;
    }
}
