/* spec/mqtt_as.md §2: every key, its default, its range; fromMap as ConfigAdmin delivers values. */
package io.mqttas.session;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MqttConfigTest {

    private static MqttConfig.Builder base() {
        return MqttConfig.builder().server("broker");
    }

    @Test
    void defaultsAreTheOriginals() {
        MqttConfig c = base().build();
        assertEquals(1883, c.effectivePort());
        assertEquals("", c.user());
        assertEquals(0, c.password().length);
        assertEquals(60, c.keepalive());
        assertEquals(0, c.pingInterval());
        assertFalse(c.ssl());
        assertTrue(c.sslParams().isEmpty());
        assertEquals(10_000, c.responseTimeMillis());
        assertTrue(c.cleanInit());
        assertTrue(c.clean());
        assertEquals(4, c.maxRepubs());
        assertNull(c.will());
        assertEquals(0, c.queueLen());
        assertSame(LinkMonitor.ALWAYS_UP, c.linkMonitor());
        assertTrue(c.clientId().startsWith("mqttas-"));
        assertEquals("", c.outbox());
        assertEquals(20, c.maxInflight());
    }

    @Test
    void sslChangesTheDefaultPort() {
        assertEquals(8883, base().ssl(true).build().effectivePort());
        assertEquals(9000, base().ssl(true).port(9000).build().effectivePort());
    }

    @Test
    void pingIntervalDerivationExactlyAsSection2() {
        assertEquals(15_000, base().keepalive(60).build().pingIntervalMillis());
        assertEquals(30_000, base().keepalive(120).build().pingIntervalMillis());
        assertEquals(20_000, base().keepalive(0).build().pingIntervalMillis());
        assertEquals(5_000, base().keepalive(60).pingInterval(5).build().pingIntervalMillis());
        assertEquals(15_000, base().keepalive(60).pingInterval(30).build().pingIntervalMillis());
        assertEquals(250, base().keepalive(1).build().pingIntervalMillis());
    }

    @Test
    void noServerIsRejected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> MqttConfig.builder().build());
        assertEquals("server", e.key());
        assertThrows(InvalidConfigException.class, () -> MqttConfig.fromMap(Map.of("port", 1883)));
    }

    @Test
    void errorsNameKeyValueAndRange() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> base().keepalive(65_536));
        assertEquals("keepalive", e.key());
        assertEquals("65536", e.value());
        assertTrue(e.getMessage().contains("0..65535"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> base().port(-1));
        assertEquals("port", e.key());
        e = assertThrows(InvalidConfigException.class, () -> base().responseTime(0));
        assertEquals("response_time", e.key());
        e = assertThrows(InvalidConfigException.class, () -> base().will("t/+", "x", false, 0));
        assertEquals("will", e.key());
        e = assertThrows(InvalidConfigException.class, () -> base().will("t", "x", false, 3));
        assertTrue(e.getMessage().contains("qos 0, 1 or 2"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> base().will("", "x", false, 0));
        assertTrue(e.getMessage().contains("Empty topic"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> base().maxInflight(0));
        assertEquals("max_inflight", e.key());
        e = assertThrows(InvalidConfigException.class, () -> base().reconnectDelayMin(5).reconnectDelayMax(1).build());
        assertEquals("reconnect_delay_max", e.key());
        assertTrue(base().mqttv5(true).build().mqttv5());
    }

    @Test
    void mqttv5ConPropsTakeTheFlattenedConfigAdminFormByNameOrId() {
        Map<String, Object> m = new HashMap<>();
        m.put("server", "b");
        m.put("mqttv5", true);
        m.put("mqttv5_con_props.session_expiry_interval", "3600");
        m.put("mqttv5_con_props.0x21", 16);
        m.put("mqttv5_con_props.user_property.site", "north");
        m.put("mqttv5_will_props.will_delay_interval", 5);
        MqttConfig c = MqttConfig.fromMap(m);
        assertEquals(3600, c.mqttv5ConProps().sessionExpiryInterval().getAsLong());
        assertEquals(16, c.mqttv5ConProps().receiveMaximum().getAsInt());
        assertEquals("north", c.mqttv5ConProps().userProperties().get(0).value());
        assertEquals(5, c.mqttv5WillProps().willDelayInterval().getAsLong());
    }

    @Test
    void mqttv5ConPropsErrorsNameTheKeyAndTheRule() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> base().mqttv5(true).property("mqttv5_con_props", "no_such_thing", 1));
        assertEquals("mqttv5_con_props.no_such_thing", e.key());
        e = assertThrows(InvalidConfigException.class, () -> base().mqttv5(true).property("mqttv5_con_props", "receive_maximum", 0));
        assertEquals("mqttv5_con_props.receive_maximum", e.key());
        e = assertThrows(InvalidConfigException.class, () -> base().mqttv5(true).property("mqttv5_con_props", "content_type", "x"));
        assertEquals("mqttv5_con_props", e.key(), "Content Type is not a CONNECT property");
        e = assertThrows(InvalidConfigException.class, () -> base().property("mqttv5_con_props", "session_expiry_interval", 1).build());
        assertEquals("mqttv5_con_props", e.key(), "properties need mqttv5");
    }

    @Test
    void fromMapTakesTheDictKeysVerbatim() {
        Map<String, Object> m = new HashMap<>();
        m.put("client_id", "gw-1");
        m.put("server", "broker.local");
        m.put("port", 1884);
        m.put("user", "u");
        m.put("password", "secret");
        m.put("keepalive", 120L);
        m.put("ping_interval", "7.5");
        m.put("response_time", 3);
        m.put("clean_init", "false");
        m.put("clean", Boolean.FALSE);
        m.put("max_repubs", "2");
        m.put("queue_len", 4);
        m.put("ssid", "home");
        m.put("wifi_pw", "pw");
        m.put("gateway", false);
        m.put("will", new String[] {"dead/gw-1", "gone", "true", "1"});
        m.put("max_inflight", 5);
        m.put("servers", new String[] {"backup:1885", "third"});
        MqttConfig c = MqttConfig.fromMap(m);
        assertEquals("gw-1", c.clientId());
        assertEquals(List.of(new MqttConfig.Server("broker.local", 1884), new MqttConfig.Server("backup", 1885),
                new MqttConfig.Server("third", 1884)), c.servers());
        assertEquals("u", c.user());
        assertArrayEquals("secret".getBytes(), c.password());
        assertEquals(120, c.keepalive());
        assertEquals(7_500, c.pingIntervalMillis());
        assertEquals(3_000, c.responseTimeMillis());
        assertFalse(c.cleanInit());
        assertFalse(c.clean());
        assertEquals(2, c.maxRepubs());
        assertEquals(4, c.queueLen());
        assertEquals("dead/gw-1", c.will().topic());
        assertArrayEquals("gone".getBytes(), c.will().message());
        assertTrue(c.will().retain());
        assertEquals(1, c.will().qos());
        assertEquals(5, c.maxInflight());
        assertFalse(c.toString().contains("secret"));
    }

    @Test
    void fromMapIgnoresFrameworkPropertiesAndRejectsUnknownKeys() {
        Map<String, Object> m = new HashMap<>();
        m.put("server", "b");
        m.put("service.pid", "io.mqttas.session.123");
        m.put("service.factoryPid", "io.mqttas.session");
        m.put("component.name", "io.mqttas.session");
        m.put("component.id", 7L);
        m.put("felix.fileinstall.filename", "file:/x.cfg");
        m.put("kura.service.pid", "mqtt");
        m.put("NetworkLink.target", "(name=wan)");
        m.put("objectClass", new String[] {"x"});
        m.put("ssl_params.server_hostname", "broker.example");
        m.put("ssl_params.cert_reqs", "CERT_REQUIRED");
        MqttConfig c = MqttConfig.fromMap(m);
        assertEquals("broker.example", c.sslParams().get("server_hostname"));
        m.put("keep_alive", 5);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> MqttConfig.fromMap(m));
        assertEquals("keep_alive", e.key());
        m.remove("keep_alive");
        m.put("ssl_params.bogus", "x");
        e = assertThrows(InvalidConfigException.class, () -> MqttConfig.fromMap(m));
        assertEquals("ssl_params.bogus", e.key());
        m.remove("ssl_params.bogus");
        m.put("ssl_params.cert_reqs", "sometimes");
        assertThrows(InvalidConfigException.class, () -> MqttConfig.fromMap(m));
    }

    @Test
    void fromMapRejectsBadTypesNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> MqttConfig.fromMap(Map.of("server", "b", "keepalive", "soon")));
        assertEquals("keepalive", e.key());
        e = assertThrows(InvalidConfigException.class, () -> MqttConfig.fromMap(Map.of("server", "b", "clean", "maybe")));
        assertEquals("clean", e.key());
        e = assertThrows(InvalidConfigException.class, () -> MqttConfig.fromMap(Map.of("server", "b", "will", new String[] {"t", "m", "false", "3"})));
        assertEquals("will", e.key());
        e = assertThrows(InvalidConfigException.class, () -> MqttConfig.fromMap(Map.of("server", "b", "subs_cb", "not code")));
        assertEquals("subs_cb", e.key());
    }

    @Test
    void emptyWillArrayMeansNoWill() {
        assertNull(MqttConfig.fromMap(Map.of("server", "b", "will", new String[] {"", "", "false", "0"})).will());
        assertNull(MqttConfig.fromMap(Map.of("server", "b", "will", new String[0])).will());
    }

    @Test
    void codeKeysGoThroughTheBuilderAndTheMap() {
        MessageListener ml = (t, p, r) -> { };
        LinkListener ll = up -> { };
        ConnectListener cl = client -> { };
        MqttConfig c = base().subsCb(ml).wifiCoro(ll).connectCoro(cl).build();
        assertSame(ml, c.subsCb());
        assertSame(ll, c.wifiCoro());
        assertSame(cl, c.connectCoro());
        MqttConfig d = MqttConfig.fromMap(Map.of("server", "b", "subs_cb", ml, "wifi_coro", ll, "connect_coro", cl));
        assertSame(ml, d.subsCb());
        assertSame(cl, d.connectCoro());
        assertSame(ll, c.toBuilder().build().wifiCoro());
    }
}
