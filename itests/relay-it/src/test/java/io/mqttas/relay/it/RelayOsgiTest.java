/*
 * The relay bundle in a real OSGi framework (Felix 7 + SCR + ConfigAdmin + metatype), without
 * jSerialComm: it must resolve (optional import), stay idle until configured (policy REQUIRE),
 * serve nodes once PID io.mqttas.relay is configured with a client.target that selects a real
 * MqttClient service, register its Gogo commands, and stop when the configuration is deleted.
 * The MqttClient service is the real session client (on the test class path, shared with the
 * framework through the system bundle) connected to a real Mosquitto.
 */
package io.mqttas.relay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqttas.relay.internal.NodeId;
import io.mqttas.relay.internal.sim.UdpNode;
import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;
import io.mqttas.testkit.MosquittoBroker;
import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

class RelayOsgiTest {

    @Test
    void relayBundleResolvesWithoutJSerialCommAndServesNodesOnceConfigured() throws Exception {
        Map<String, String> fwConfig = new HashMap<>();
        fwConfig.put(Constants.FRAMEWORK_STORAGE, System.getProperty("it.felix.storage", "target/felix-relay"));
        fwConfig.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        fwConfig.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "io.mqttas.session;version=1.1.0,org.osgi.service.cm;version=1.6.0");
        Framework fw = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(fwConfig);
        fw.init();
        fw.start();
        List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            BundleContext ctx = fw.getBundleContext();
            File[] jars = new File(System.getProperty("it.bundles", "target/it-bundles")).listFiles();
            assertNotNull(jars, "it-bundles folder");
            Arrays.sort(jars);
            List<Bundle> bundles = new ArrayList<>();
            for (File jar : jars) {
                assertTrue(!jar.getName().toLowerCase().contains("jserialcomm"), "jSerialComm must not be installed");
                bundles.add(ctx.installBundle(jar.toURI().toString()));
            }
            for (Bundle b : bundles) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
            Bundle relay = bundles.stream().filter(b -> "io.mqttas.relay".equals(b.getSymbolicName())).findFirst()
                    .orElseThrow();
            assertEquals(Bundle.ACTIVE, relay.getState(), "relay bundle active without jSerialComm");
            String metatype = new String(relay.getEntry("OSGI-INF/metatype/io.mqttas.relay.xml").openStream()
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(metatype.contains("id=\"pub_all\"") && metatype.contains("id=\"client.target\""), metatype);

            MqttClient client = MqttClient.create(MqttConfig.fromMap(Map.of("server", broker.host(), "port",
                    broker.port(), "client_id", "relay-osgi", "keepalive", 120)));
            client.connect(true).get(15, TimeUnit.SECONDS);
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("client_id", "relay-osgi");
            ctx.registerService(MqttClient.class, client, props);

            ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cmTracker = new ServiceTracker<>(ctx,
                    ConfigurationAdmin.class, null);
            cmTracker.open();
            trackers.add(cmTracker);
            ConfigurationAdmin cm = cmTracker.waitForService(10_000);
            assertNotNull(cm, "ConfigurationAdmin");
            assertNull(ctx.getServiceReferences("io.mqttas.relay.Relay", null), "no relay before configuration");

            int port = freeUdpPort();
            Configuration c = cm.getConfiguration("io.mqttas.relay", "?");
            Hashtable<String, Object> relayProps = new Hashtable<>();
            relayProps.put("udp_port", port);
            relayProps.put("client.target", "(client_id=relay-osgi)");
            c.update(relayProps);

            try (UdpNode node = new UdpNode(NodeId.parse("246f28aabbcc"), new InetSocketAddress("127.0.0.1", port))) {
                RelayFixture.await(() -> {
                    try {
                        return "UP".equals(node.ping());
                    } catch (IOException e) {
                        return false;
                    }
                }, Duration.ofSeconds(15), "the configured relay answers ping");
                while (node.receive(Duration.ofMillis(300)) != null) {
                    // late answers to the pings sent while the component was still starting
                }
                assertEquals("ACK", node.publish("shed", "via OSGi", false, 1));

                ServiceReference<?>[] commands = ctx.getAllServiceReferences(null, "(osgi.command.scope=relay)");
                assertNotNull(commands, () -> "Gogo command service; the relay bundle registered "
                        + Arrays.toString(relay.getRegisteredServices()));
                Object cmd = ctx.getService(commands[0]);
                String listing = (String) cmd.getClass().getMethod("nodes").invoke(cmd);
                assertTrue(listing.contains("246f28aabbcc"), listing);
                assertTrue(listing.contains("broker up"), listing);

                c.delete();
                RelayFixture.await(() -> {
                    try {
                        return node.ping() == null;
                    } catch (IOException e) {
                        return false;
                    }
                }, Duration.ofSeconds(15), "the relay stops when its configuration is deleted");
            } finally {
                client.close();
            }
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
            trackers.forEach(ServiceTracker::close);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
