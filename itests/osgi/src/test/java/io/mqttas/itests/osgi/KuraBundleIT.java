/*
 * Issue 10 items 1–3 in a real framework with the Kura-like SCR 2.1.30: the io.mqttas.kura bundle resolves
 * against the Kura API packages and its components activate; with a CryptoService registered (a stand-in
 * for Kura's, from the mirror's interface) the transport and the session decrypt PASSWORD values and
 * connect to a Mosquitto that needs a password; an unconfigured session registers as ConfigurableComponent
 * with its kura.service.pid and says why it is idle.
 */
package io.mqttas.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.mqttas.testkit.MosquittoBroker;

class KuraBundleIT {
    private static OsgiRuntime rt;
    private static MosquittoBroker broker;
    private static final List<String> configurationCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** "ENC:" + Base64: what the stand-in CryptoService decrypts; anything else fails to decrypt. */
    static String encrypted(String plain) {
        return "ENC:" + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void boot() throws Exception {
        broker = MosquittoBroker.builder().allowAnonymous(false).user("gw", "it-secret").start();
        rt = OsgiRuntime.start("kura-bundle", OsgiRuntime.GATEWAY);
        Bundle mirror = rt.bundle("io.mqttas.kura.api.mirror");
        Class<?> crypto = mirror.loadClass("org.eclipse.kura.crypto.CryptoService");
        Object cryptoService = Proxy.newProxyInstance(crypto.getClassLoader(), new Class<?>[] { crypto }, (proxy, m, args) -> {
            switch (m.getName()) {
                case "decryptAes":
                    String v = args[0] instanceof char[] c ? new String(c) : String.valueOf(args[0]);
                    if (!v.startsWith("ENC:")) {
                        throw new IllegalArgumentException("not ciphertext");
                    }
                    String plain = new String(Base64.getDecoder().decode(v.substring(4)), StandardCharsets.UTF_8);
                    return args[0] instanceof char[] ? plain.toCharArray() : plain;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "stand-in CryptoService";
                default:
                    throw new UnsupportedOperationException(m.getName());
            }
        });
        mirror.getBundleContext().registerService(crypto.getName(), cryptoService, new Hashtable<>());
        Class<?> cs = mirror.loadClass("org.eclipse.kura.configuration.ConfigurationService");
        Object configurationService = Proxy.newProxyInstance(cs.getClassLoader(), new Class<?>[] { cs }, (proxy, m, args) -> {
            switch (m.getName()) {
                case "getFactoryComponentPids":
                    return Set.of("org.eclipse.kura.cloudconnection.raw.mqtt.cloud.RawMqttCloudEndpoint",
                            "org.eclipse.kura.data.DataService", "io.mqttas.kura.MqttasDataTransport");
                case "createFactoryConfiguration":
                    configurationCalls.add(args[0] + " " + args[1]);
                    return null;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "stand-in ConfigurationService";
                default:
                    throw new UnsupportedOperationException(m.getName());
            }
        });
        mirror.getBundleContext().registerService(cs.getName(), configurationService, new Hashtable<>());
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (rt != null) {
            rt.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static Configuration factoryConfiguration(String factoryPid, Hashtable<String, Object> p) throws Exception {
        ConfigurationAdmin ca = rt.service(ConfigurationAdmin.class, 10_000);
        Configuration c = ca.createFactoryConfiguration(factoryPid, "?");
        c.update(p);
        return c;
    }

    @Test
    void kuraBundleResolvesAndTheCloudConnectionFactoryWorks() throws Exception {
        rt.assertAllActive();
        Object factory = rt.service("org.eclipse.kura.cloudconnection.factory.CloudConnectionFactory", null, 15_000);
        assertNotNull(factory, "the factory activates once a ConfigurationService is there");
        assertEquals("io.mqttas.kura.MqttasCloudEndpoint", OsgiRuntime.call(factory, "getFactoryPid"));
        ServiceReference<?> ref = rt.context().getServiceReferences("org.eclipse.kura.cloudconnection.factory.CloudConnectionFactory", null)[0];
        assertEquals("io.mqttas.kura.CloudEndpoint", ref.getProperty("kura.ui.csf.pid.default"));
        OsgiRuntime.call(factory, "createConfiguration", "io.mqttas.kura.CloudEndpoint-it");
        assertEquals(List.of("org.eclipse.kura.cloudconnection.raw.mqtt.cloud.RawMqttCloudEndpoint io.mqttas.kura.CloudEndpoint-it",
                "org.eclipse.kura.data.DataService io.mqttas.kura.DataService-it",
                "io.mqttas.kura.MqttasDataTransport io.mqttas.kura.DataTransport-it"), configurationCalls);
        String components = rt.bundle("io.mqttas.kura").getHeaders().get("Service-Component");
        assertTrue(components.contains("OSGI-INF/pubsub-offers.xml"), components);
    }

    @Test
    void transportDecryptsThePasswordWithKurasCryptoServiceAndConnects() throws Exception {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("kura.service.pid", "io.mqttas.kura.DataTransport-osgi");
        p.put("server", "127.0.0.1");
        p.put("port", broker.port());
        p.put("user", "gw");
        p.put("password", encrypted("it-secret"));
        p.put("timeout", 10);
        Configuration c = factoryConfiguration("io.mqttas.kura.MqttasDataTransport", p);
        try {
            Object transport = rt.service("org.eclipse.kura.data.DataTransportService", "(kura.service.pid=io.mqttas.kura.DataTransport-osgi)", 15_000);
            assertNotNull(transport, "DataTransportService registered");
            ServiceReference<?> ref = rt.context().getServiceReferences("org.eclipse.kura.data.DataTransportService",
                    "(kura.service.pid=io.mqttas.kura.DataTransport-osgi)")[0];
            assertTrue(Arrays.asList((String[]) ref.getProperty("objectClass")).contains("org.eclipse.kura.configuration.ConfigurableComponent"));
            for (String key : ref.getPropertyKeys()) {
                assertFalse(String.valueOf(ref.getProperty(key)).contains("ENC:"), "the stored password is a service property: " + key);
            }
            OsgiRuntime.call(transport, "connect");
            assertEquals(Boolean.TRUE, OsgiRuntime.call(transport, "isConnected"));
            assertNotNull(OsgiRuntime.call(transport, "publish", "osgi/kura", new byte[] { 1 }, 1, false), "QoS 1 token");
        } finally {
            c.delete();
        }
    }

    @Test
    void watchdogIsTrackableByKurasConfigurationServiceBeforeAndAfterItsConfiguration() throws Exception {
        assertNotNull(rt.service("io.mqttas.watchdog.NetworkLink", null, 10_000));
        ServiceReference<?> ref = rt.context().getServiceReferences("io.mqttas.watchdog.NetworkLink", null)[0];
        assertEquals("io.mqttas.watchdog", ref.getProperty("kura.service.pid"), "registered with kura.service.pid from the start");
        List<Object> registered = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.osgi.framework.ServiceListener l = e -> {
            if (e.getType() == org.osgi.framework.ServiceEvent.REGISTERED) {
                registered.add(e.getServiceReference().getProperty("kura.service.pid"));
            }
        };
        rt.context().addServiceListener(l, "(objectClass=io.mqttas.watchdog.NetworkLink)");
        ConfigurationAdmin ca = rt.service(ConfigurationAdmin.class, 10_000);
        Configuration c = ca.getConfiguration("io.mqttas.watchdog", "?");
        try {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("kura.service.pid", "io.mqttas.watchdog-renamed");   // a configuration whose PIDs differ
            c.update(p);
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!registered.contains("io.mqttas.watchdog-renamed") && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertTrue(registered.contains("io.mqttas.watchdog-renamed"),
                    "registered again with the configuration's kura.service.pid: " + registered);
        } finally {
            rt.context().removeServiceListener(l);
            c.delete();
        }
    }

    @Test
    void sessionIsIdleUntilConfiguredThenDecryptsAndConnects() throws Exception {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("kura.service.pid", "io.mqttas.session-idle");
        p.put("client_id", "osgi-idle");
        p.put("server", "");                           // as Kura's form sends an empty field
        Configuration c = factoryConfiguration("io.mqttas.session", p);
        try {
            Object idle = rt.service("org.eclipse.kura.configuration.ConfigurableComponent", "(kura.service.pid=io.mqttas.session-idle)", 15_000);
            assertNotNull(idle, "an unconfigured session still registers with its kura.service.pid (Kura's web UI waits for it)");
            assertEquals("io.mqttas.session.component.IdleSession", idle.getClass().getName());
            assertFalse(rt.hasService("io.mqttas.session.MqttClient", "(kura.service.pid=io.mqttas.session-idle)"));
            Object commands = rt.service("io.mqttas.session.component.MqttCommands", null, 10_000);
            String status = (String) OsgiRuntime.call(commands, "status");
            long bound = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!status.contains("IDLE") && System.nanoTime() < bound) {   // SCR binds the dynamic reference
                Thread.sleep(20);
                status = (String) OsgiRuntime.call(commands, "status");
            }
            assertTrue(status.contains("io.mqttas.session-idle") && status.contains("IDLE") && status.contains("server is not set"), status);

            p.put("server", "127.0.0.1");
            p.put("port", broker.port());
            p.put("user", "gw");
            p.put("password", encrypted("it-secret"));
            p.put("stability_time", 0.0);
            c.update(p);
            Object client = rt.service("io.mqttas.session.MqttClient", "(kura.service.pid=io.mqttas.session-idle)", 15_000);
            assertNotNull(client, "configured: the client is registered");
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Boolean.TRUE.equals(OsgiRuntime.call(client, "isConnected")) && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertEquals(Boolean.TRUE, OsgiRuntime.call(client, "isConnected"), "connected with the decrypted password");
            assertFalse(rt.hasService("io.mqttas.session.component.IdleSession", "(kura.service.pid=io.mqttas.session-idle)"));
            List<String> classes = new ArrayList<>(Arrays.asList((String[]) rt.context().getServiceReferences("io.mqttas.session.MqttClient",
                    "(kura.service.pid=io.mqttas.session-idle)")[0].getProperty("objectClass")));
            assertTrue(classes.contains("org.eclipse.kura.configuration.ConfigurableComponent"), classes.toString());
        } finally {
            c.delete();
        }
    }
}
