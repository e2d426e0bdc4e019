/*
 * Issue 4 items 1, 2 and 8: the session component in a real Felix, configured through ConfigAdmin,
 * talking to a real Mosquitto: it connects, registers MqttClient with client_id/server (and no
 * password), answers the Gogo command service, keeps every QoS 1 publication across @Modified,
 * and is gone (service and threads) after delete.
 */
package io.mqttas.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.mqttas.testkit.MosquittoBroker;
import io.mqttas.testkit.MqttSubscriber;
import io.mqttas.testkit.ThreadLeakCheck;

class SessionComponentIT {
    static final String PID = "io.mqttas.session";
    static final String CLIENT = "io.mqttas.session.MqttClient";

    private static OsgiRuntime rt;
    private static MosquittoBroker broker;
    private static ConfigurationAdmin ca;

    @BeforeAll
    static void boot() throws Exception {
        broker = MosquittoBroker.start();
        rt = OsgiRuntime.start("session", OsgiRuntime.GATEWAY);
        ca = rt.service(ConfigurationAdmin.class, 10_000);
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

    static Hashtable<String, Object> config(String clientId) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("client_id", clientId);
        p.put("server", "127.0.0.1");
        p.put("port", broker.port());
        p.put("keepalive", 10);
        p.put("response_time", 2.0);
        p.put("user", "");                          // as Kura's form sends unset fields
        p.put("password", "it-secret-password");    // must never show up as a service property
        p.put("will", new String[] { "", "", "false", "0" });
        return p;
    }

    static void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + max + " waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    static boolean connected(Object client) {
        try {
            return (Boolean) OsgiRuntime.call(client, "isConnected");
        } catch (Exception e) {
            return false;
        }
    }

    static Object client(String clientId) throws Exception {
        return rt.service(CLIENT, "(client_id=" + clientId + ")", 15_000);
    }

    @Test
    void metatypeDescribesTheFactoryPidWithEveryKey() throws Exception {
        org.osgi.service.metatype.MetaTypeService mts = rt.service(org.osgi.service.metatype.MetaTypeService.class, 10_000);
        org.osgi.service.metatype.MetaTypeInformation info = mts.getMetaTypeInformation(rt.bundle("io.mqttas.session"));
        assertTrue(Arrays.asList(info.getFactoryPids()).contains(PID), Arrays.toString(info.getFactoryPids()));
        org.osgi.service.metatype.ObjectClassDefinition ocd = info.getObjectClassDefinition(PID, null);
        java.util.Map<String, org.osgi.service.metatype.AttributeDefinition> ads = new java.util.HashMap<>();
        for (org.osgi.service.metatype.AttributeDefinition ad : ocd.getAttributeDefinitions(org.osgi.service.metatype.ObjectClassDefinition.ALL)) {
            ads.put(ad.getID(), ad);
        }
        for (String k : new String[] { "client_id", "server", "port", "user", "password", "keepalive", "ping_interval", "ssl",
            "ssl_params.server_hostname", "response_time", "clean_init", "clean", "max_repubs", "will", "queue_len", "ssid",
            "wifi_pw", "outbox" }) {
            assertTrue(ads.containsKey(k), k + " missing: " + ads.keySet());
        }
        assertEquals("60", ads.get("keepalive").getDefaultValue()[0]);
        assertEquals("10.0", ads.get("response_time").getDefaultValue()[0]);
        assertEquals("4", ads.get("max_repubs").getDefaultValue()[0]);
        assertEquals("true", ads.get("clean_init").getDefaultValue()[0]);
        String rejected = ads.get("keepalive").validate("-1");
        assertTrue(rejected != null && !rejected.isEmpty(), "keepalive range 0..65535 enforced by the metatype");
        assertEquals(4, ads.get("will").getCardinality());
        for (String secret : new String[] { "password", "wifi_pw", "ssl_params.key_password" }) {
            assertEquals(org.osgi.service.metatype.AttributeDefinition.PASSWORD, ads.get(secret).getType(), secret);
        }
        assertNotNull(rt.bundle("io.mqttas.session").getEntry("OSGI-INF/metatype/" + PID + ".xml"));
    }

    @Test
    void connectsRegistersAndPublishesToARealBroker() throws Exception {
        Configuration c = ca.createFactoryConfiguration(PID, "?");
        c.update(config("it-basic"));
        try (MqttSubscriber sub = MqttSubscriber.start(broker, "it/basic/#", 1)) {
            Object client = client("it-basic");
            assertNotNull(client, "MqttClient service for client_id it-basic");
            await("connected", Duration.ofSeconds(20), () -> connected(client));

            ServiceReference<?> ref = rt.context().getServiceReferences(CLIENT, "(client_id=it-basic)")[0];
            assertEquals("127.0.0.1", ref.getProperty("server"));
            assertEquals(c.getPid(), ref.getProperty("service.pid"));
            assertTrue(Arrays.asList((String[]) ref.getProperty("objectClass")).contains("org.eclipse.kura.configuration.ConfigurableComponent"));
            for (String key : ref.getPropertyKeys()) {
                assertFalse(String.valueOf(ref.getProperty(key)).contains("it-secret-password"), "secret in service property " + key);
            }

            CompletableFuture<?> f = (CompletableFuture<?>) OsgiRuntime.call(client, "publish", "it/basic/1",
                    "hello".getBytes(StandardCharsets.UTF_8), false, 1);
            f.get(20, TimeUnit.SECONDS);
            MqttSubscriber.Message m = sub.awaitMessage(Duration.ofSeconds(10));
            assertEquals("it/basic/1", m.topic());
            assertEquals("hello", m.payloadUtf8());
        } finally {
            c.delete();
        }
    }

    @Test
    void gogoCommandsReportAndPublish() throws Exception {
        Configuration c = ca.createFactoryConfiguration(PID, "?");
        c.update(config("it-gogo"));
        try (MqttSubscriber sub = MqttSubscriber.start(broker, "it/gogo", 1)) {
            Object client = client("it-gogo");
            await("connected", Duration.ofSeconds(20), () -> connected(client));
            Object commands = rt.service("io.mqttas.session.component.MqttCommands", "(osgi.command.scope=mqtt)", 10_000);
            assertNotNull(commands, "Gogo command service");
            ServiceReference<?> ref = rt.context().getServiceReferences("io.mqttas.session.component.MqttCommands", null)[0];
            assertEquals(Set.of("status", "pub", "sub", "disconnect"),
                    new HashSet<>(Arrays.asList((String[]) ref.getProperty("osgi.command.function"))));
            String status = (String) OsgiRuntime.call(commands, "status");
            assertTrue(status.contains("it-gogo") && status.contains("127.0.0.1"), status);
            String out = (String) commands.getClass().getMethod("pub", String.class, String.class, String.class, int.class)
                    .invoke(commands, "it-gogo", "it/gogo", "from the shell", 1);
            assertTrue(out.contains("it/gogo"), out);
            assertEquals("from the shell", sub.awaitMessage(Duration.ofSeconds(10)).payloadUtf8());
        } finally {
            c.delete();
        }
    }

    @Test
    void modifiedKeepsEveryQos1PublicationAndDeleteStopsEverything() throws Exception {
        ThreadLeakCheck threads = ThreadLeakCheck.snapshot("mqttas-");
        Configuration c = ca.createFactoryConfiguration(PID, "?");
        c.update(config("it-modified"));
        int n = 300;
        try (MqttSubscriber sub = MqttSubscriber.start(broker, "it/modified/#", 1)) {
            Object client = client("it-modified");
            await("connected", Duration.ofSeconds(20), () -> connected(client));
            List<CompletableFuture<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add((CompletableFuture<?>) OsgiRuntime.call(client, "publish", "it/modified/" + i,
                        ("m" + i).getBytes(StandardCharsets.UTF_8), false, 1));
                if (i == n / 3 || i == 2 * n / 3) {
                    Hashtable<String, Object> p = config("it-modified");
                    p.put("keepalive", i == n / 3 ? 20 : 30);   // a real change: the client behind the service is replaced
                    c.update(p);
                }
                if (i % 50 == 0) {
                    Thread.sleep(20);
                }
            }
            for (CompletableFuture<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);   // every publication is acknowledged, none failed by the switch
            }
            List<MqttSubscriber.Message> got = sub.awaitMessages(n, Duration.ofSeconds(30));
            Set<String> distinct = new HashSet<>();
            got.forEach(m -> distinct.add(m.payloadUtf8()));
            for (int i = 0; i < n; i++) {
                assertTrue(distinct.contains("m" + i), "message m" + i + " lost across @Modified");
            }
            assertTrue(client == client("it-modified"), "consumers keep the same service object across @Modified");
        }
        c.delete();
        await("service unregistered", Duration.ofSeconds(20), () -> {
            try {
                return !rt.hasService(CLIENT, "(client_id=it-modified)");
            } catch (Exception e) {
                return false;
            }
        });
        try {
            await("threads of the deleted client gone", Duration.ofSeconds(20),
                    () -> threads.newThreadNames().stream().noneMatch(t -> t.contains("it-modified") || t.startsWith("mqttas-session")));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + threads.newThreadNames());
        }
        assertNull(rt.context().getServiceReferences(CLIENT, "(client_id=it-modified)"));
    }
}
