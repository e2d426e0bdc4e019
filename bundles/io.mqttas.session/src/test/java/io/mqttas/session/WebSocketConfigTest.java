/* Issue 13 item 6: server URLs (mqtt, mqtts, ws, wss), websocket_path and websocket_proxy — parsed, defaulted and refused with the key named. */
package io.mqttas.session;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketConfigTest {

    private static MqttConfig.Server first(MqttConfig.Builder b) {
        return b.clientId("x").build().servers().get(0);
    }

    @Test
    void plainHostNamesStayAsTheyWere() {
        MqttConfig.Server s = first(MqttConfig.builder().server("broker.local"));
        assertEquals(new MqttConfig.Server("broker.local", 1883), s);
        assertNull(s.scheme());
        assertFalse(s.webSocket());
        assertEquals("broker.local:1883", s.toString());
        assertEquals(8883, first(MqttConfig.builder().server("b").ssl(true)).port());
    }

    @Test
    void urlsNameTheirTransportAndGetTheirSchemesDefaultPorts() {
        assertEquals(new MqttConfig.Server("b", 80, "ws", "/mqtt"), first(MqttConfig.builder().server("ws://b")));
        assertEquals(new MqttConfig.Server("b", 443, "wss", "/mqtt"), first(MqttConfig.builder().server("wss://b")));
        assertEquals(new MqttConfig.Server("b", 1883, "mqtt", null), first(MqttConfig.builder().server("mqtt://b")));
        assertEquals(new MqttConfig.Server("b", 8883, "mqtts", null), first(MqttConfig.builder().server("mqtts://b/")));
        assertEquals(new MqttConfig.Server("b", 9001, "ws", "/"), first(MqttConfig.builder().server("WS://b:9001/")));
        assertEquals(new MqttConfig.Server("b", 9001, "ws", "/mqtt"), first(MqttConfig.builder().server("ws://b").port(9001)),
                "port applies to a URL without one");
        assertEquals(new MqttConfig.Server("::1", 8080, "ws", "/a/b?token=x%20y"),
                first(MqttConfig.builder().server("ws://[::1]:8080/a/b?token=x%20y")));
        assertEquals("ws://[::1]:8080/a/b?…", first(MqttConfig.builder().server("ws://[::1]:8080/a/b?token=x%20y")).toString(),
                "a query (a token, a signature) is not shown in logs");
        MqttConfig c = MqttConfig.builder().server("ws://b").websocketPath("/ws").clientId("x").build();
        assertEquals("/ws", c.servers().get(0).path(), "websocket_path when the URL names no path");
        assertEquals("b", c.server());
        assertTrue(c.servers().get(0).webSocket());
        assertTrue(MqttConfig.builder().server("mqtts://b").clientId("x").build().anyTls(), "mqtts:// is TLS without ssl=true");
        assertFalse(MqttConfig.builder().server("ws://b").clientId("x").build().anyTls());
    }

    @Test
    void fromMapAcceptsUrlsInServerAndServers() {
        MqttConfig c = MqttConfig.fromMap(Map.of("server", "ws://a:9001/mqtt", "servers", new String[] {"wss://b/x", "c:1884", "mqtt://d"},
                "websocket_path", "/p", "websocket_proxy", "proxy.local:3128", "client_id", "x"));
        assertEquals(List.of(new MqttConfig.Server("a", 9001, "ws", "/mqtt"), new MqttConfig.Server("b", 443, "wss", "/x"),
                new MqttConfig.Server("c", 1884), new MqttConfig.Server("d", 1883, "mqtt", null)), c.servers());
        assertEquals("proxy.local:3128", c.websocketProxy());
        assertEquals("/p", c.websocketPath());
        MqttConfig again = c.toBuilder().build();
        assertEquals(c.servers(), again.servers(), "toBuilder keeps the URLs");
        assertEquals("", MqttConfig.fromMap(Map.of("server", "ws://a")).websocketProxy(), "no proxy by default");
        assertEquals("/mqtt", MqttConfig.fromMap(Map.of("server", "ws://a")).websocketPath());
    }

    @Test
    void badUrlsAndValuesAreRefusedNamingKeyAndValue() {
        assertKey("server", () -> MqttConfig.builder().server("http://b"), "unknown scheme");
        assertKey("server", () -> MqttConfig.builder().server("ws://user:pw@b"), "user:password");
        assertKey("server", () -> MqttConfig.builder().server("ws://"), "ws://");
        assertKey("server", () -> MqttConfig.builder().server("mqtt://b/path"), "a path only with ws://");
        assertKey("server", () -> MqttConfig.builder().server("ws://b/#frag"), "fragment");
        assertKey("server", () -> MqttConfig.fromMap(Map.of("server", "ws://b:99999")), "ws://b:99999");
        assertKey("servers", () -> MqttConfig.fromMap(Map.of("server", "a", "servers", "ftp://b")), "ftp://b");
        assertKey("websocket_path", () -> MqttConfig.builder().websocketPath("mqtt"), "starting with /");
        assertKey("websocket_path", () -> MqttConfig.builder().websocketPath("/a b"), "/a b");
        assertKey("websocket_proxy", () -> MqttConfig.builder().websocketProxy("proxy"), "host:port");
        assertKey("websocket_proxy", () -> MqttConfig.builder().websocketProxy("proxy:0"), "proxy:0");
        assertKey("ssl", () -> MqttConfig.builder().server("ws://b").ssl(true).clientId("x").build(), "use mqtts:// or wss://");
        assertKey("ssl", () -> MqttConfig.builder().server("mqtt://b").ssl(true).clientId("x").build(), "mqtt://b");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> MqttConfig.builder().server("ws://user:secret@b"));
        assertFalse(e.getMessage().contains("secret"), "credentials in a URL are never echoed: " + e.getMessage());
    }

    private static void assertKey(String key, org.junit.jupiter.api.function.Executable x, String inMessage) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, x);
        assertTrue(e.getMessage().contains(key), "names the key " + key + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(inMessage), "says '" + inMessage + "': " + e.getMessage());
    }
}
