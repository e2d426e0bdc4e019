/* Issue 10 items 1–3: transport properties as Kura delivers them, made into an MqttConfig. */
package io.mqttas.kura.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.mqttas.session.InvalidConfigException;
import io.mqttas.session.MqttConfig;

class TransportSettingsTest {

    /** What Kura's ConfigurationService hands a new instance: every metatype default, text fields empty. */
    static Map<String, Object> kuraDefaults() {
        Map<String, Object> p = new HashMap<>();
        p.put("server", "");
        p.put("port", 0);
        p.put("servers", new String[] { "" });
        p.put("client_id", "");
        p.put("user", "");
        p.put("password", "");
        p.put("account_name", "");
        p.put("keepalive", 60);
        p.put("timeout", 20);
        p.put("clean", true);
        p.put("will", new String[] { "", "", "false", "0" });
        p.put("ssl", false);
        p.put("ssl_params.keystore_service_pid", "");
        p.put("ssl_params.cert_reqs", "");
        p.put("response_time", 10.0);
        p.put("kura.service.pid", "io.mqttas.kura.DataTransport");
        p.put("service.pid", "io.mqttas.kura.MqttasDataTransport.abc");
        p.put("service.factoryPid", "io.mqttas.kura.MqttasDataTransport");
        p.put("component.name", "io.mqttas.kura.MqttasDataTransport");
        p.put("component.id", 12L);
        p.put("kura.ui.service.hide", true);
        return p;
    }

    @Test
    void kuraDefaultsAreIdleSayingWhy() {
        TransportSettings s = TransportSettings.of(kuraDefaults(), UnaryOperator.identity());
        assertNotNull(s.idleReason());
        assertTrue(s.idleReason().contains("server"), s.idleReason());
        assertEquals("", s.brokerUrl());
    }

    @Test
    void secretsAreRevealedAndNeverDescribed() {
        Map<String, Object> p = kuraDefaults();
        p.put("server", "broker.example");
        p.put("user", "gw");
        p.put("password", "CIPHER");
        p.put("ssl_params.key_password", "KEYCIPHER");
        p.put("account_name", "acme");
        p.put("ssl_params.keystore_service_pid", "SSLKeystore");
        p.put("timeout", 7);
        TransportSettings s = TransportSettings.of(p, v -> v.equals("CIPHER") ? "plain-pw" : v.equals("KEYCIPHER") ? "key-pw" : v);
        assertNull(s.idleReason());
        MqttConfig c = s.config(null, null);
        assertArrayEquals("plain-pw".getBytes(StandardCharsets.UTF_8), c.password());
        assertEquals("key-pw", c.sslParams().get("key_password"));
        assertEquals("acme", s.accountName());
        assertEquals("SSLKeystore", s.keystorePid());
        assertEquals(7, s.timeout().toSeconds());
        assertEquals("mqtt://broker.example:1883/", s.brokerUrl());
        assertEquals(0, c.queueLen(), "the transport uses the callback interface");
        assertFalse(s.describe().contains("plain-pw") || s.describe().contains("CIPHER") || s.describe().contains("key-pw"), s.describe());
    }

    @Test
    void aBadValueNamesTheKey() {
        Map<String, Object> p = kuraDefaults();
        p.put("server", "broker.example");
        p.put("keepalive", 99999);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> TransportSettings.of(p, UnaryOperator.identity()));
        assertTrue(e.getMessage().contains("keepalive") && e.getMessage().contains("99999"), e.getMessage());
        p.put("keepalive", 60);
        p.put("timeout", 0);
        e = assertThrows(InvalidConfigException.class, () -> TransportSettings.of(p, UnaryOperator.identity()));
        assertTrue(e.getMessage().contains("timeout"), e.getMessage());
    }

    @Test
    void sameAsComparesRevealedValues() {
        Map<String, Object> p = kuraDefaults();
        p.put("server", "b");
        p.put("user", "u");
        p.put("password", "X");
        TransportSettings a = TransportSettings.of(p, UnaryOperator.identity());
        assertTrue(a.sameAs(TransportSettings.of(new HashMap<>(p), UnaryOperator.identity())));
        assertFalse(a.sameAs(TransportSettings.of(p, v -> "decrypted")), "a password that now decrypts differently is a change");
    }

    @Test
    void topicVariablesAsKurasTransport() {
        TopicContext t = new TopicContext("acme", "gw-1");
        assertEquals("$EDC/acme/gw-1/MQTT/LWT", t.apply("$EDC/#account-name/#client-id/MQTT/LWT"));
        assertEquals("a/#", t.apply("a/#"));
        assertEquals("x/#other/y", t.apply("x/#other/y"));
        assertEquals("#account-name/z", new TopicContext("", "c").apply("#account-name/z"), "unset account name left as is");
    }

    /** Issue 13 item 6: a server given as a URL keeps its scheme (and a WebSocket its path) in Kura's broker URL. */
    @Test
    void brokerUrlOfAServerUrl() {
        Map<String, Object> p = kuraDefaults();
        p.put("server", "wss://broker.example/mqtt");
        assertEquals("wss://broker.example:443/mqtt", TransportSettings.of(p, v -> v).brokerUrl());
        p.put("server", "mqtts://broker.example");
        assertEquals("mqtts://broker.example:8883/", TransportSettings.of(p, v -> v).brokerUrl());
    }
}
