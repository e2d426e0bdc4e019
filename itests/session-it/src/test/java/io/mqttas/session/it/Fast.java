/* Test helper: client settings that keep the scenarios inside the CI budget. */
package io.mqttas.session.it;

import io.mqttas.session.MqttConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Short keepalive and response_time, fast back-off: outages are found and mended in about a second. */
final class Fast {
    private Fast() {
    }

    /**
     * Issue 13 item 8: with {@code -Dmqttas.it.version=5} (the pom's {@code mqtt5-scenarios}
     * execution) every client of these settings speaks MQTT 5.0, with a Session Expiry Interval so
     * that {@code clean=false} keeps a session as it does in 3.1.1.
     */
    static final boolean V5 = "5".equals(System.getProperty("mqttas.it.version"));

    static MqttConfig.Builder config(String host, int port, String clientId) {
        MqttConfig.Builder b = MqttConfig.builder().server(host).port(port).clientId(clientId).keepalive(2).responseTime(1)
                .reconnectDelayMin(0.05).reconnectDelayMax(0.5).reconnectJitter(0.5).stabilityTime(0);
        return V5 ? mqttv5KeepingSessions(b) : b;
    }

    /**
     * MQTT 5.0 with a Session Expiry Interval of 300 s: in 5.0 {@code clean=false} keeps a session
     * only with one (0 ends it with the connection), so the persistent-session cases behave as in 3.1.1.
     */
    static MqttConfig.Builder mqttv5KeepingSessions(MqttConfig.Builder b) {
        return b.mqttv5(true).property("mqttv5_con_props", "session_expiry_interval", 300);
    }

    /** A client whose session outlives its connection in either version: clean=false, no clean_init dance. */
    static MqttConfig.Builder persistent(String host, int port, String clientId, boolean v5) {
        MqttConfig.Builder b = config(host, port, clientId).clean(false).cleanInit(false);
        return v5 ? mqttv5KeepingSessions(b) : b.mqttv5(false);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void eventually(Duration within, String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + within + ": " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
