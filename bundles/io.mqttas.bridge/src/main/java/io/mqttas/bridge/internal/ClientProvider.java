/* spec/bridge.md §5.3 and issue 5 item 3: the bridge's own client per session, or a shared one. */
package io.mqttas.bridge.internal;

import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mqttas.session.MqttClient;
import io.mqttas.session.MqttConfig;

/** Where a session's MQTT client comes from and what ending the session does to it. */
public interface ClientProvider {

    /** A client for a new session configured from INIT/WILL ({@code config}: dict keys verbatim). */
    MqttClient acquire(Map<String, Object> config);

    /** The session ended (host reset or new INIT). */
    void release(MqttClient client);

    /** Whether the client is shared: not connected or closed by the bridge, INIT's broker settings ignored. */
    boolean shared();

    /**
     * The original's behaviour: a new client per session, closed without DISCONNECT when the
     * session ends (the broker then publishes the will, as when the ESP8266 is reset).
     */
    static ClientProvider own(Function<Map<String, Object>, MqttClient> factory) {
        return new ClientProvider() {
            @Override
            public MqttClient acquire(Map<String, Object> config) {
                return factory.apply(config);
            }

            @Override
            public void release(MqttClient client) {
                client.close();
            }

            @Override
            public boolean shared() {
                return false;
            }
        };
    }

    /** {@link #own(Function)} with {@code MqttClient.create(MqttConfig.fromMap(config))}. */
    static ClientProvider own() {
        return own(config -> MqttClient.create(MqttConfig.fromMap(config)));
    }

    /** A client owned by someone else (e.g. an {@code io.mqttas.session} component's service). */
    static ClientProvider shared(MqttClient client) {
        Logger log = LoggerFactory.getLogger(ClientProvider.class);
        return new ClientProvider() {
            @Override
            public MqttClient acquire(Map<String, Object> config) {
                log.info("bridge uses a shared MQTT client; the host's broker settings and will are ignored");
                return client;
            }

            @Override
            public void release(MqttClient c) {
                // not ours to close
            }

            @Override
            public boolean shared() {
                return true;
            }
        };
    }
}
