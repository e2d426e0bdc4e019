/*
 * Kura's lesson (STYLE.md: "defaults that differ between code and metatype"): every default of the
 * metatype equals MqttConfig's default, and every metatype key is one MqttConfig.fromMap accepts.
 */
package io.mqttas.session.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.mqttas.session.MqttConfig;

class SessionConfigDefaultsTest {

    /** The metatype key of an annotation method, by the OSGi name mapping rules ("__" → "_", "_" → "."). */
    static String key(Method m) {
        return m.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    static Map<String, Object> metatypeDefaults() {
        Map<String, Object> d = new HashMap<>();
        for (Method m : SessionConfig.class.getDeclaredMethods()) {
            if (m.getDefaultValue() != null) {
                d.put(key(m), m.getDefaultValue());
            }
        }
        return d;
    }

    @Test
    void metatypeDefaultsEqualTheClientsDefaults() {
        Map<String, Object> d = metatypeDefaults();
        MqttConfig code = MqttConfig.fromMap(Map.of("server", "broker.example"));
        assertEquals(code.port(), d.get("port"));
        assertEquals(code.user(), d.get("user"));
        assertEquals(code.password().length, ((String) d.get("password")).length());
        assertEquals(code.keepalive(), d.get("keepalive"));
        assertEquals(code.pingInterval(), d.get("ping_interval"));
        assertEquals(code.ssl(), d.get("ssl"));
        assertEquals(code.responseTime(), d.get("response_time"));
        assertEquals(code.cleanInit(), d.get("clean_init"));
        assertEquals(code.clean(), d.get("clean"));
        assertEquals(code.maxRepubs(), d.get("max_repubs"));
        assertEquals(code.queueLen(), d.get("queue_len"));
        assertEquals(code.maxInflight(), d.get("max_inflight"));
        assertEquals(code.reconnectDelayMin(), d.get("reconnect_delay_min"));
        assertEquals(code.reconnectDelayMax(), d.get("reconnect_delay_max"));
        assertEquals(code.reconnectJitter(), d.get("reconnect_jitter"));
        assertEquals(code.stabilityTime(), d.get("stability_time"));
        assertEquals(code.maxPacketSize(), d.get("max_packet_size"));
        assertEquals(code.outbox(), d.get("outbox"));
        assertEquals(code.outboxMaxBytes(), d.get("outbox_max_bytes"));
        assertEquals(code.outboxOverflow().name().toLowerCase(), d.get("outbox_overflow"));
        assertEquals(code.wanOkServer(), d.get("wan_ok_server"));
        assertEquals(null, code.will());
        assertArrayEquals(new String[] { "", "", "false", "0" }, (String[]) d.get("will"));
    }

    @Test
    void theFormWithEveryDefaultBuildsTheDefaultClient() {
        Map<String, Object> form = new HashMap<>(metatypeDefaults());
        form.put("server", "broker.example");
        // as the Kura web UI / ConfigAdmin delivers it: empty fields dropped, the rest verbatim
        MqttConfig fromForm = MqttConfig.fromMap(ConfigKeys.effective(form));
        MqttConfig plain = MqttConfig.fromMap(Map.of("server", "broker.example"));
        assertEquals(plain.keepalive(), fromForm.keepalive());
        assertEquals(plain.effectivePort(), fromForm.effectivePort());
        assertEquals(plain.will(), fromForm.will());
        assertEquals(plain.sslParams(), fromForm.sslParams());
        assertEquals(plain.outboxOverflow(), fromForm.outboxOverflow());
    }

    @Test
    void docsListEveryMetatypeKey() throws Exception {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("../../docs/osgi.md"));
        for (Method m : SessionConfig.class.getDeclaredMethods()) {
            assertTrue(docs.contains("`" + key(m) + "`"), "docs/osgi.md does not list key " + key(m));
        }
    }

    @Test
    void everyKeyOfDesignSection5IsInTheMetatype() {
        TreeSet<String> keys = new TreeSet<>();
        for (Method m : SessionConfig.class.getDeclaredMethods()) {
            keys.add(key(m));
        }
        for (String k : new String[] { "client_id", "server", "port", "user", "password", "keepalive", "ping_interval", "ssl",
            "response_time", "clean_init", "clean", "max_repubs", "will", "queue_len", "ssid", "wifi_pw" }) {
            assertTrue(keys.contains(k), k + " missing from the metatype: " + keys);
        }
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("ssl_params.")), "ssl_params flattened");
    }
}
