/* DESIGN.md §5: what reaches MqttConfig.fromMap from ConfigAdmin / Kura, and what reaches the log. */
package io.mqttas.session.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigKeysTest {

    @Test
    void frameworkPropertiesAndEmptyFormFieldsAreDropped() {
        Map<String, Object> p = new HashMap<>();
        p.put("service.pid", "io.mqttas.session~1");
        p.put("service.factoryPid", "io.mqttas.session");
        p.put("kura.service.pid", "mqtt-1");
        p.put("component.name", "io.mqttas.session");
        p.put("component.id", 7L);
        p.put("felix.fileinstall.filename", "file:/x");
        p.put("NetworkLink.target", "(x=y)");
        p.put("server", "broker.example");
        p.put("user", "");
        p.put("servers", new String[] { "" });
        p.put("ssl_params.cert_reqs", "");
        p.put("will", new String[] { "", "", "false", "0" });
        p.put("keepalive", 30);
        Map<String, Object> e = ConfigKeys.effective(p);
        assertEquals(3, e.size(), "server, keepalive, will: " + e);
        assertEquals("broker.example", e.get("server"));
        assertEquals(30, e.get("keepalive"));
        assertTrue(e.containsKey("will"), "will is passed on: MqttConfig reads an all-empty will as 'no will'");
    }

    @Test
    void theLogLineNeverShowsASecret() {
        Map<String, Object> p = Map.of("server", "b", "user", "u", "password", "hunter2", "wifi_pw", "wifipass",
                "ssl_params.key_password", "keypass");
        String line = ConfigKeys.describe(ConfigKeys.effective(p));
        assertFalse(line.contains("hunter2") || line.contains("wifipass") || line.contains("keypass"), line);
        assertTrue(line.contains("password=(set)"), line);
        assertTrue(line.contains("user=u"), line);
    }

    @Test
    void configurationsCompareArraysByContent() {
        Map<String, Object> a = Map.of("server", "b", "will", new String[] { "t", "m", "false", "1" });
        Map<String, Object> b = Map.of("server", "b", "will", new String[] { "t", "m", "false", "1" });
        Map<String, Object> c = Map.of("server", "b", "will", new String[] { "t", "m", "true", "1" });
        assertTrue(ConfigKeys.same(a, b));
        assertFalse(ConfigKeys.same(a, c));
    }

    @Test
    void drainTimeFollowsResponseTimeAndRepubs() {
        assertEquals(50_000, ConfigKeys.drainMillis(Map.of()));
        assertEquals(6_000, ConfigKeys.drainMillis(Map.of("response_time", 2.0, "max_repubs", 2)));
        assertEquals(60_000, ConfigKeys.drainMillis(Map.of("response_time", 100)));
    }

    @Test
    void aBrokerOnLoopbackIgnoresTheNetworkLink() {
        assertTrue(SessionComponent.onThisHost("localhost"));
        assertTrue(SessionComponent.onThisHost("127.0.0.1"));
        assertTrue(SessionComponent.onThisHost("::1"));
        assertFalse(SessionComponent.onThisHost("192.0.2.10"));
        assertFalse(SessionComponent.onThisHost("broker.example"));
    }
}
