/* Issue 10 item 1: the names of an mqttas cloud connection's components. */
package io.mqttas.kura.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class StackPidsTest {
    @Test
    void suffixIsCarriedToEveryComponent() {
        assertEquals(List.of("io.mqttas.kura.CloudEndpoint", "io.mqttas.kura.DataService", "io.mqttas.kura.DataTransport"),
                StackPids.of("io.mqttas.kura.CloudEndpoint").all());
        assertEquals(List.of("io.mqttas.kura.CloudEndpoint-plant2", "io.mqttas.kura.DataService-plant2",
                "io.mqttas.kura.DataTransport-plant2"), StackPids.of("io.mqttas.kura.CloudEndpoint-plant2").all());
        assertNull(StackPids.of("org.eclipse.kura.cloudconnection.raw.mqtt.CloudEndpoint"));
        assertNull(StackPids.of("io.mqttas.kura.CloudEndpoint-"));
        assertNull(StackPids.of("io.mqttas.kura.CloudEndpoint-a-b"));
        assertNull(StackPids.of(null));
    }
}
