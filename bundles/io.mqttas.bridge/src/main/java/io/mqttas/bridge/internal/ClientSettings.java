/* spec/bridge.md §5.3: the MQTT client configuration the bridge derives from INIT and WILL. */
package io.mqttas.bridge.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the map for {@code MqttConfig.fromMap} with the original dict keys verbatim
 * (DESIGN.md §5): server, port, user, password, keepalive, ping_interval, clean, max_repubs,
 * response_time, ssl, ssl_params.KEY, will as {topic, msg, retain, qos}, client_id, and
 * queue_len 0 (callback interface: the bridge adds listeners).
 */
public final class ClientSettings {
    private ClientSettings() {
    }

    public static Map<String, Object> toConfigMap(InitRecord init, WillRecord will, String clientId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_id", clientId);
        m.put("server", init.broker());
        m.put("port", init.effectivePort());
        m.put("user", init.user());
        m.put("password", init.password());
        m.put("keepalive", init.keepalive());
        m.put("ping_interval", init.pingInterval());
        m.put("clean", init.cleanSession());
        m.put("max_repubs", init.maxRepubs());
        m.put("response_time", init.responseTime());
        m.put("ssl", init.ssl());
        for (Map.Entry<String, String> e : init.sslParams().entrySet()) {
            m.put("ssl_params." + e.getKey(), e.getValue());
        }
        if (will != null) {
            m.put("will", new String[] {will.topic(), will.message(), Boolean.toString(will.retain()),
                    Integer.toString(will.qos())});
        }
        m.put("queue_len", 0);
        return m;
    }
}
