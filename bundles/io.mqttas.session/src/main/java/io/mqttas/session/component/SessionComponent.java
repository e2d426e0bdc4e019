/*
 * Issue 4 items 1 and 4, DESIGN.md §4–§5: one MQTT client per configuration of factory PID
 * io.mqttas.session, configured with the original's dict keys verbatim, registered as MqttClient and
 * Kura's ConfigurableComponent with service properties client_id and server.
 *
 * The service is registered by hand (not by DS) so that only client_id, server and the PIDs are
 * service properties: DS would copy every configuration property, passwords included, onto the
 * registration where any bundle can read them.
 *
 * Issue 10 items 2–3: activation never fails. A configuration that cannot run yet (no server, a rejected
 * value, a Kura keystore not there) registers an IdleSession as ConfigurableComponent with the PIDs, says
 * why once and is listed by mqtt:status; the first usable configuration starts the client. A rejected
 * update keeps the running client. PASSWORD values are decrypted by Kura's CryptoService when present
 * (KuraSecrets); TLS material may come from a Kura KeystoreService (ssl_params.keystore_service_pid).
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

    /** The Kura keystore whose material TLS uses (removed before MqttConfig sees the rest). */
    static final String KEYSTORE_KEY = "ssl_params.keystore_service_pid";

    private final WatchedLink link = new WatchedLink();
    private final Runnable keystoresChanged = () -> reevaluate(true);
    private BundleContext context;
    private volatile Map<String, Object> raw = Map.of();   // the last properties DS delivered
    private volatile Secrets secrets;
    private volatile TlsMaterial tls;
    private volatile ServiceRegistration<?> idleRegistration;
    private volatile IdleSession idle;
    private volatile String idleLogged;
    private ScheduledExecutorService worker;   // connect attempts and reconfigurations, in order
    private volatile SwitchableClient service;
    private volatile ServiceRegistration<?> registration;
    private volatile boolean active;
    private volatile long generation;            // bumped by @Modified and @Deactivate
    private volatile MqttClient pending;         // created, first connection not yet made
    private volatile Map<String, Object> applied;         // the effective configuration of the current client

    /** A configuration resolved for use: {@code config} is null when it cannot run, {@code reason} says why. */
    private record Resolved(Map<String, Object> cfg, MqttConfig config, String reason, boolean rejected) {
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        active = true;
        configure(properties, false);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties, false);
    }

    /** Once a CryptoService or a keystore arrives, the last configuration is read again. */
    private void reevaluate(boolean keystoreChanged) {
        if (active) {
            configure(raw, keystoreChanged);
        }
    }

    private synchronized void configure(Map<String, Object> properties, boolean keystoreChanged) {
        if (!active) {
            return;
        }
        raw = properties;
        Resolved r = resolve(properties);
        if (service == null) {
            if (r.config() == null) {
                goIdle(properties, r);
            } else {
                start(r, properties);
            }
            return;
        }
        boolean usesKeystore = r.cfg().containsKey(KEYSTORE_KEY);
        if (ConfigKeys.same(r.cfg(), applied) && !(keystoreChanged && usesKeystore)) {
            return;
        }
        if (r.config() == null) {
            LOG.error("new configuration of MQTT client {} rejected, the running client is kept: {}", pid(properties), r.reason());
            return;
        }
        applied = r.cfg();
        long gen = ++generation;   // supersedes any switch or first connection still in progress
        worker.execute(() -> switchTo(r.config(), r.cfg(), properties, gen));
    }

    /** The effective keys, secrets revealed, and the client configuration if it can run now. */
    private Resolved resolve(Map<String, Object> properties) {
        Map<String, Object> cfg = ConfigKeys.effective(properties);
        Secrets s = secrets;
        if (s != null) {
            for (String key : new String[] { "password", "ssl_params.key_password" }) {
                if (cfg.get(key) instanceof String stored) {
                    cfg.put(key, s.reveal(stored));
                }
            }
        }
        if (!cfg.containsKey("server") && !cfg.containsKey("servers")) {
            return new Resolved(cfg, null, "server is not set", false);
        }
        try {
            return new Resolved(cfg, build(cfg, properties), null, false);
        } catch (WaitingForKeystore e) {
            return new Resolved(cfg, null, e.getMessage(), false);
        } catch (RuntimeException e) {
            return new Resolved(cfg, null, "configuration rejected: " + e.getMessage(), true);
        }
    }

    /** The first usable configuration: create the client, register it, connect (what activation did before). */
    private void start(Resolved r, Map<String, Object> properties) {
        MqttClient client = MqttClient.create(r.config());
        String id = client.status().clientId();
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "mqttas-session-" + id);
            t.setDaemon(true);
            return t;
        });
        applied = r.cfg();
        service = new SwitchableClient(client);
        unregisterIdle();
        registration = context.registerService(new String[] { MqttClient.class.getName(), ConfigurableComponent.class.getName() },
                service, serviceProperties(properties, client));
        LOG.info("MQTT client {} configured: {}", id, ConfigKeys.describe(r.cfg()));
        long gen = generation;
        pending = client;
        worker.execute(() -> connect(client, gen, ConfigKeys.delayMin(r.cfg())));
    }

    /** Registered as ConfigurableComponent (Kura's web UI waits for that), saying once why it does not run. */
    private void goIdle(Map<String, Object> properties, Resolved r) {
        String pid = pid(properties);
        if (!r.reason().equals(idleLogged)) {
            idleLogged = r.reason();
            if (r.rejected()) {
                LOG.error("MQTT client {}: {}; idle until a valid configuration arrives", pid, r.reason());
            } else {
                LOG.warn("MQTT client {}: idle until configured: {}", pid, r.reason());
            }
        }
        IdleSession current = idle;
        if (current != null) {
            current.reason(r.reason());
            return;
        }
        idle = new IdleSession(pid, r.reason());
        Hashtable<String, Object> p = new Hashtable<>();
        copyPids(properties, p);
        idleRegistration = context.registerService(new String[] { ConfigurableComponent.class.getName(), IdleSession.class.getName() },
                idle, p);
    }

    private void unregisterIdle() {
        ServiceRegistration<?> reg = idleRegistration;
        idleRegistration = null;
        idle = null;
        if (reg != null) {
            try {
                reg.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
    }

    private static String pid(Map<String, Object> properties) {
        return Objects.toString(properties.getOrDefault("kura.service.pid", properties.get("service.pid")), PID);
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            active = false;
            generation++;
        }
        unregisterIdle();
        TlsMaterial t = tls;
        if (t != null) {
            t.removeListener(keystoresChanged);
        }
        if (service == null) {
            return;   // idle: no client, no thread
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

    /** Kura's CryptoService (through KuraSecrets): present on Kura, absent elsewhere. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setSecrets(Secrets s) {
        secrets = s;
        reevaluate(false);
    }

    void unsetSecrets(Secrets s) {
        if (secrets == s) {
            secrets = null;
        }
    }

    /** Kura's KeystoreServices (through KuraKeystores). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setTlsMaterial(TlsMaterial t) {
        tls = t;
        t.addListener(keystoresChanged);
        reevaluate(true);
    }

    void unsetTlsMaterial(TlsMaterial t) {
        t.removeListener(keystoresChanged);
        if (tls == t) {
            tls = null;
        }
    }

    /** The named Kura keystore is not (yet) there: the configuration waits for it. */
    private static final class WaitingForKeystore extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WaitingForKeystore(String pid) {
            super("waiting for Kura's KeystoreService with kura.service.pid=" + pid + " (Security → Keystore Configuration)");
        }
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
        Object keystore = withLink.remove(KEYSTORE_KEY);
        MqttConfig config = MqttConfig.fromMap(withLink);
        if (keystore == null || !config.ssl()) {
            return config;
        }
        TlsMaterial t = tls;
        TlsMaterial.Managers m = t == null ? null : t.managers(String.valueOf(keystore));
        if (m == null) {
            throw new WaitingForKeystore(String.valueOf(keystore));
        }
        return config.toBuilder().tlsManagers(m.keys(), m.trust()).build();
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
        copyPids(properties, p);
        return p;
    }

    private static void copyPids(Map<String, Object> properties, Hashtable<String, Object> p) {
        for (String key : new String[] { "service.pid", "service.factoryPid", "kura.service.pid", "component.name" }) {
            Object v = properties.get(key);
            if (v != null) {
                p.put(key, v);
            }
        }
    }
}
