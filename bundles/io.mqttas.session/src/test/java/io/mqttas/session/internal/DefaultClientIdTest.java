/* Issue 9 item 7: the default client_id is unique per machine and per configuration, and stable. */
package io.mqttas.session.internal;

import io.mqttas.session.MqttConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultClientIdTest {

    @Test
    void theDefaultClientIdDiffersPerConfigurationAndPerMachineAndIsStable() {
        String a = MqttConfig.builder().server("b").configurationName("io.mqttas.session~main").build().clientId();
        String a2 = MqttConfig.builder().server("b").configurationName("io.mqttas.session~main").build().clientId();
        String b = MqttConfig.builder().server("b").configurationName("io.mqttas.session~backup").build().clientId();
        assertEquals(a, a2, "stable: the same configuration keeps its id (and its persistent session)");
        assertNotEquals(a, b, "two configurations on one gateway");
        assertTrue(a.matches("mqttas-[0-9a-f]{16}"), a);
        assertEquals(23, a.length(), "the length every MQTT 3.1.1 broker must accept");
        assertNotEquals(DefaultClientId.of("machine-id:1111", "cfg"), DefaultClientId.of("machine-id:2222", "cfg"),
                "two machines (a cloned image gets a new machine-id on first boot)");
        assertTrue(DefaultClientId.machineIdentity().startsWith("machine-id:") || DefaultClientId.machineIdentity().startsWith("mac:")
                || DefaultClientId.machineIdentity().startsWith("host:"));
    }
}
