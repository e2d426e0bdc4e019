/*
 * DS wiring of the network watchdog (PID io.mqttas.watchdog, optional configuration: it runs with the
 * defaults until configured). Registered as NetworkLink and as Kura's ConfigurableComponent — by the
 * component itself, with only the PIDs as service properties: DS would copy every configuration
 * property onto the registration, wifi_pw included.
 *
 * Issue 10 item 3 (Kura's singleton convention): Kura's ConfigurationService tracks ConfigurableComponent
 * registrations when they appear and needs kura.service.pid on them. The watchdog starts with its defaults
 * before Kura has stored its configuration; when that configuration arrives (with kura.service.pid) the
 * service is registered again, so Kura sees it and lists it under Services.
 */
package io.mqttas.watchdog.component;

import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;

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

import io.mqttas.watchdog.LinkListener;
import io.mqttas.watchdog.NetworkLink;
import io.mqttas.watchdog.internal.InterfaceSource;
import io.mqttas.watchdog.internal.JvmInterfaces;
import io.mqttas.watchdog.internal.LinkWatch;
import io.mqttas.watchdog.internal.WatchdogSettings;

@org.osgi.annotation.bundle.Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=\"io.mqttas.watchdog.NetworkLink,org.eclipse.kura.configuration.ConfigurableComponent\"",
        uses = { NetworkLink.class, ConfigurableComponent.class })
@Component(name = NetworkLinkComponent.PID, configurationPid = NetworkLinkComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true, service = {})
@Designate(ocd = WatchdogConfig.class)
public final class NetworkLinkComponent implements NetworkLink, ConfigurableComponent {
    public static final String PID = "io.mqttas.watchdog";
    private static final Logger LOG = LoggerFactory.getLogger(NetworkLinkComponent.class);

    private final InterfaceSource jvm = new JvmInterfaces();
    private volatile InterfaceSource kura;
    private volatile LinkWatch watch;
    private BundleContext context;
    private ServiceRegistration<?> registration;
    private Hashtable<String, Object> registered;

    @Activate
    void activate(BundleContext context, WatchdogConfig config, Map<String, Object> properties) {
        LinkWatch w = new LinkWatch(settings(config), jvm);
        InterfaceSource k = kura;
        if (k != null && w.settings().useKura()) {
            w.setSource(k);
        }
        w.start();
        watch = w;
        this.context = context;
        register(properties);
    }

    /** (Re-)registers when the PIDs of the configuration differ from those of the registration. */
    private synchronized void register(Map<String, Object> properties) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (String key : new String[] { "service.pid", "kura.service.pid", "component.name" }) {
            Object v = properties.get(key);
            if (v != null) {
                p.put(key, v);
            }
        }
        p.putIfAbsent("service.pid", PID);
        p.putIfAbsent("kura.service.pid", p.get("service.pid"));
        if (p.equals(registered)) {
            return;
        }
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
            LOG.info("watchdog: configuration {} arrived; registered again so Kura's ConfigurationService tracks it",
                    p.get("kura.service.pid"));
        }
        registered = p;
        registration = context.registerService(new String[] { NetworkLink.class.getName(), ConfigurableComponent.class.getName() },
                this, p);
    }

    @Modified
    void modified(WatchdogConfig config, Map<String, Object> properties) {
        register(properties);
        WatchdogSettings s;
        try {
            s = settings(config);
        } catch (IllegalArgumentException e) {
            LOG.error("new watchdog configuration rejected, the current one is kept: {}", e.getMessage());
            return;
        }
        watch.reconfigure(s);
        chooseSource();
    }

    @Deactivate
    synchronized void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
        watch.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setKuraInterfaces(InterfaceSource source) {
        kura = source;
        chooseSource();
    }

    void unsetKuraInterfaces(InterfaceSource source) {
        if (kura == source) {
            kura = null;
            chooseSource();
        }
    }

    private void chooseSource() {
        LinkWatch w = watch;
        if (w == null) {
            return;   // activate() picks the source
        }
        InterfaceSource k = kura;
        InterfaceSource wanted = k != null && w.settings().useKura() ? k : jvm;
        if (w.source() != wanted) {
            w.setSource(wanted);
        }
    }

    /** The validated settings; {@code wifi_pw} is deliberately not read (Kura manages WiFi). */
    static WatchdogSettings settings(WatchdogConfig c) {
        return new WatchdogSettings(c.interface__name(), c.ssid(), !"jvm".equals(c.source()),
                Duration.ofMillis(c.poll__interval__ms()), Duration.ofSeconds(c.stable__s()), c.cycle__link(),
                c.cycle__down__command(), c.cycle__up__command(), Duration.ofMillis(c.cycle__down__time__ms()),
                Duration.ofSeconds(c.command__timeout__s()), c.wan__dns__server(), c.wan__dns__port(),
                c.wan__dns__name(), Duration.ofMillis(c.wan__timeout__ms()));
    }

    @Override
    public boolean isUp() {
        return watch.isUp();
    }

    @Override
    public boolean awaitStable(Duration timeout) throws InterruptedException {
        return watch.awaitStable(timeout);
    }

    @Override
    public boolean awaitStable(Duration stable, Duration timeout) throws InterruptedException {
        return watch.awaitStable(stable, timeout);
    }

    @Override
    public void addListener(LinkListener listener) {
        watch.addListener(listener);
    }

    @Override
    public void removeListener(LinkListener listener) {
        watch.removeListener(listener);
    }

    @Override
    public boolean cycle() {
        return watch.cycle();
    }

    @Override
    public boolean wanOk() {
        return watch.wanOk();
    }

    @Override
    public String describe() {
        return watch.describe();
    }
}
