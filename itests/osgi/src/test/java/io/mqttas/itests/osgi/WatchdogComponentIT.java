/*
 * Issue 4 item 3 in a real framework: the watchdog runs with its defaults, its metatype (what Kura's
 * web UI renders) lists every key with its default, and a ConfigAdmin update re-targets it live.
 */
package io.mqttas.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

class WatchdogComponentIT {
    private static final String PID = "io.mqttas.watchdog";
    private static OsgiRuntime rt;

    @BeforeAll
    static void boot() throws Exception {
        rt = OsgiRuntime.start("watchdog", OsgiRuntime.GATEWAY);
    }

    @AfterAll
    static void shutdown() throws Exception {
        rt.close();
    }

    @Test
    void metatypeListsEveryKeyWithItsDefault() throws Exception {
        MetaTypeService mts = rt.service(MetaTypeService.class, 10_000);
        MetaTypeInformation info = mts.getMetaTypeInformation(rt.bundle("io.mqttas.watchdog"));
        assertTrue(Arrays.asList(info.getPids()).contains(PID), "pids: " + Arrays.toString(info.getPids()));
        ObjectClassDefinition ocd = info.getObjectClassDefinition(PID, null);
        Map<String, String> defaults = new LinkedHashMap<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            String[] d = ad.getDefaultValue();
            defaults.put(ad.getID(), d == null ? null : String.join(",", d));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("interface_name", "");
        expected.put("ssid", "");
        expected.put("wifi_pw", "");
        expected.put("source", "auto");
        expected.put("poll_interval_ms", "1000");
        expected.put("stable_s", "5");
        expected.put("cycle_link", "false");
        expected.put("cycle_down_command", "nmcli device disconnect {interface}");
        expected.put("cycle_up_command", "nmcli device connect {interface}");
        expected.put("cycle_down_time_ms", "1000");
        expected.put("command_timeout_s", "30");
        expected.put("wan_dns_server", "8.8.8.8");
        expected.put("wan_dns_port", "53");
        expected.put("wan_dns_name", "www.google.com");
        expected.put("wan_timeout_ms", "3000");
        assertEquals(expected, defaults);
        AttributeDefinition pw = Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .filter(a -> a.getID().equals("wifi_pw")).findFirst().orElseThrow();
        assertEquals(AttributeDefinition.PASSWORD, pw.getType(), "wifi_pw is a password field");
        assertNotNull(rt.bundle("io.mqttas.watchdog").getEntry("OSGI-INF/metatype/" + PID + ".xml"),
                "Kura reads OSGI-INF/metatype/<pid>.xml by name");
    }

    @Test
    void runsWithDefaultsAndFollowsConfigurationUpdates() throws Exception {
        Object link = rt.service("io.mqttas.watchdog.NetworkLink", null, 10_000);
        assertNotNull(link, "NetworkLink registered without any configuration (policy optional)");
        assertEquals("any interface (jvm)", OsgiRuntime.call(link, "describe"));
        ServiceReference<?> ref = rt.context().getServiceReferences("io.mqttas.watchdog.NetworkLink", null)[0];
        String[] classes = (String[]) ref.getProperty("objectClass");
        assertTrue(Arrays.asList(classes).contains("org.eclipse.kura.configuration.ConfigurableComponent"),
                Arrays.toString(classes));

        ConfigurationAdmin ca = rt.service(ConfigurationAdmin.class, 10_000);
        Configuration c = ca.getConfiguration(PID, "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("interface_name", "mqttas-no-such-if0");
        props.put("poll_interval_ms", 50);
        props.put("wifi_pw", "s3cret-not-logged");
        c.update(props);
        for (String key : ref.getPropertyKeys()) {
            assertFalse(String.valueOf(ref.getProperty(key)).contains("s3cret"), "wifi_pw exposed as service property " + key);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"mqttas-no-such-if0 (jvm)".equals(OsgiRuntime.call(link, "describe")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("mqttas-no-such-if0 (jvm)", OsgiRuntime.call(link, "describe"), "@Modified applied the new interface");
        Thread.sleep(300);
        assertFalse((Boolean) OsgiRuntime.call(link, "isUp"), "a missing interface is down");
        assertEquals(Boolean.FALSE, OsgiRuntime.call(link, "awaitStable", java.time.Duration.ofMillis(200)));
        c.delete();
        deadline = System.currentTimeMillis() + 10_000;
        Object again = null;
        while (System.currentTimeMillis() < deadline) {
            again = rt.service("io.mqttas.watchdog.NetworkLink", null, 1000);
            if (again != null && "any interface (jvm)".equals(OsgiRuntime.call(again, "describe"))) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("any interface (jvm)", OsgiRuntime.call(again, "describe"), "back to defaults after delete");
        assertEquals(0, Arrays.stream(rt.context().getBundles()).filter(b -> b.getState() != org.osgi.framework.Bundle.ACTIVE
                && b.getHeaders().get("Fragment-Host") == null).collect(Collectors.toList()).size());
    }
}
