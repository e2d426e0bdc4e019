/*
 * Issue 10 items 1–3: factory PID io.mqttas.kura.MqttasDataTransport, Kura's DataTransportService over
 * an mqttas client. It always activates (Kura's ConfigurationService must be able to track it, and the
 * web UI waits for it): with no server it is idle and says so; a rejected configuration is logged with
 * the key and the reason and the running one is kept. PASSWORD values are decrypted with Kura's
 * CryptoService; TLS material may come from a Kura KeystoreService.
 *
 * The service is registered by the component itself with the PIDs only (as the session component does):
 * DS would copy every configuration property, the stored password included, onto the registration.
 */
package io.mqttas.kura.component;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.data.DataTransportService;
import org.eclipse.kura.data.DataTransportToken;
import org.eclipse.kura.data.transport.listener.DataTransportListener;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.eclipse.kura.status.CloudConnectionStatusService;
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

import io.mqttas.kura.internal.ConnectionStatus;
import io.mqttas.kura.internal.KeystoreTls;
import io.mqttas.kura.internal.KuraTransport;
import io.mqttas.kura.internal.Secrets;
import io.mqttas.kura.internal.TransportSettings;
import io.mqttas.session.MqttClient;

// The service is registered by hand; declare it for resolvers as DS would have.
@org.osgi.annotation.bundle.Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=\"org.eclipse.kura.data.DataTransportService,org.eclipse.kura.configuration.ConfigurableComponent\"",
        uses = { DataTransportService.class, ConfigurableComponent.class })
@Component(name = MqttasDataTransport.PID, configurationPid = MqttasDataTransport.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {},
        property = "kura.ui.service.hide:Boolean=true")
@Designate(ocd = TransportConfig.class, factory = true)
public final class MqttasDataTransport implements DataTransportService, ConfigurableComponent {
    public static final String PID = "io.mqttas.kura.MqttasDataTransport";
    private static final Logger LOG = LoggerFactory.getLogger(MqttasDataTransport.class);

    private final KeystoreTls keystores = new KeystoreTls();
    private final ConnectionStatus status = new ConnectionStatus();
    private volatile CryptoService crypto;
    private volatile KuraTransport transport;
    private volatile Map<String, Object> properties = Map.of();
    private String name = PID;
    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context, Map<String, Object> props) {
        startTransport(props);
        if (context != null) {
            Hashtable<String, Object> p = new Hashtable<>();
            for (String key : new String[] { "service.pid", "service.factoryPid", "kura.service.pid", "component.name" }) {
                if (props.get(key) != null) {
                    p.put(key, props.get(key));
                }
            }
            p.put("kura.ui.service.hide", Boolean.TRUE);
            registration = context.registerService(new String[] { DataTransportService.class.getName(),
                ConfigurableComponent.class.getName() }, this, p);
        }
    }

    /** The transport of a configuration, not registered (activation without a framework in tests). */
    void startTransport(Map<String, Object> props) {
        name = String.valueOf(props.getOrDefault("kura.service.pid", props.getOrDefault("service.pid", PID)));
        properties = new HashMap<>(props);
        TransportSettings settings;
        try {
            settings = TransportSettings.of(props, Secrets.with(crypto));
        } catch (RuntimeException e) {
            LOG.error("{}: configuration rejected, idle until a valid one arrives: {}", name, e.getMessage());
            settings = TransportSettings.idle("configuration rejected: " + e.getMessage());
        }
        transport = new KuraTransport(name, settings, MqttClient::create, keystores, status);
        LOG.info("{}: activated ({})", name, settings.idleReason() == null ? settings.describe() : "idle");
    }

    @Modified
    void modified(Map<String, Object> props) {
        properties = new HashMap<>(props);
        apply(false);
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<?> reg = registration;
        registration = null;
        if (reg != null) {
            try {
                reg.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
        KuraTransport t = transport;
        if (t != null) {
            t.close();
        }
        LOG.info("{}: deactivated", name);
    }

    /** Re-reads the configuration (also when the CryptoService or a keystore changes); a bad one is rejected. */
    private synchronized void apply(boolean materialChanged) {
        KuraTransport t = transport;
        if (t == null) {
            return;   // not activated yet: activate() reads everything
        }
        TransportSettings next;
        try {
            next = TransportSettings.of(properties, Secrets.with(crypto));
        } catch (RuntimeException e) {
            LOG.error("{}: new configuration rejected, the current one is kept: {}", name, e.getMessage());
            return;
        }
        boolean usesKeystore = next.ssl() && !next.keystorePid().isEmpty();
        if (next.sameAs(t.settings()) && !(materialChanged && usesKeystore && t.hasClient())) {
            return;   // unchanged; or new key material that the next connect() reads anyway
        }
        try {
            // As Kura's transport, a configuration update is done before @Modified returns (bounded).
            t.reconfigure(next).get(t.settings().timeout().toMillis() * 2 + 10_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{}: the configuration update is taking long; it completes in the background", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("{}: configuration update failed", name, e.getCause());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCryptoService(CryptoService c) {
        crypto = c;
        apply(false);   // a password read before Kura's CryptoService appeared is decrypted now
    }

    void unsetCryptoService(CryptoService c) {
        if (crypto == c) {
            crypto = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addKeystoreService(KeystoreService k, Map<String, Object> props) {
        keystores.add((String) props.get("kura.service.pid"), k);
        apply(true);
    }

    void removeKeystoreService(KeystoreService k, Map<String, Object> props) {
        keystores.remove((String) props.get("kura.service.pid"), k);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCloudConnectionStatusService(CloudConnectionStatusService s) {
        status.bind(s);
    }

    void unsetCloudConnectionStatusService(CloudConnectionStatusService s) {
        status.unbind(s);
    }

    /** The transport behind this component (tests and status). */
    KuraTransport transport() {
        return transport;
    }

    // ---- DataTransportService, by the transport ----

    @Override
    public void connect() throws KuraConnectException {
        transport.connect();
    }

    @Override
    public boolean isConnected() {
        return transport.isConnected();
    }

    @Override
    public String getBrokerUrl() {
        return transport.getBrokerUrl();
    }

    @Override
    public String getAccountName() {
        return transport.getAccountName();
    }

    @Override
    public String getUsername() {
        return transport.getUsername();
    }

    @Override
    public String getClientId() {
        return transport.getClientId();
    }

    @Override
    public void disconnect(long quiesceTimeout) {
        transport.disconnect(quiesceTimeout);
    }

    @Override
    public void subscribe(String topic, int qos) throws KuraException {
        transport.subscribe(topic, qos);
    }

    @Override
    public void unsubscribe(String topic) throws KuraException {
        transport.unsubscribe(topic);
    }

    @Override
    public DataTransportToken publish(String topic, byte[] payload, int qos, boolean retain) throws KuraException {
        return transport.publish(topic, payload, qos, retain);
    }

    @Override
    public void addDataTransportListener(DataTransportListener listener) {
        transport.addDataTransportListener(listener);
    }

    @Override
    public void removeDataTransportListener(DataTransportListener listener) {
        transport.removeDataTransportListener(listener);
    }
}
