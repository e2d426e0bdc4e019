/*
 * Issue 4 items 1 and 4, DESIGN.md §4–§5: one MQTT client per configuration of factory PID
 * io.mqttas.session, configured with the original's dict keys verbatim, registered as MqttClient and
 * Kura's ConfigurableComponent with service properties client_id and server.
 *
 * The service is registered by hand (not by DS) so that only client_id, server and the PIDs are
 * service properties: DS would copy every configuration property, passwords included, onto the
 * registration where any bundle can read them.
 */
package io.mqttas.session.component;

import java.net.InetAddress;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.session.LinkMonitor;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.watchdog.NetworkLink;

// The service is registered by hand; declare it for resolvers (Karaf, bnd) as DS would have.
@org.osgi.annotation.bundle.Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=\"io.mqttas.session.MqttClient,org.eclipse.kura.configuration.ConfigurableComponent\"",
        uses = { MqttClient.class, ConfigurableComponent.class })
@Component(name = SessionComponent.PID, configurationPid = SessionComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
@Designate(ocd = SessionConfig.class, factory = true)
public final class SessionComponent {
    public static final String PID = "io.mqttas.session";
    private static final Logger LOG = LoggerFactory.getLogger(SessionComponent.class);

    private final WatchedLink link = new WatchedLink();
    private ScheduledExecutorService worker;   // connect attempts and reconfigurations, in order
    private volatile SwitchableClient service;
    private volatile ServiceRegistration<?> registration;
    private volatile boolean active;
    private volatile long generation;            // bumped by @Modified and @Deactivate
    private volatile MqttClient pending;         // created, first connection not yet made
    private volatile Map<String, Object> applied;         // the effective configuration of the current client

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        Map<String, Object> cfg = ConfigKeys.effective(properties);
        MqttConfig config = build(cfg, properties);   // a bad configuration fails activation, naming the key
        MqttClient client = MqttClient.create(config);
        String id = client.status().clientId();
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqttas-session-" + id);
            t.setDaemon(true);
            return t;
        });
        active = true;
        applied = cfg;
        service = new SwitchableClient(client);
        registration = context.registerService(new String[] { MqttClient.class.getName(), ConfigurableComponent.class.getName() },
                service, serviceProperties(properties, client));
        LOG.info("MQTT client {} configured: {}", id, ConfigKeys.describe(cfg));
        long gen = generation;
        pending = client;
        worker.execute(() -> connect(client, gen, ConfigKeys.delayMin(cfg)));
    }

    @Modified
    void modified(Map<String, Object> properties) {
        Map<String, Object> cfg = ConfigKeys.effective(properties);
        if (ConfigKeys.same(cfg, applied)) {
            return;
        }
        MqttConfig config;
        try {
            config = build(cfg, properties);
        } catch (RuntimeException e) {
            LOG.error("new configuration of MQTT client rejected, the running client is kept: {}", e.getMessage());
            return;
        }
        long gen;
        synchronized (this) {
            applied = cfg;
            gen = ++generation;   // supersedes any switch or first connection still in progress
        }
        worker.execute(() -> switchTo(config, cfg, properties, gen));
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            active = false;
            generation++;
        }
        ServiceRegistration<?> reg = registration;
        if (reg != null) {
            try {
                reg.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttClient p = pending;
        if (p != null) {
            p.close();
        }
        MqttClient client = service.current();
        retire(client, ConfigKeys.drainMillis(applied));
        service.shutDown();
        LOG.info("MQTT client {} stopped", client.status().clientId());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setNetworkLink(NetworkLink networkLink) {
        link.bind(networkLink);
    }

    void unsetNetworkLink(NetworkLink networkLink) {
        link.unbind(networkLink);
    }

    /**
     * The client's configuration; the watchdog's link is used unless the broker is on this host. The
     * configuration's PID names it, so the default client_id differs per configuration (issue 9 item 7).
     */
    private MqttConfig build(Map<String, Object> cfg, Map<String, Object> properties) {
        Map<String, Object> withLink = new HashMap<>(cfg);
        withLink.put("link_monitor", onThisHost(ConfigKeys.text(cfg, "server", "")) ? LinkMonitor.ALWAYS_UP : link);
        Object name = properties.get("kura.service.pid") != null ? properties.get("kura.service.pid") : properties.get("service.pid");
        withLink.putIfAbsent("configuration_name", name == null ? "" : String.valueOf(name));
        return MqttConfig.fromMap(withLink);
    }

    /** A broker on loopback is reachable whatever the network does, so the link is not consulted for it. */
    static boolean onThisHost(String server) {
        if (server.equalsIgnoreCase("localhost") || server.startsWith("127.") || server.equals("::1")) {
            return true;
        }
        try {
            return server.matches("[0-9.:a-fA-F]+") && InetAddress.getByName(server).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * First connection of a client, retried with a doubling delay (mqtt_as does not retry a failed first
     * connect; a component must, or a broker that is down at boot would leave the gateway without MQTT).
     * Attempts of a superseded generation (a newer @Modified, or deactivation) close their client and stop.
     */
    private void connect(MqttClient client, long gen, long delayMillis) {
        if (gen != generation || !active) {
            client.close();
            return;
        }
        client.connect().whenComplete((sessionPresent, error) -> {
            synchronized (this) {   // against a concurrent @Modified: the check and the hand-over are one step
                if (gen != generation || !active) {
                    client.close();
                    return;
                }
                if (error == null) {
                    LOG.info("MQTT client {} connected (session present: {})", client.status().clientId(), sessionPresent);
                    pending = null;
                    service.ready(client);
                    return;
                }
            }
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            long next = Math.min(Math.max(delayMillis, 1000) * 2, ConfigKeys.delayMax(applied));
            LOG.warn("MQTT client {}: first connection failed ({}); retrying in {} ms", client.status().clientId(),
                    cause.getMessage(), delayMillis);
            try {
                worker.schedule(() -> connect(client, gen, next), delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                client.close();
            }
        });
    }

    /** @Modified: hold new operations, let the old client finish (bounded), then start the new one. */
    private void switchTo(MqttConfig config, Map<String, Object> cfg, Map<String, Object> properties, long gen) {
        if (gen != generation || !active) {
            return;
        }
        service.hold();
        MqttClient unfinished = pending;   // a client of an earlier configuration still trying its first connect
        if (unfinished != null) {
            unfinished.close();
        }
        MqttClient old = service.current();
        retire(old, ConfigKeys.drainMillis(cfg));
        MqttClient next = MqttClient.create(config);
        pending = next;
        ServiceRegistration<?> reg = registration;
        if (reg != null) {
            reg.setProperties(serviceProperties(properties, next));
        }
        LOG.info("MQTT client reconfigured: {}", ConfigKeys.describe(cfg));
        connect(next, gen, ConfigKeys.delayMin(cfg));
    }

    /** Waits (bounded) for in-flight QoS 1 publications to be acknowledged, then disconnects and closes. */
    private void retire(MqttClient client, long drainMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        try {
            while (client.isConnected() && client.status().inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            client.disconnect().get(Math.max(1000, drainMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("disconnect of the retired client: {}", e.toString());
        } finally {
            client.close(); // completes every operation it still holds; SwitchableClient re-issues them on the next client
        }
    }

    private static Dictionary<String, Object> serviceProperties(Map<String, Object> properties, MqttClient client) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("client_id", client.status().clientId());
        p.put("server", Objects.toString(properties.get("server"), ""));
        for (String key : new String[] { "service.pid", "service.factoryPid", "kura.service.pid", "component.name" }) {
            Object v = properties.get(key);
            if (v != null) {
                p.put(key, v);
            }
        }
        return p;
    }
}
